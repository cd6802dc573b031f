using Appraisal.Domain.Decisions;

namespace Appraisal.Workflow.YearEnd;

/// <summary>One office's year-end appraisal: the year, the scheme version, who decides how, the objection period;
/// <see cref="TimersOnTime"/> as in <see cref="Cycle.CycleInput"/>.</summary>
public sealed record YearEndInput(string OfficeId, string Year, string SchemeId, int SchemeVersion, ApprovalRule ApprovalRule, IReadOnlyList<string> PartyGroup, string? ChiefId, Cycle.StageDuration ObjectionPeriod,
    bool CountsDeadlines = false,
    bool TimersOnTime = false)
{
    public string InstanceId => $"yearend-{OfficeId}-{Year}";
}
