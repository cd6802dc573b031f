using Appraisal.Domain.Schemes;

namespace Appraisal.Domain.Scoring;

/// <summary>Ledger entries grouped by subject, in the order they were recorded.</summary>
public sealed class LedgerBook
{
    private readonly List<LedgerEntry>?[] _bySubject;

    private LedgerBook(int subjects) => _bySubject = new List<LedgerEntry>?[subjects];

    public IReadOnlyList<LedgerEntry> For(int subject) => (IReadOnlyList<LedgerEntry>?)_bySubject[subject] ?? [];

    /// <summary>Groups entries by subject; an entry for someone not appraised, or for an item the scheme lacks,
    /// is refused (check inputs first).</summary>
    public static LedgerBook Build(Scheme scheme, SubjectSet subjects, IEnumerable<LedgerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(entries);
        var items = scheme.LedgerItems.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var book = new LedgerBook(subjects.Count);
        foreach (var entry in entries)
        {
            var s = subjects.IndexOf(entry.SubjectId);
            if (s < 0)
            {
                throw new ArgumentException($"ledger entry for '{entry.SubjectId}', who is not appraised under this scheme", nameof(entries));
            }

            if (!items.Contains(entry.ItemId))
            {
                throw new ArgumentException($"ledger entry for item '{entry.ItemId}', which scheme {scheme.Id} does not have", nameof(entries));
            }

            (book._bySubject[s] ??= []).Add(entry);
        }

        return book;
    }
}
