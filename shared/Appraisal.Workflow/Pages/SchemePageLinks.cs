namespace Appraisal.Workflow.Pages;

/// <summary>The addresses of a scheme version's pages, in the reader's language: the office's list, the version itself,
/// its difference from the version before (or from the scheme in force), the what-if preview and the submission.</summary>
public sealed record SchemePageLinks(string List, string Version, string Diff, string DiffInForce, string Preview, string Submission);
