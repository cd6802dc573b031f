namespace Appraisal.Domain.Scoring;

/// <summary>A ledger entry (台帐): occurrences of a bonus or deduction item for a subject, with its evidence.</summary>
public sealed record LedgerEntry
{
    public required string SubjectId { get; init; }

    public required string ItemId { get; init; }

    public required int Occurrences { get; init; }

    /// <summary>The evidence reference: a document number, or a content hash once evidence is stored.</summary>
    public string? Evidence { get; init; }

    public string? Note { get; init; }

    public InputSource? Source { get; init; }

    /// <summary>The appraisal office's verdict when it adjusted or rejected the claim; none when accepted as claimed.</summary>
    public LedgerVerification? Verification { get; init; }
}
