namespace Appraisal.Storage;

/// <summary>A value that cannot be a storage key; nothing was written.</summary>
public sealed class StorageKeyException(string field, string value, string reason)
    : ArgumentException($"{field}: {reason}, found '{Printable(value)}'", field)
{
    public string Field { get; } = field;

    public string Value { get; } = value;

    public string Reason { get; } = reason;

    private static string Printable(string value) =>
        string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
}
