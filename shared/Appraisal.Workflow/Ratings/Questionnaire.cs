using Appraisal.Domain.Organisation;
using Appraisal.Domain.Raters;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using Appraisal.Storage.Ballots;

namespace Appraisal.Workflow.Ratings;

/// <summary>One section of a rater's questionnaire: the questions about the subjects of one department, as many as one
/// atomic write of the ballot box holds (a larger department is split: <c>D03.1</c>, <c>D03.2</c> …).</summary>
public sealed record QuestionnaireSection(string Id, string DepartmentId, IReadOnlyList<RatingAssignment> Questions);

/// <summary>What each person of an office is asked to rate under a scheme (民主测评问卷), in sections.</summary>
public static class Questionnaire
{
    /// <summary>The rater's sections, in the order of the departments of their subjects; none when they rate nobody.</summary>
    public static IReadOnlyList<QuestionnaireSection> For(OfficeOrganisation organisation, Scheme scheme, SubjectSet subjects, Person rater, IReadOnlyCollection<string>? partyGroup)
    {
        var sections = new List<QuestionnaireSection>();
        foreach (var department in RaterEligibility.AssignmentsOf(organisation, scheme, subjects, rater, partyGroup).GroupBy(a => a.Subject.DepartmentId, StringComparer.Ordinal))
        {
            var chunks = department.Chunk(BallotBox.MaxAnswers).ToList();
            for (var i = 0; i < chunks.Count; i++)
            {
                sections.Add(new QuestionnaireSection(chunks.Count == 1 ? department.Key : $"{department.Key}.{i + 1}", department.Key, chunks[i]));
            }
        }

        return sections;
    }

    /// <summary>Every person of the office who rates someone, with their sections.</summary>
    public static IEnumerable<(Person Rater, IReadOnlyList<QuestionnaireSection> Sections)> Raters(OfficeOrganisation organisation, Scheme scheme, IReadOnlyCollection<string>? partyGroup)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var subjects = SubjectSet.For(scheme, organisation);
        foreach (var person in organisation.People)
        {
            var sections = For(organisation, scheme, subjects, person, partyGroup);
            if (sections.Count > 0)
            {
                yield return (person, sections);
            }
        }
    }
}
