using Appraisal.Domain.Text;

namespace Appraisal.Domain.Inputs;

/// <summary>A problem in an input file: where (file, line, field or JSON path) and what was expected and found, in
/// English (<see cref="Message"/>) and Chinese (<see cref="MessageZh"/>, what users read by default).</summary>
public sealed record InputError(string File, int Line, string Field, string Message, string MessageZh)
{
    /// <summary>An error whose text has no Chinese version: the English serves both languages.</summary>
    public InputError(string file, int line, string field, string message)
        : this(file, line, field, message, message)
    {
    }

    /// <summary>The message in <paramref name="language"/>.</summary>
    public string Text(Language language) => language == Language.En ? Message : MessageZh;

    /// <summary>The error in English, e.g. <c>cases.csv:4: accepted: expected a date like 2026-01-31, found '2026-13-05'</c>.</summary>
    public override string ToString() => ToString(Language.En);

    /// <summary>The error in <paramref name="language"/>, e.g. <c>cases.csv:4: accepted：应为 2026-01-31 格式的日期，实际为 '2026-13-05'</c>.</summary>
    public string ToString(Language language)
    {
        var where = Line > 0 ? $"{File}:{Line}: {Field}" : $"{File}: {Field}";
        return language == Language.En ? $"{where}: {Message}" : $"{where}：{MessageZh}";
    }
}
