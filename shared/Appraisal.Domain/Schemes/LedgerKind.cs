namespace Appraisal.Domain.Schemes;

/// <summary>Whether a ledger item adds (加分) or deducts (减分).</summary>
public enum LedgerKind
{
    Bonus,
    Deduction,
}
