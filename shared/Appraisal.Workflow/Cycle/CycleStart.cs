namespace Appraisal.Workflow.Cycle;

/// <summary>A request to start an office's cycle for a quarter. Durations left out come from <see cref="CycleOptions"/>;
/// a scheme version left out is the latest decided one (none decided: the cycle asks the Party group first). The
/// self-evaluation deadline is <see cref="SelfEvaluationDeadlineUtc"/> when given (a province's offices share one),
/// else the start plus <see cref="SelfEvaluationTime"/>. Under a scheme with rated indicators the raters rate in a window
/// of <see cref="RatingTime"/> (else the office's setting, else as long as self-evaluation): 民主测评, beside
/// self-evaluation or after it, as the scheme says.</summary>
public sealed record CycleStart(
    string OfficeId,
    string Period,
    string? SchemeId = null,
    int? SchemeVersion = null,
    TimeSpan? SelfEvaluationTime = null,
    TimeSpan? RemindBefore = null,
    TimeSpan? Grace = null,
    TimeSpan? CorrectionTime = null,
    TimeSpan? ObjectionPeriod = null,
    LateSubmissionPolicy? LatePolicy = null,
    DateTime? SelfEvaluationDeadlineUtc = null,
    TimeSpan? RatingTime = null);
