namespace Appraisal.Workflow.Cycle;

/// <summary>A request to start an office's cycle for a quarter. Durations left out come from <see cref="CycleOptions"/>;
/// a scheme version left out is the latest decided one (none decided: the cycle asks the Party group first). The
/// self-evaluation deadline is <see cref="SelfEvaluationDeadlineUtc"/> when given (a province's offices share one),
/// else the start plus <see cref="SelfEvaluationTime"/>. Under a scheme with rated indicators the raters rate in a window
/// of <see cref="RatingTime"/> (else the office's setting, else as long as self-evaluation): 民主测评, beside
/// self-evaluation or after it, as the scheme says. Each duration but <see cref="RemindBefore"/> may be given in
/// working days (<see cref="StageDuration"/>: <c>"5wd"</c>).</summary>
public sealed record CycleStart(
    string OfficeId,
    string Period,
    string? SchemeId = null,
    int? SchemeVersion = null,
    StageDuration? SelfEvaluationTime = null,
    TimeSpan? RemindBefore = null,
    StageDuration? Grace = null,
    StageDuration? CorrectionTime = null,
    StageDuration? ObjectionPeriod = null,
    LateSubmissionPolicy? LatePolicy = null,
    DateTime? SelfEvaluationDeadlineUtc = null,
    StageDuration? RatingTime = null);
