namespace Appraisal.Domain.Scoring;

/// <summary>One line of a scorecard: what it is for, the input it used, the rule's outcome and its points.</summary>
/// <param name="Category">The category the line counts in.</param>
/// <param name="Kind">What the line accounts for.</param>
/// <param name="Outcome">Which branch of the rule applied.</param>
/// <param name="Item">The indicator or ledger item id, when there is one.</param>
/// <param name="Raw">Points on the category's own scale (the 0–100 raw scale in a weighted scheme).</param>
/// <param name="Points">Points in the total: <see cref="Raw"/>, times the category weight in a weighted scheme.</param>
/// <param name="Input">The input value: metric value, rating, workload share in percent, or quarter score.</param>
/// <param name="Units">Units beyond or short of the target, or occurrences of a ledger item.</param>
/// <param name="Basis">The cases or ratings the input rests on.</param>
/// <param name="Entry">The ledger entry behind the line, with its evidence.</param>
public readonly record struct ScoreLine(
    string Category,
    LineKind Kind,
    LineOutcome Outcome,
    string? Item,
    decimal Raw,
    decimal Points,
    decimal? Input = null,
    int Units = 0,
    int Basis = 0,
    LedgerEntry? Entry = null);
