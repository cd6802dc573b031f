namespace Appraisal.Domain.Schemes;

/// <summary>A value computed from case records for a subject and period.</summary>
public enum CaseMetric
{
    /// <summary>Cases closed in the period (办案量).</summary>
    CaseCount,

    /// <summary>Cases closed in the period as a percentage of cases active in it (办结率).</summary>
    ClosureRate,

    /// <summary>Overdue cases as a percentage of cases active in the period (超期率).</summary>
    OverdueRate,

    /// <summary>Average days from acceptance to closing of the cases closed in the period (平均办案天数).</summary>
    AverageHandlingDays,

    /// <summary>Cases active in the period carrying any of the filter's quality flags.</summary>
    FlaggedCount,
}
