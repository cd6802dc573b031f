namespace Appraisal.Workflow.Cycle;

/// <summary>A request to start an office's cycle for a quarter. Durations left out come from <see cref="CycleOptions"/>;
/// a scheme version left out is the latest decided one (none decided: the cycle asks the Party group first). The
/// self-evaluation deadline is <see cref="SelfEvaluationDeadlineUtc"/> when given (a province's offices share one),
/// else the start plus <see cref="SelfEvaluationTime"/>.</summary>
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
    DateTime? SelfEvaluationDeadlineUtc = null);
