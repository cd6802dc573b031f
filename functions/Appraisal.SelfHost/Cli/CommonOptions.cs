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
}
