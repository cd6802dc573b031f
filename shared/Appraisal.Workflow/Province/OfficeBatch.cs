using Appraisal.Workflow.Cycle;

namespace Appraisal.Workflow.Province;

/// <summary>A batch of offices run side by side under one orchestration, which keeps every history small.</summary>
public sealed record OfficeBatch(int Number, CycleInput Template, IReadOnlyList<string> OfficeIds);
