using Appraisal.Domain.Cycles;

namespace Appraisal.Workflow.Pages;

/// <summary>One period of an office as the dashboard shows it (a quarter's cycle, a month's bulletin, a year-end
/// appraisal): its stage, who it waits for, until when, the departments correcting a returned submission beside the
/// verification (each with its deadline), and whether anything is overdue.</summary>
public sealed record DashboardRow(string Period, string RuntimeStatus, CycleStage? Stage, IReadOnlyList<string> Awaiting, DateTime? UntilUtc, bool Overdue)
{
    public IReadOnlyList<Cycle.CorrectionWindow> Correcting { get; init; } = [];

    /// <summary>The response rates of the period's rating window (民主测评), or null when it has none.</summary>
    public Actions.ResponseRates? Ratings { get; init; }
}
