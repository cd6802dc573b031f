using Appraisal.Domain.Schemes.Validation;

namespace Appraisal.Workflow.Http;

/// <summary>One problem found in a scheme document, as HTTP clients see it: where (a JSON path such as
/// <c>$.categories[1].base</c>) and why.</summary>
public sealed record IssueResponse(string Path, string Message)
{
    public static IssueResponse From(ValidationIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        return new(issue.Path, issue.Message);
    }
}
