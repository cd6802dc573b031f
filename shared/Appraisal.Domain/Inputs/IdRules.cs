namespace Appraisal.Domain.Inputs;

/// <summary>What an id may hold: letters, digits, '.', '_' and '-', up to 64 characters — safe as a storage key and a file name.</summary>
public static class IdRules
{
    /// <summary>Whether <paramref name="id"/> is valid; when not, <paramref name="reason"/> says why in English.</summary>
    public static bool IsValid(string? id, out string reason) => IsValid(id, out reason, out _);

    /// <summary>Whether <paramref name="id"/> is valid; when not, why in English (<paramref name="reason"/>) and in
    /// Chinese (<paramref name="reasonZh"/>).</summary>
    public static bool IsValid(string? id, out string reason, out string reasonZh)
    {
        if (string.IsNullOrEmpty(id))
        {
            reason = "expected an id, found an empty value";
            reasonZh = "应填写标识，实际为空";
            return false;
        }

        if (id.Length > 64)
        {
            reason = $"expected an id of at most 64 characters, found {id.Length}";
            reasonZh = $"标识应不超过 64 个字符，实际为 {id.Length} 个";
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                reason = $"expected letters, digits, '.', '_' or '-' in an id, found '{id}'";
                reasonZh = $"标识只能包含字母、数字、'.'、'_' 或 '-'，实际为 '{id}'";
                return false;
            }
        }

        reason = string.Empty;
        reasonZh = string.Empty;
        return true;
    }
}
