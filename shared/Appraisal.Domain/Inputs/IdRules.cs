namespace Appraisal.Domain.Inputs;

/// <summary>What an id may hold: letters, digits, '.', '_' and '-', up to 64 characters — safe as a storage key and a file name.</summary>
public static class IdRules
{
    public static bool IsValid(string? id, out string reason)
    {
        if (string.IsNullOrEmpty(id))
        {
            reason = "expected an id, found an empty value";
            return false;
        }

        if (id.Length > 64)
        {
            reason = $"expected an id of at most 64 characters, found {id.Length}";
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                reason = $"expected letters, digits, '.', '_' or '-' in an id, found '{id}'";
                return false;
            }
        }

        reason = string.Empty;
        return true;
    }
}
