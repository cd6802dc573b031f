using System.Globalization;
using Appraisal.Domain.Text;

namespace Appraisal.SelfHost.Cli;

/// <summary>The words the commands print around input errors, in Chinese or English.</summary>
internal static class CliText
{
    /// <summary>The Chinese or the English, as <paramref name="language"/> asks.</summary>
    public static string Pick(Language language, string zh, string en) => language == Language.En ? en : zh;

    /// <summary>One error line: <c>错误：…</c> or <c>error: …</c>.</summary>
    public static string Error(Language language, string message) => Pick(language, "错误：", "error: ") + message;

    /// <summary>A file that is not there.</summary>
    public static string FileNotFound(Language language, FileInfo file) => Pick(language, $"{file.FullName}：找不到文件", $"{file.FullName}: file not found");

    /// <summary>The last line of a run refused for its inputs.</summary>
    public static string NothingScored(Language language, int errors) => Pick(language,
        string.Create(CultureInfo.InvariantCulture, $"{errors} 个输入错误：未计分"),
        string.Create(CultureInfo.InvariantCulture, $"{errors} input error(s): nothing scored"));

    /// <summary>Said after the first <paramref name="shown"/> of <paramref name="total"/> errors.</summary>
    public static string MoreErrors(Language language, int total, int shown) => Pick(language,
        string.Create(CultureInfo.InvariantCulture, $"…… 另有 {total - shown} 个错误"),
        string.Create(CultureInfo.InvariantCulture, $"… and {total - shown} more error(s)"));
}

/// <summary>A stage duration option (<c>--objection-period 5wd</c>, <c>5d</c> or <c>5.00:00:00</c>); a value it cannot
/// read is a parse error naming the option, what was expected and what was found.</summary>
internal static class StageDurationOption
{
    public static System.CommandLine.Option<Appraisal.Workflow.Cycle.StageDuration?> Create(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (Appraisal.Workflow.Cycle.StageDuration.TryParse(text, out var value))
            {
                return value;
            }

            result.AddError($"{name}: expected {Appraisal.Workflow.Cycle.StageDuration.Expected}, found '{text}' / 应为{Appraisal.Workflow.Cycle.StageDuration.ExpectedZh}，实际为 '{text}'");
            return null;
        },
    };
}
