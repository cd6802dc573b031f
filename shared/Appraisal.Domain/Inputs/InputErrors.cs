namespace Appraisal.Domain.Inputs;

/// <summary>Collects input errors across files; when any is present, nothing is scored.</summary>
public sealed class InputErrors
{
    private readonly List<InputError> _items = [];

    public IReadOnlyList<InputError> Items => _items;

    public bool Any => _items.Count > 0;

    /// <summary>Adds an error with its message in English and in Chinese.</summary>
    public void Add(string file, int line, string field, string message, string messageZh) =>
        _items.Add(new InputError(file, line, field, message, messageZh));

    /// <summary>Adds the error of a JSON document that could not be read: where the reader stopped and why, the Chinese
    /// text beginning with <paramref name="whatZh"/> (e.g. "无法读取组织机构文件").</summary>
    public void AddUnreadable(string file, System.Text.Json.JsonException exception, string whatZh)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var cut = exception.Message.IndexOf(" Path:", StringComparison.Ordinal);
        var detail = cut > 0 ? exception.Message[..cut] : exception.Message;
        Add(file, (int)(exception.LineNumber ?? -1) + 1, exception.Path ?? "$", detail, $"{whatZh}（JSON 格式或内容有误）：{detail}");
    }

    /// <summary>Checks a text field against <see cref="TextRules"/> (and, when <paramref name="required"/>, that it is
    /// there); adds the error naming the field when it breaks them. Whether it holds.</summary>
    public bool CheckText(string file, int line, string field, string? value, int maxLength, bool required = true, bool paragraph = false)
    {
        if (required && string.IsNullOrWhiteSpace(value))
        {
            Add(file, line, field, "expected a value, found an empty one", "此项必填，实际为空");
            return false;
        }

        if (!TextRules.IsValid(value, maxLength, paragraph, out var reason, out var reasonZh))
        {
            Add(file, line, field, reason, reasonZh);
            return false;
        }

        return true;
    }

    /// <summary>Checks a key from another system (a case number, a rater's code) against
    /// <see cref="TextRules.IsValidKey"/>; adds the error naming the field when it breaks them. Whether it holds.</summary>
    public bool CheckKey(string file, int line, string field, string? value)
    {
        if (TextRules.IsValidKey(value, out var reason, out var reasonZh))
        {
            return true;
        }

        Add(file, line, field, reason, reasonZh);
        return false;
    }

    /// <summary>Checks an id against <see cref="IdRules"/>; adds the error naming the field when it breaks them.
    /// Whether it holds.</summary>
    public bool CheckId(string file, int line, string field, string? value)
    {
        if (IdRules.IsValid(value, out var reason, out var reasonZh))
        {
            return true;
        }

        Add(file, line, field, reason, reasonZh);
        return false;
    }
}
