namespace Appraisal.Domain.Schemes;

/// <summary>How category scores make up the total.</summary>
public enum SchemeMode
{
    /// <summary>Bases add up to 100; indicators and ledger items adjust each base (template A, 基础分加减分).</summary>
    BasePlusAdjustment,

    /// <summary>Each category is scored 0–100 and counts with its weight (template B: 70/10/10/10).</summary>
    Weighted,
}
