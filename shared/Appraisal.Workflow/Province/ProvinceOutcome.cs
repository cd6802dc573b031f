namespace Appraisal.Workflow.Province;

/// <summary>How a province's offices ended: those completed, and those whose cycle failed (with the reason), which
/// people take up without holding back the others.</summary>
public sealed record ProvinceOutcome(int Batches, IReadOnlyList<string> Completed, IReadOnlyDictionary<string, string> Failed);
