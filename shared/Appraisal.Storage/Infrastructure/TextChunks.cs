using Azure.Data.Tables;

namespace Appraisal.Storage.Infrastructure;

/// <summary>Stores long text across several string properties (a table property holds at most 32K characters).</summary>
internal static class TextChunks
{
    private const int ChunkChars = 30_000;
    private const int MaxChunks = 30;

    public static void Write(TableEntity entity, string name, string text)
    {
        var chunks = (text.Length + ChunkChars - 1) / ChunkChars;
        if (chunks > MaxChunks)
        {
            throw new ArgumentException($"{name}: expected at most {MaxChunks * ChunkChars} characters, found {text.Length}", nameof(text));
        }

        entity[name + "Chunks"] = chunks;
        for (var i = 0; i < chunks; i++)
        {
            entity[name + i] = text.Substring(i * ChunkChars, Math.Min(ChunkChars, text.Length - (i * ChunkChars)));
        }
    }

    public static string Read(TableEntity entity, string name)
    {
        var chunks = entity.GetInt32(name + "Chunks") ?? 0;
        return string.Concat(Enumerable.Range(0, chunks).Select(i => entity.GetString(name + i)));
    }
}
