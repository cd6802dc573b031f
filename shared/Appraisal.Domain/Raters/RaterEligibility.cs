using Appraisal.Domain.Organisation;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;

namespace Appraisal.Domain.Raters;

/// <summary>Who may rate a subject in a rater group (评价主体), and what a rater is asked to rate.</summary>
/// <remarks>
/// Nobody rates themselves: a person subject is not among their own raters, and a department subject (in a department
/// scheme) is rated by none of its own members. <see cref="RaterKind.External"/> has nobody of the office.
/// <para>A person may be eligible in several groups of one indicator (a department head is also a colleague and one of
/// all staff); they answer in one only, the most specific: department head, office leaders, the named department,
/// same department, all staff (<c>GroupOf</c>).</para>
/// <para>Office leaders are the chief and deputy chief prosecutors, and the Party group's members when the office
/// names them (<c>partyGroup</c> of each method: person ids; empty or null adds nobody).</para>
/// </remarks>
public static class RaterEligibility
{
    /// <summary>Everyone of the office who may rate <paramref name="subject"/> in <paramref name="group"/>, in the
    /// organisation's order.</summary>
    public static IReadOnlyList<Person> Raters(OfficeOrganisation organisation, RaterGroup group, AppraisalSubject subject, IReadOnlyCollection<string>? partyGroup = null)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(subject);
        if (group.EffectiveRaters == RaterKind.External)
        {
            return [];
        }

        var heads = HeadsOf(organisation, subject.DepartmentId);
        return organisation.People.Where(p => Eligible(group, p, subject, heads, partyGroup)).ToList();
    }

    /// <summary>Whether <paramref name="rater"/> may rate <paramref name="subject"/> in <paramref name="group"/>.</summary>
    public static bool IsEligible(OfficeOrganisation organisation, RaterGroup group, Person rater, AppraisalSubject subject, IReadOnlyCollection<string>? partyGroup = null)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(rater);
        ArgumentNullException.ThrowIfNull(subject);
        var heads = group.EffectiveRaters == RaterKind.DepartmentHead ? HeadsOf(organisation, subject.DepartmentId) : [];
        return Eligible(group, rater, subject, heads, partyGroup);
    }

    /// <summary>The group of <paramref name="indicator"/> in which <paramref name="rater"/> answers for
    /// <paramref name="subject"/> (the most specific they are eligible in), or null when they do not rate them.</summary>
    public static RaterGroup? GroupOf(OfficeOrganisation organisation, RatedIndicator indicator, Person rater, AppraisalSubject subject, IReadOnlyCollection<string>? partyGroup = null)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(rater);
        ArgumentNullException.ThrowIfNull(subject);
        return GroupOf(indicator, rater, subject, HeadsOf(organisation, subject.DepartmentId), partyGroup);
    }

    /// <summary>Who answers for <paramref name="subject"/> in <paramref name="group"/> of <paramref name="indicator"/>:
    /// those eligible in it who have no more specific group of the indicator (<see cref="Raters"/> less those who
    /// answer elsewhere) — the most responses the group can have.</summary>
    public static IReadOnlyList<Person> Respondents(OfficeOrganisation organisation, RatedIndicator indicator, RaterGroup group, AppraisalSubject subject, IReadOnlyCollection<string>? partyGroup = null)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(subject);
        var heads = HeadsOf(organisation, subject.DepartmentId);
        return organisation.People.Where(p => string.Equals(GroupOf(indicator, p, subject, heads, partyGroup)?.Group, group.Group, StringComparison.Ordinal)).ToList();
    }

    /// <summary>What <paramref name="rater"/> is asked to rate under <paramref name="scheme"/> (what their questionnaire
    /// shows): each subject in the set's order, each rated indicator in the scheme's order, in the group they answer in.</summary>
    public static IReadOnlyList<RatingAssignment> AssignmentsOf(OfficeOrganisation organisation, Scheme scheme, SubjectSet subjects, Person rater, IReadOnlyCollection<string>? partyGroup = null)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(rater);
        var assignments = new List<RatingAssignment>();
        if (scheme.RatedIndicators.Count == 0)
        {
            return assignments;
        }

        var headsByDepartment = new Dictionary<string, IReadOnlyList<Person>>(StringComparer.Ordinal);
        foreach (var subject in subjects.Items)
        {
            if (!headsByDepartment.TryGetValue(subject.DepartmentId, out var heads))
            {
                headsByDepartment[subject.DepartmentId] = heads = HeadsOf(organisation, subject.DepartmentId);
            }

            foreach (var indicator in scheme.RatedIndicators)
            {
                if (GroupOf(indicator, rater, subject, heads, partyGroup) is { } group)
                {
                    assignments.Add(new RatingAssignment(indicator, group, subject));
                }
            }
        }

        return assignments;
    }

    /// <summary>Whether a person is one of the office's leaders: the chief or a deputy chief prosecutor, or a named
    /// Party-group member.</summary>
    public static bool IsOfficeLeader(Person person, IReadOnlyCollection<string>? partyGroup = null)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person.Post is LeadershipPost.ChiefProsecutor or LeadershipPost.DeputyChiefProsecutor
            || (partyGroup is not null && partyGroup.Contains(person.Id));
    }

    /// <summary>Whether the subject is a department (of a department scheme) rather than a person.</summary>
    public static bool IsDepartment(AppraisalSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return subject.StaffCategory is null && string.Equals(subject.Id, subject.DepartmentId, StringComparison.Ordinal);
    }

    private static RaterGroup? GroupOf(RatedIndicator indicator, Person rater, AppraisalSubject subject, IReadOnlyList<Person> heads, IReadOnlyCollection<string>? partyGroup)
    {
        RaterGroup? chosen = null;
        foreach (var group in indicator.RaterGroups)
        {
            if ((chosen is null || Precedence(group.EffectiveRaters) < Precedence(chosen.EffectiveRaters))
                && Eligible(group, rater, subject, heads, partyGroup))
            {
                chosen = group;
            }
        }

        return chosen;
    }

    private static int Precedence(RaterKind kind) => kind switch
    {
        RaterKind.DepartmentHead => 0,
        RaterKind.OfficeLeaders => 1,
        RaterKind.Department => 2,
        RaterKind.SameDepartment => 3,
        RaterKind.AllStaff => 4,
        _ => 5,
    };

    /// <summary>Eligibility with the heads of the subject's department given (needed for <see cref="RaterKind.DepartmentHead"/> only).</summary>
    private static bool Eligible(RaterGroup group, Person rater, AppraisalSubject subject, IReadOnlyList<Person> heads, IReadOnlyCollection<string>? partyGroup)
    {
        var own = IsDepartment(subject)
            ? string.Equals(rater.DepartmentId, subject.Id, StringComparison.Ordinal)
            : string.Equals(rater.Id, subject.Id, StringComparison.Ordinal);
        if (own)
        {
            return false;
        }

        return group.EffectiveRaters switch
        {
            RaterKind.SameDepartment => string.Equals(rater.DepartmentId, subject.DepartmentId, StringComparison.Ordinal),
            RaterKind.DepartmentHead => heads.Any(h => string.Equals(h.Id, rater.Id, StringComparison.Ordinal)),
            RaterKind.OfficeLeaders => IsOfficeLeader(rater, partyGroup),
            RaterKind.AllStaff => true,
            RaterKind.Department => group.DepartmentId is not null && string.Equals(rater.DepartmentId, group.DepartmentId, StringComparison.Ordinal),
            _ => false,
        };
    }

    /// <summary>The heads of a department (部门负责人): every person of the department holding that post. The leadership
    /// (院领导班子) has none: its members are rated as office leaders.</summary>
    public static IReadOnlyList<Person> HeadsOf(OfficeOrganisation organisation, string departmentId)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        return organisation.People
            .Where(p => p.Post == LeadershipPost.DepartmentHead && string.Equals(p.DepartmentId, departmentId, StringComparison.Ordinal))
            .ToList();
    }
}
