using System.ComponentModel.DataAnnotations;
using Appraisal.Domain.Decisions;

namespace Appraisal.Workflow.Cycle;

/// <summary>The office's cycle settings (configuration section <c>Cycle</c>): how long each stage lasts and who decides.
/// A start request may override the durations, so tests and demonstrations run a whole cycle in seconds.</summary>
public sealed class CycleOptions
{
    public const string Section = "Cycle";

    /// <summary>The scheme each timer-started cycle is scored under (its latest decided version).</summary>
    [Required]
    public string SchemeId { get; set; } = "template-b";

    /// <summary>Time from the cycle's start to the self-evaluation deadline (自查自评截止).</summary>
    public TimeSpan SelfEvaluationTime { get; set; } = TimeSpan.FromDays(10);

    public TimeSpan RemindBefore { get; set; } = TimeSpan.FromDays(2);

    public LateSubmissionPolicy LatePolicy { get; set; } = LateSubmissionPolicy.AcceptDuringGrace;

    public TimeSpan Grace { get; set; } = TimeSpan.FromDays(2);

    /// <summary>Time a department has to correct a returned submission.</summary>
    public TimeSpan CorrectionTime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long the raters have to answer (民主测评); none: as long as self-evaluation lasts.</summary>
    public TimeSpan? RatingTime { get; set; }

    /// <summary>The publication's objection period (公示期).</summary>
    public TimeSpan ObjectionPeriod { get; set; } = TimeSpan.FromDays(5);

    public ApprovalRule ApprovalRule { get; set; } = ApprovalRule.Majority;

    /// <summary>The Party group's members (person ids); empty: the office's chief and deputy chief prosecutors.</summary>
    public IList<string> PartyGroup { get; } = [];

    /// <summary>The chief's person id (for <see cref="ApprovalRule.ChiefDecides"/>); empty: the office's chief prosecutor.</summary>
    public string? ChiefId { get; set; }
}
