namespace Appraisal.Domain.Inputs;

/// <summary>What a text field may hold: at most a set number of characters, no control characters (a line break only
/// where the field is a paragraph, such as a reason or a summary), no half of a surrogate pair — so that whatever
/// stores, shows, exports or mails it later (workbooks, XML, headers, CSV) takes it as it is.</summary>
public static class TextRules
{
    /// <summary>The longest name of an office, department, position or person, a case type, a quality flag.</summary>
    public const int MaxName = 200;

    /// <summary>The longest e-mail address (RFC 5321's path limit).</summary>
    public const int MaxEmail = 254;

    /// <summary>The longest key of a record named by another system (a case number, 案号; a rater's code).</summary>
    public const int MaxKey = 100;

    /// <summary>The longest note (a ledger entry's evidence or note, a position's duty or standard).</summary>
    public const int MaxNote = 2000;

    /// <summary>Whether <paramref name="text"/> (null or empty counts as valid: whether a value is required is the
    /// caller's rule) is at most <paramref name="maxLength"/> characters without control characters — except line
    /// breaks and tabs when <paramref name="paragraph"/>; when not, why in English and Chinese.</summary>
    public static bool IsValid(string? text, int maxLength, bool paragraph, out string reason, out string reasonZh)
    {
        if (string.IsNullOrEmpty(text))
        {
            (reason, reasonZh) = (string.Empty, string.Empty);
            return true;
        }

        if (text.Length > maxLength)
        {
            reason = $"expected at most {maxLength} characters, found {text.Length}";
            reasonZh = $"应不超过 {maxLength} 个字符，实际为 {text.Length} 个";
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var allowed = paragraph && (c is '\n' or '\r' or '\t');
            if (char.IsControl(c) && !allowed)
            {
                reason = $"expected text without control characters{(paragraph ? " (line breaks aside)" : " on one line")}, found U+{(int)c:X4} at character {i + 1}";
                reasonZh = $"应为不含控制字符的{(paragraph ? "文字（换行除外）" : "单行文字")}，实际在第 {i + 1} 个字符处含有 U+{(int)c:X4}";
                return false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                reason = $"expected well-formed Unicode text, found half of a surrogate pair (U+{(int)c:X4}) at character {i + 1}";
                reasonZh = $"应为有效的 Unicode 文字，实际在第 {i + 1} 个字符处含有不成对的代理字符 U+{(int)c:X4}";
                return false;
            }
        }

        (reason, reasonZh) = (string.Empty, string.Empty);
        return true;
    }

    /// <summary>Whether <paramref name="key"/>, a record's key as another system writes it (a case number in Chinese,
    /// a rater's code), is one line of at most <see cref="MaxKey"/> characters without '/', '\', '#', '?' or '~'
    /// (which storage keys forbid or use); when not, why in English and Chinese.</summary>
    public static bool IsValidKey(string? key, out string reason, out string reasonZh)
    {
        if (!IsValid(key, MaxKey, false, out reason, out reasonZh))
        {
            return false;
        }

        var at = key.AsSpan().IndexOfAny("/\\#?~");
        if (at >= 0)
        {
            reason = $"expected no '/', '\\', '#', '?' or '~' in a key, found '{key![at]}' at character {at + 1}";
            reasonZh = $"标识中不能含有 '/'、'\\'、'#'、'?' 或 '~'，实际在第 {at + 1} 个字符处含有 '{key![at]}'";
            return false;
        }

        return true;
    }
}
