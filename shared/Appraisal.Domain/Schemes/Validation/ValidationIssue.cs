using Appraisal.Domain.Text;

namespace Appraisal.Domain.Schemes.Validation;

/// <summary>One problem found in a scheme: where (a JSON path such as <c>$.categories[1].base</c>) and why, in English
/// (<see cref="Message"/>) and Chinese (<see cref="MessageZh"/>, what users read by default).</summary>
public sealed record ValidationIssue(IssueSeverity Severity, string Path, string Message, string MessageZh)
{
    /// <summary>An issue whose text has no Chinese version: the English serves both languages.</summary>
    public ValidationIssue(IssueSeverity severity, string path, string message)
        : this(severity, path, message, message)
    {
    }

    /// <summary>The message in <paramref name="language"/>.</summary>
    public string Text(Language language) => language == Language.En ? Message : MessageZh;

    /// <summary>The issue in English, e.g. <c>error $.categories: expected category bases summing to 100, found 105</c>.</summary>
    public override string ToString() => ToString(Language.En);

    /// <summary>The issue in <paramref name="language"/>, e.g. <c>错误 $.categories：期望类别基础分之和为 100，实际为 105</c>.</summary>
    public string ToString(Language language) => language == Language.En
        ? $"{(Severity == IssueSeverity.Error ? "error" : "warning")} {Path}: {Message}"
        : $"{(Severity == IssueSeverity.Error ? "错误" : "警告")} {Path}：{MessageZh}";
}
