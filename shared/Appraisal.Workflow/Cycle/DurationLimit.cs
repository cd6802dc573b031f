using System.Globalization;
using Appraisal.Domain.Text;

namespace Appraisal.Workflow.Cycle;

/// <summary>How long a stage of a cycle may be set to last when a start asks for it: more than nothing (or, where none
/// is a choice, nothing at all) and at most <see cref="Max"/> — a quarter's stages fit in the quarter that follows; in
/// working days at most <see cref="MaxWorkingDays"/>.</summary>
public sealed record DurationLimit(bool Positive, TimeSpan Max, int MaxWorkingDays = 40)
{
    /// <summary>From the start to the self-evaluation deadline.</summary>
    public static DurationLimit SelfEvaluationTime { get; } = new(true, TimeSpan.FromDays(60));

    /// <summary>How long before the deadline the reminder goes out (none: no reminder).</summary>
    public static DurationLimit RemindBefore { get; } = new(false, TimeSpan.FromDays(60));

    /// <summary>How long after the deadline a late submission is still taken (none: no grace).</summary>
    public static DurationLimit Grace { get; } = new(false, TimeSpan.FromDays(30), 20);

    public static DurationLimit CorrectionTime { get; } = new(true, TimeSpan.FromDays(30), 20);

    public static DurationLimit ObjectionPeriod { get; } = new(true, TimeSpan.FromDays(30), 20);

    /// <summary>How long the raters have to answer (民主测评).</summary>
    public static DurationLimit RatingTime { get; } = new(true, TimeSpan.FromDays(60));

    public bool Holds(TimeSpan value) => (Positive ? value > TimeSpan.Zero : value >= TimeSpan.Zero) && value <= Max;

    /// <summary>Calendar time within <see cref="Holds(TimeSpan)"/>; working days from 1 to <see cref="MaxWorkingDays"/>.</summary>
    public bool Holds(StageDuration value) => value.InWorkingDays ? value.WorkingDays <= MaxWorkingDays : Holds(value.Time);

    /// <summary>What is expected, e.g. "more than 0 and at most 60 days".</summary>
    public string Describe(Language language) => language == Language.En
        ? $"{(Positive ? "more than 0" : "from 0")} {(Positive ? "and at most" : "to")} {Days(Max)} days"
        : $"{(Positive ? "大于 0 且不超过" : "0 至")} {Days(Max)} 天";

    /// <summary>What is expected of a duration that may be in working days, e.g. "more than 0 and at most 30 days, or 1 to 20 working days".</summary>
    public string DescribeStage(Language language) => language == Language.En
        ? $"{Describe(language)}, or 1 to {MaxWorkingDays} working days (e.g. 5wd)"
        : $"{Describe(language)}，或 1 至 {MaxWorkingDays} 个工作日（如 5wd）";

    /// <summary>A duration in days, as the forms take it (0.5 is twelve hours).</summary>
    public static string Days(TimeSpan value) => value.TotalDays.ToString("0.######", CultureInfo.InvariantCulture);
}
