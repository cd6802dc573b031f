namespace Appraisal.Domain.Scoring;

/// <summary>Ledger entries grouped by subject, in the order they were recorded.</summary>
public sealed class LedgerBook
{
    private readonly List<LedgerEntry>?[] _bySubject;

    private LedgerBook(int subjects) => _bySubject = new List<LedgerEntry>?[subjects];

    public IReadOnlyList<LedgerEntry> For(int subject) => (IReadOnlyList<LedgerEntry>?)_bySubject[subject] ?? [];

    /// <summary>Groups entries by subject; an entry for someone not appraised is refused (check inputs first).</summary>
    public static LedgerBook Build(SubjectSet subjects, IEnumerable<LedgerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(entries);
        var book = new LedgerBook(subjects.Count);
        foreach (var entry in entries)
        {
            var s = subjects.IndexOf(entry.SubjectId);
            if (s < 0)
            {
                throw new ArgumentException($"ledger entry for '{entry.SubjectId}', who is not appraised under this scheme", nameof(entries));
            }

            (book._bySubject[s] ??= []).Add(entry);
        }

        return book;
    }
}
