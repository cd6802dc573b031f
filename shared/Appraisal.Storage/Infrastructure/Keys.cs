using System.Text;

namespace Appraisal.Storage.Infrastructure;

/// <summary>Partition and row keys: components joined with '~', which no id may contain; characters Azure Tables
/// forbids in keys (<c>/ \ # ?</c> and control characters) are refused with a clear error before anything is written.</summary>
public static class Keys
{
    public const char Separator = '~';

    /// <summary>Joins key components after checking each; <paramref name="field"/> names the input for the error.</summary>
    public static string Join(string field, params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        for (var i = 0; i < parts.Length; i++)
        {
            Check(field, parts[i]);
        }

        var key = string.Join(Separator, parts);
        if (Encoding.UTF8.GetByteCount(key) > 1024)
        {
            throw new StorageKeyException(field, key, "expected a key of at most 1 KiB");
        }

        return key;
    }

    /// <summary>The smallest key after every key starting with <paramref name="prefix"/>, for range queries.</summary>
    public static string UpperBound(string prefix) => prefix + (char)(Separator + 1);

    public static void Check(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new StorageKeyException(field, value ?? string.Empty, "expected a value, found an empty one");
        }

        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?')
            {
                throw new StorageKeyException(field, value, $"expected no '/', '\\', '#' or '?' (storage keys forbid them), found '{c}'");
            }

            if (char.IsControl(c))
            {
                throw new StorageKeyException(field, value, $"expected no control characters, found U+{(int)c:X4}");
            }

            if (c == Separator)
            {
                throw new StorageKeyException(field, value, $"expected no '{Separator}' (it separates key parts)");
            }
        }
    }
}
