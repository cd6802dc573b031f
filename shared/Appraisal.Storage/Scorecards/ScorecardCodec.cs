using System.IO.Compression;
using System.Text.Json;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Domain.Scoring;
using Azure.Data.Tables;

namespace Appraisal.Storage.Scorecards;

/// <summary>Packs a scorecard into one table row: a few summary columns (queryable), the whole scorecard
/// as gzip-compressed JSON in binary properties of at most 64 KiB each (a row holds at most 1 MiB).</summary>
public static class ScorecardCodec
{
    private const int ChunkBytes = 64 * 1024;
    private const int MaxChunks = 14;

    public static TableEntity ToEntity(string partition, string row, Scorecard card, bool final)
    {
        var entity = new TableEntity(partition, row)
        {
            // Only what queries filter or list on; the rest is in the packed data (fewer properties, faster writes).
            ["SubjectId"] = card.SubjectId,
            ["DepartmentId"] = card.DepartmentId,
            ["SchemeVersion"] = card.SchemeVersion,
            ["Total"] = card.Total.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Grade"] = card.Grade.ToString(),
            ["Final"] = final,
        };

        var bytes = Compress(JsonSerializer.SerializeToUtf8Bytes(card, DomainJson.Compact));
        var chunks = (bytes.Length + ChunkBytes - 1) / ChunkBytes;
        if (chunks > MaxChunks)
        {
            throw new ArgumentException($"scorecard of {card.SubjectId}: expected at most {MaxChunks * ChunkBytes} compressed bytes, found {bytes.Length}", nameof(card));
        }

        entity["DataChunks"] = chunks;
        for (var i = 0; i < chunks; i++)
        {
            entity["Data" + i] = bytes.AsSpan(i * ChunkBytes, Math.Min(ChunkBytes, bytes.Length - (i * ChunkBytes))).ToArray();
        }

        return entity;
    }

    public static Scorecard FromEntity(TableEntity entity)
    {
        var chunks = entity.GetInt32("DataChunks") ?? 0;
        using var buffer = new MemoryStream();
        for (var i = 0; i < chunks; i++)
        {
            buffer.Write(entity.GetBinary("Data" + i));
        }

        return JsonSerializer.Deserialize<Scorecard>(Decompress(buffer.ToArray()), DomainJson.Compact)
            ?? throw new InvalidDataException($"scorecard row {entity.PartitionKey}/{entity.RowKey} holds no scorecard");
    }

    /// <summary>The summary columns, without unpacking the lines.</summary>
    public static (string SubjectId, decimal Total, Grade Grade, bool Final) Summary(TableEntity entity) => (
        entity.GetString("SubjectId"),
        decimal.Parse(entity.GetString("Total"), System.Globalization.CultureInfo.InvariantCulture),
        Enum.Parse<Grade>(entity.GetString("Grade")),
        entity.GetBoolean("Final") ?? false);

    private static byte[] Compress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Decompress(byte[] data)
    {
        using var input = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
