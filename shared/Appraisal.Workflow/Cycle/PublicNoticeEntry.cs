namespace Appraisal.Workflow.Cycle;

/// <summary>One line of the public notice.</summary>
public sealed record PublicNoticeEntry(string Name, string Department, decimal Total, string Grade, int Rank);
