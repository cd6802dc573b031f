namespace Appraisal.Domain.Schemes.Validation;

/// <summary>One problem found in a scheme: where (a JSON path such as <c>$.categories[1].base</c>) and why.</summary>
public sealed record ValidationIssue(IssueSeverity Severity, string Path, string Message)
{
    public override string ToString() => $"{(Severity == IssueSeverity.Error ? "error" : "warning")} {Path}: {Message}";
}
