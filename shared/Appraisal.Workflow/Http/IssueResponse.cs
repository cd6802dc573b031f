using Appraisal.Domain.Schemes.Validation;
using Appraisal.Domain.Text;

namespace Appraisal.Workflow.Http;

/// <summary>One problem found in a scheme document, as HTTP clients see it: where (a JSON path such as
/// <c>$.categories[1].base</c>) and why, in the language of the request.</summary>
public sealed record IssueResponse(string Path, string Message)
{
    public static IssueResponse From(ValidationIssue issue, Language language)
    {
        ArgumentNullException.ThrowIfNull(issue);
        return new(issue.Path, issue.Text(language));
    }
}
