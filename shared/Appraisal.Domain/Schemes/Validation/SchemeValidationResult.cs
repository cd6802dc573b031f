namespace Appraisal.Domain.Schemes.Validation;

/// <summary>The outcome of validating a scheme document: the scheme when it could be read, and every issue found.</summary>
public sealed record SchemeValidationResult(Scheme? Scheme, IReadOnlyList<ValidationIssue> Issues)
{
    public bool IsValid => Scheme is not null && !Issues.Any(i => i.Severity == IssueSeverity.Error);

    public IEnumerable<ValidationIssue> Errors => Issues.Where(i => i.Severity == IssueSeverity.Error);

    public IEnumerable<ValidationIssue> Warnings => Issues.Where(i => i.Severity == IssueSeverity.Warning);
}
