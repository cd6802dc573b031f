using Appraisal.Workflow.Cycle;

namespace Appraisal.Workflow.Province;

/// <summary>A request to start a province's quarter: the offices (left out: every imported office), the batch size,
/// and the settings every office cycle shares (as in <see cref="CycleStart"/>; one deadline for all).</summary>
public sealed record ProvinceStart(
    string ProvinceId,
    string Period,
    IReadOnlyList<string>? OfficeIds = null,
    int? BatchSize = null,
    string? SchemeId = null,
    int? SchemeVersion = null,
    StageDuration? SelfEvaluationTime = null,
    TimeSpan? RemindBefore = null,
    StageDuration? Grace = null,
    StageDuration? CorrectionTime = null,
    StageDuration? ObjectionPeriod = null,
    LateSubmissionPolicy? LatePolicy = null,
    StageDuration? RatingTime = null);
