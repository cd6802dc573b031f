using System.ComponentModel.DataAnnotations;
using Appraisal.Domain.Decisions;

namespace Appraisal.Workflow.Cycle;

/// <summary>The office's cycle settings (configuration section <c>Cycle</c>): how long each stage lasts and who decides.
/// A start request may override the durations, so tests and demonstrations run a whole cycle in seconds. A stage's
/// duration is a time span or a count of working days (<see cref="StageDuration"/>: <c>Cycle__ObjectionPeriod=5wd</c>).</summary>
public sealed class CycleOptions
{
    public const string Section = "Cycle";

    /// <summary>The scheme each timer-started cycle is scored under (its latest decided version).</summary>
    [Required]
    public string SchemeId { get; set; } = "template-b";

    /// <summary>Time from the cycle's start to the self-evaluation deadline (自查自评截止).</summary>
    public StageDuration SelfEvaluationTime { get; set; } = TimeSpan.FromDays(10);

    public TimeSpan RemindBefore { get; set; } = TimeSpan.FromDays(2);

    public LateSubmissionPolicy LatePolicy { get; set; } = LateSubmissionPolicy.AcceptDuringGrace;

    public StageDuration Grace { get; set; } = TimeSpan.FromDays(2);

    /// <summary>Time a department has to correct a returned submission.</summary>
    public StageDuration CorrectionTime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long the raters have to answer (民主测评); none: as long as self-evaluation lasts.</summary>
    public StageDuration? RatingTime { get; set; }

    /// <summary>The publication's objection period (公示期).</summary>
    public StageDuration ObjectionPeriod { get; set; } = TimeSpan.FromDays(5);

    public ApprovalRule ApprovalRule { get; set; } = ApprovalRule.Majority;

    /// <summary>The Party group's members (person ids); empty: the office's chief and deputy chief prosecutors.</summary>
    public IList<string> PartyGroup { get; } = [];

    /// <summary>The chief's person id (for <see cref="ApprovalRule.ChiefDecides"/>); empty: the office's chief prosecutor.</summary>
    public string? ChiefId { get; set; }
}

/// <summary>Checks the office's durations when the host starts, each problem naming its configuration key
/// (<c>Cycle:ObjectionPeriod: expected … found …</c>).</summary>
public sealed class CycleOptionsValidation : Microsoft.Extensions.Options.IValidateOptions<CycleOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, CycleOptions options) =>
        CycleStarter.Problems(options) is { Count: > 0 } problems
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problems)
            : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
}
