using Appraisal.Domain.Organisation;
using Appraisal.Domain.Schemes;

namespace Appraisal.Domain.Scoring;

/// <summary>The subjects a scheme appraises in an office, in a stable order, with lookups by id.</summary>
public sealed class SubjectSet
{
    private readonly Dictionary<string, int> _index;

    public SubjectSet(IReadOnlyList<AppraisalSubject> subjects)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        Items = subjects;
        _index = new Dictionary<string, int>(subjects.Count, StringComparer.Ordinal);
        for (var i = 0; i < subjects.Count; i++)
        {
            _index.Add(subjects[i].Id, i);
        }
    }

    public IReadOnlyList<AppraisalSubject> Items { get; }

    public int Count => Items.Count;

    public AppraisalSubject this[int index] => Items[index];

    public int IndexOf(string id) => _index.GetValueOrDefault(id, -1);

    /// <summary>Departments for a department scheme; people of the scheme's staff categories for a person scheme.</summary>
    public static SubjectSet For(Scheme scheme, OfficeOrganisation organisation)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(organisation);
        if (scheme.SubjectKind == SubjectKind.Department)
        {
            return new SubjectSet(organisation.Departments.Select(AppraisalSubject.Of).ToList());
        }

        var categories = scheme.StaffCategories.ToHashSet();
        return new SubjectSet(organisation.People
            .Where(p => categories.Contains(p.Category))
            .Select(AppraisalSubject.Of)
            .ToList());
    }
}
