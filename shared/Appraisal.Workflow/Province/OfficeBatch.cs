using Appraisal.Workflow.Cycle;

namespace Appraisal.Workflow.Province;

/// <summary>A batch of offices run side by side under one orchestration, which keeps every history small. Each office's
/// cycle is built from its own organisation with the province's <see cref="Settings"/>.</summary>
public sealed record OfficeBatch(int Number, CycleStart Settings, IReadOnlyList<string> OfficeIds);
