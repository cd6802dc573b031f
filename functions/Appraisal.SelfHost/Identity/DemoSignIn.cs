using Appraisal.Domain.Organisation;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;

namespace Appraisal.SelfHost.Identity;

/// <summary>The demo's sign-in as anyone of its office (演示登录): the sign-in page lists the office's people by role, so
/// one person can play every part of a quarter in the browser. Registered only by <c>appraisal demo</c> in code — no
/// setting turns it on, so an installed self-host never offers it.</summary>
public sealed class DemoSignIn(string officeId)
{
    /// <summary>The appraisal office's and the supervisors' demo accounts (the sample organisation names no one to them).</summary>
    public const string AppraisalOffice = "appraisal-office";

    public const string Supervisor = "supervisor";

    public string OfficeId { get; } = officeId;

    /// <summary>Everyone the page offers, by role: the appraisal office, supervisors, the Party group, department heads, staff.</summary>
    public static IReadOnlyList<(Role Role, IReadOnlyList<(string Id, string Label)> People)> Roles(OfficeOrganisation org, CycleOptions options)
    {
        ArgumentNullException.ThrowIfNull(org);
        var (members, _) = CycleRecords.PartyGroup(org, options);
        string Label(Person p) => $"{p.Name}（{p.Id}，{org.FindDepartment(p.DepartmentId)?.Name ?? p.DepartmentId}）";
        return
        [
            (Role.AppraisalOffice, [(AppraisalOffice, "考核办 · Appraisal office")]),
            (Role.Supervisor, [(Supervisor, "纪检监察 · Supervisor")]),
            (Role.PartyGroup, org.People.Where(p => members.Contains(p.Id)).Select(p => (p.Id, Label(p))).ToList()),
            // A department without a head is answered for by its most senior member (the leadership's: the chief, listed
            // with the Party group and signed in with both roles).
            (Role.DepartmentHead, org.Departments.Select(d => org.AnswersFor(d.Id)).OfType<Person>().Where(p => !members.Contains(p.Id)).Select(p => (p.Id, Label(p))).ToList()),
            (Role.Staff, org.People.Where(p => p.Post != LeadershipPost.DepartmentHead && !members.Contains(p.Id)).Select(p => (p.Id, Label(p))).ToList()),
        ];
    }

    /// <summary>The caller a chosen person signs in as, with the roles their place in the organisation gives; null when
    /// the id is none of the office's.</summary>
    public Caller? CallerOf(OfficeOrganisation org, CycleOptions options, string id)
    {
        ArgumentNullException.ThrowIfNull(org);
        if (id == AppraisalOffice)
        {
            return new Caller(id, new HashSet<Role> { Role.AppraisalOffice }, OfficeId, null);
        }

        if (id == Supervisor)
        {
            return new Caller(id, new HashSet<Role> { Role.Supervisor }, OfficeId, null);
        }

        if (org.FindPerson(id) is not { } person)
        {
            return null;
        }

        var roles = new HashSet<Role> { Role.Staff };
        if (CycleRecords.PartyGroup(org, options).Members.Contains(id))
        {
            roles.Add(Role.PartyGroup);
        }

        if (org.AnswersFor(person.DepartmentId)?.Id == id)
        {
            roles.Add(Role.DepartmentHead);
        }

        return new Caller(id, roles, OfficeId, person.DepartmentId);
    }
}
