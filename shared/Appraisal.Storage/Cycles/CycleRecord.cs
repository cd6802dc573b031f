using Appraisal.Domain.Cycles;

namespace Appraisal.Storage.Cycles;

/// <summary>An appraisal cycle of one office and period: the scheme version it runs under and the stage it is at.</summary>
public sealed record CycleRecord(string OfficeId, string Period, string SchemeId, int SchemeVersion, CycleStage Stage, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
