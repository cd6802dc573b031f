using System.Globalization;
using System.Resources;
using Appraisal.Domain.Text;

namespace Appraisal.Workflow.Pages;

/// <summary>The pages' texts, from resource files: <c>Texts.resx</c> (Chinese, the neutral language) and
/// <c>Texts.en.resx</c> (English). A key missing from both is shown as itself, so a gap is visible, never blank.</summary>
public static class PageText
{
    private static readonly ResourceManager Resources = new("Appraisal.Workflow.Pages.Texts", typeof(PageText).Assembly);
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static string Get(Language language, string key) =>
        Resources.GetString(key, language == Language.En ? English : CultureInfo.InvariantCulture) ?? key;

    public static string Format(Language language, string key, params object?[] values) =>
        string.Format(CultureInfo.InvariantCulture, Get(language, key), values);

    /// <summary>Every key of a language's resources (for the test that keeps the two languages complete).</summary>
    public static IReadOnlySet<string> Keys(Language language)
    {
        var set = Resources.GetResourceSet(language == Language.En ? English : CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false);
        return set is null ? new HashSet<string>() : set.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).ToHashSet(StringComparer.Ordinal);
    }
}
