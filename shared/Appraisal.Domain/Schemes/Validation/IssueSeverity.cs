namespace Appraisal.Domain.Schemes.Validation;

/// <summary>Errors make a scheme unusable; warnings are printed and do not block.</summary>
public enum IssueSeverity
{
    Error,
    Warning,
}
