using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Appraisal.Storage.Evidence;
using Azure.Data.Tables;

namespace Appraisal.Storage.Tests.Evidence;

[Collection(AzuriteCollection.Name)]
public sealed class EvidenceStoreTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 31, 12, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData("pdf", "application/pdf")]
    [InlineData("png", "image/png")]
    [InlineData("jpeg", "image/jpeg")]
    [InlineData("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    public async Task AnAllowedFile_IsStoredUnderItsHash_WithTheTypeItsContentShows(string kind, string contentType)
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var store = new EvidenceStore(account);
        var content = File(kind);

        var stored = await store.PutAsync(new MemoryStream(content), "材料." + kind, "E0005", Noon);

        Assert.Equal(new EvidenceRef(Sha(content), contentType, content.Length, "材料." + kind), stored);
        Assert.Equal([EvidenceStore.BlobName(Sha(content))], await BlobNamesAsync(account));
        var (read, readType) = await store.OpenAsync(stored.Sha256);
        Assert.Equal(content, read);
        Assert.Equal(contentType, readType);
        Assert.True(await store.ExistsAsync(stored.Sha256));
    }

    [Fact]
    public async Task TheSameContentTwice_IsOneBlob_NeverRewritten_WithTwoUploadRecords()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var store = new EvidenceStore(account);
        var content = File("pdf");
        var first = await store.PutAsync(new MemoryStream(content), "起诉书.pdf", "E0005", Noon);
        var blob = account.Container(ContainerNames.Evidence).GetBlobClient(EvidenceStore.BlobName(first.Sha256));
        var etag = (await blob.GetPropertiesAsync()).Value.ETag;

        var second = await store.PutAsync(new MemoryStream(content), "copy.pdf", "E0006", Noon.AddMinutes(5));

        Assert.Equal(Sha(content), first.Sha256);
        Assert.Equal(first.Sha256, second.Sha256);
        Assert.Equal("copy.pdf", second.FileName);
        Assert.Equal([EvidenceStore.BlobName(first.Sha256)], await BlobNamesAsync(account));
        Assert.Equal(etag, (await blob.GetPropertiesAsync()).Value.ETag);
        var uploads = new List<(string By, string? Name)>();
        await foreach (var row in account.Table(TableNames.Evidence).QueryAsync<TableEntity>(e => e.PartitionKey == first.Sha256))
        {
            uploads.Add((row.GetString("UploadedBy"), row.GetString("FileName")));
        }

        Assert.Equal([("E0005", "起诉书.pdf"), ("E0006", "copy.pdf")], uploads);
    }

    [Theory]
    [InlineData("zip", "archive.zip")]
    [InlineData("exe", "report.pdf")]
    [InlineData("html", "report.html")]
    [InlineData("docx-without-content-types", "report.docx")]
    [InlineData("empty", "report.pdf")]
    public async Task AFileOfAnotherType_IsRejected_AndNothingIsStored(string kind, string fileName)
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var store = new EvidenceStore(account);
        var before = await StorageSnapshot.TakeAsync(account);

        var rejected = await Assert.ThrowsAsync<EvidenceRejectedException>(() => store.PutAsync(new MemoryStream(File(kind)), fileName, "E0005", Noon));

        Assert.Equal("content", rejected.Field);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
        Assert.Empty(await BlobNamesAsync(account));
    }

    [Fact]
    public async Task AFileOverTheLimit_IsRejected_AndOneAtTheLimitIsStored()
    {
        var account = await AzuriteFixture.FreshAccountAsync(maxEvidenceBytes: 1024);
        var store = new EvidenceStore(account);
        var before = await StorageSnapshot.TakeAsync(account);

        var rejected = await Assert.ThrowsAsync<EvidenceRejectedException>(() => store.PutAsync(new MemoryStream(PdfOf(1025)), "big.pdf", "E0005", Noon));

        Assert.Equal("content", rejected.Field);
        Assert.Equal("expected at most 1024 bytes, found more", rejected.Reason);
        Assert.Equal(1024, store.MaxBytes);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
        var atLimit = await store.PutAsync(new MemoryStream(PdfOf(1024)), "limit.pdf", "E0005", Noon);
        Assert.Equal(1024, atLimit.Size);
        Assert.Equal(PdfOf(1024), (await store.OpenAsync(atLimit.Sha256)).Content);
    }

    [Theory]
    [InlineData("a/b.pdf")]
    [InlineData("a\\b.pdf")]
    [InlineData("..\\b.pdf")]
    [InlineData("报告\u0000.pdf")]
    [InlineData("报\t告.pdf")]
    [InlineData("..")]
    [InlineData(".")]
    public async Task ABadFileName_IsRejected_AndNothingIsStored(string fileName)
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var store = new EvidenceStore(account);
        var before = await StorageSnapshot.TakeAsync(account);

        var rejected = await Assert.ThrowsAsync<EvidenceRejectedException>(() => store.PutAsync(new MemoryStream(File("pdf")), fileName, "E0005", Noon));

        Assert.Equal("fileName", rejected.Field);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
    }

    [Theory]
    [InlineData("证明材料（2026年第一季度）.pdf", "证明材料（2026年第一季度）.pdf")]
    [InlineData("  办案质量评查表.pdf  ", "办案质量评查表.pdf")]
    [InlineData("Cafe\u0301.pdf", "Caf\u00e9.pdf")]
    [InlineData("report..v2.pdf", "report..v2.pdf")]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public async Task AHarmlessFileName_IsKept_TrimmedAndComposed(string? fileName, string? kept)
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var store = new EvidenceStore(account);

        var stored = await store.PutAsync(new MemoryStream(File("pdf")), fileName, "E0005", Noon);

        Assert.Equal(kept, stored.FileName);
        var rows = new List<TableEntity>();
        await foreach (var row in account.Table(TableNames.Evidence).QueryAsync<TableEntity>(e => e.PartitionKey == stored.Sha256))
        {
            rows.Add(row);
        }

        var upload = Assert.Single(rows);
        Assert.Equal(kept, upload.GetString("FileName"));
        Assert.Equal("E0005", upload.GetString("UploadedBy"));
        Assert.Equal(Noon, upload.GetDateTimeOffset("UploadedAt"));
        Assert.Equal(File("pdf").LongLength, upload.GetInt64("Size"));
    }

    [Fact]
    public async Task ABlobAlteredInStorage_IsDetectedOnRead()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var store = new EvidenceStore(account);
        var stored = await store.PutAsync(new MemoryStream(File("pdf")), "起诉书.pdf", "E0005", Noon);
        var altered = Encoding.ASCII.GetBytes("%PDF-1.7\n% altered after it was stored\n%%EOF\n");
        await account.Container(ContainerNames.Evidence).GetBlobClient(EvidenceStore.BlobName(stored.Sha256))
            .UploadAsync(new BinaryData(altered), overwrite: true);

        var tampered = await Assert.ThrowsAsync<EvidenceTamperedException>(() => store.OpenAsync(stored.Sha256));

        Assert.Equal(stored.Sha256, tampered.Sha256);
        Assert.Contains(Sha(altered), tampered.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("../sha256/0000")]
    public async Task OpeningSomethingThatIsNotAHash_IsRefused(string sha256)
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var store = new EvidenceStore(account);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => store.OpenAsync(sha256));

        Assert.Equal("sha256", refused.ParamName);
    }

    private static string Sha(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static async Task<List<string>> BlobNamesAsync(StorageAccount account)
    {
        var names = new List<string>();
        await foreach (var blob in account.Container(ContainerNames.Evidence).GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }

    /// <summary>A minimal PDF padded with a comment to exactly <paramref name="size"/> bytes.</summary>
    private static byte[] PdfOf(int size)
    {
        var head = Encoding.ASCII.GetBytes("%PDF-1.7\n%");
        var tail = Encoding.ASCII.GetBytes("\n%%EOF\n");
        return [.. head, .. Enumerable.Repeat((byte)'x', size - head.Length - tail.Length), .. tail];
    }

    private static byte[] File(string kind) => kind switch
    {
        "pdf" => Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
        "png" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89],
        "jpeg" => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9],
        "docx" => Zip("[Content_Types].xml", "_rels/.rels", "word/document.xml"),
        "xlsx" => Zip("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml"),
        "zip" => Zip("readme.txt", "data/notes.xml"),
        "docx-without-content-types" => Zip("_rels/.rels", "word/document.xml"),
        "exe" => [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, .. Encoding.ASCII.GetBytes("This program cannot be run in DOS mode.\r\n$")],
        "html" => Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert('x')</script>%PDF-1.7</body></html>"),
        "empty" => [],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such sample file"),
    };

    private static byte[] Zip(params string[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), Encoding.UTF8);
                writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><part/>");
            }
        }

        return buffer.ToArray();
    }
}
