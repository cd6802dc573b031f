using Appraisal.Domain.Text;
using Appraisal.Workflow.Identity;

namespace Appraisal.Workflow.Pages;

/// <summary>What every page of the workbench knows of its request: the reader's language, who is signed in, where the
/// pages live (so links work behind any path base), the same address in the other language, and where to sign out
/// (the self-host's browser sessions; none on Azure, where App Service Authentication signs people out).</summary>
public sealed record PageContext(Language Language, Caller? Caller, string PagesRoot, string SwitchLanguage, string? SignOut = null)
{
    /// <summary>A page's address from its route under <c>pages/</c>, in the reader's language.</summary>
    public string Page(string route) => $"{PagesRoot}/{route}{(Language == Language.En ? "?lang=en" : string.Empty)}";

    /// <summary>Whether the signed-in person holds a role the rule allows — so a page offers only the links and buttons
    /// its reader may follow (the page behind each checks again, with the reach).</summary>
    public bool May(AccessRule rule) => Caller is { } caller && caller.Roles.Any(rule.Allows);
}
