using System.IO.Compression;

namespace Appraisal.Storage.Evidence;

/// <summary>Decides a file's type from its content, never its name: PDF, JPEG, PNG, DOCX or XLSX; anything else is refused.</summary>
public static class ContentSniffer
{
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The content type, or null when the content is none of the allowed types.</summary>
    public static string? Detect(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }

        return content.StartsWith("PK\u0003\u0004"u8) ? OfficeType(content.ToArray()) : null;
    }

    /// <summary>An Office Open XML package: a zip with [Content_Types].xml and a word/ or xl/ part.</summary>
    private static string? OfficeType(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            if (!names.Contains("[Content_Types].xml", StringComparer.Ordinal))
            {
                return null;
            }

            if (names.Any(n => n.StartsWith("word/document", StringComparison.Ordinal)))
            {
                return Docx;
            }

            return names.Any(n => n.StartsWith("xl/workbook", StringComparison.Ordinal)) ? Xlsx : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
