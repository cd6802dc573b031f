using Appraisal.Domain.Inputs;

namespace Appraisal.Workflow.Cycle;

/// <summary>A free-text field of a request (a reason, a summary): trimmed, at most its length, without control
/// characters (line breaks aside where it is a paragraph) — 400 naming the field otherwise, before anything is stored.</summary>
public static class RequestText
{
    /// <summary>The trimmed text, null when there is none (whether it is required is the caller's rule).</summary>
    public static string? Check(string? value, string field, int maxLength, bool paragraph = true)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return TextRules.IsValid(text, maxLength, paragraph, out var reason, out var reasonZh)
            ? text
            : throw new RequestRefusedException(400, field, reason, reasonZh);
    }
}
