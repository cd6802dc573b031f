namespace Appraisal.Domain.Periods;

/// <summary>The time nodes of appraisal: monthly bulletin (月有通报), quarterly appraisal (季有考评), year-end (年终总考核).</summary>
public enum PeriodKind
{
    Month,
    Quarter,
    Year,
}
