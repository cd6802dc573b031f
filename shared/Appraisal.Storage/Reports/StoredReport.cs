namespace Appraisal.Storage.Reports;

/// <summary>A report as stored: its name, content and the content type it was stored with.</summary>
public sealed record StoredReport(string Name, BinaryData Content, string ContentType);
