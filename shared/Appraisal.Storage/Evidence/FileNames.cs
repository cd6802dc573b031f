using System.Text;

namespace Appraisal.Storage.Evidence;

/// <summary>Uploaded file names are kept only as metadata, and only when harmless: no path separators, no control
/// characters, not '.' or '..', at most 200 characters.</summary>
public static class FileNames
{
    public static string? Sanitise(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var trimmed = name.Trim().Normalize(NormalizationForm.FormC);
        if (trimmed.IndexOfAny(['/', '\\']) >= 0)
        {
            throw new EvidenceRejectedException("fileName", $"expected a file name without path separators, found '{Printable(trimmed)}'");
        }

        if (trimmed.Any(char.IsControl))
        {
            throw new EvidenceRejectedException("fileName", $"expected a file name without control characters, found '{Printable(trimmed)}'");
        }

        if (trimmed is "." or "..")
        {
            throw new EvidenceRejectedException("fileName", $"expected a plain file name, found '{trimmed}'");
        }

        return trimmed.Length > 200
            ? throw new EvidenceRejectedException("fileName", $"expected at most 200 characters, found {trimmed.Length}")
            : trimmed;
    }

    private static string Printable(string value) => string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
}
