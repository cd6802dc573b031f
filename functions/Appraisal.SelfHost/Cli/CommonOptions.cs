using System.CommandLine;
using Appraisal.Domain.Text;

namespace Appraisal.SelfHost.Cli;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    public static Option<Language> Language() => new("--lang")
    {
        Description = "Language of the text for people: zh (default) or en",
        DefaultValueFactory = _ => Domain.Text.Language.Zh,
    };

    /// <summary><c>--actor</c>: who stores a document from the console, recorded in the audit log (the console's user by default).</summary>
    public static Option<string> Actor() => new("--actor")
    {
        Description = "Who stores it (recorded in the audit log)",
        DefaultValueFactory = _ => Environment.UserName,
    };

    /// <summary>Says on the error output that <paramref name="file"/> is not there; whether it was missing (exit 2 then).</summary>
    public static async Task<bool> MissingAsync(ParseResult parse, Language language, FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(file);
        if (file.Exists)
        {
            return false;
        }

        await parse.InvocationConfiguration.Error.WriteLineAsync(CliText.Error(language, CliText.FileNotFound(language, file)));
        return true;
    }
}
