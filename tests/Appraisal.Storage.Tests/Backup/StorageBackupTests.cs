using System.IO.Compression;
using System.Text;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Backup;
using Appraisal.Storage.Cases;
using Appraisal.Storage.Evidence;
using Appraisal.Storage.Organisation;
using Appraisal.Storage.Scorecards;
using Appraisal.Storage.Secrets;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;

namespace Appraisal.Storage.Tests.Backup;

/// <summary>A backup of a real office's records (organisation, cases, scorecards, an audit chain, evidence, a report,
/// and a row of every Table storage type) restores into a fresh prefix as identical records: every row with its typed
/// values, every blob with its content, type and metadata; the audit chain still verifies. A damaged backup, or a
/// target that already holds records, is refused and nothing is written.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageBackupTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 31, 12, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task ABackup_RestoresToIdenticalRecords_InAnotherPrefix()
    {
        var source = await FilledAccountAsync();
        using var zip = new MemoryStream();
        var written = await StorageBackup.WriteAsync(source, zip, Noon);
        Assert.True(written.Tables[TableNames.Scorecards] > 0, string.Join(", ", written.Tables));
        Assert.Equal(1, written.Containers[ContainerNames.Evidence]);
        Assert.True(written.Containers[ContainerNames.Cases] >= 2, string.Join(", ", written.Containers));

        var target = await AzuriteFixture.FreshAccountAsync();
        zip.Position = 0;
        var restored = await StorageBackup.RestoreAsync(target, zip);

        Assert.Equal(written.Tables, restored.Tables);
        Assert.Equal(await StorageSnapshot.ContentAsync(source), await StorageSnapshot.ContentAsync(target));
        Assert.Equal(1880, (await new CaseRepository(target).ForPeriodAsync(ScoredSample.OfficeId, ScoredSample.Q1)).Count);
        Assert.NotEqual(source.Options.Prefix, target.Options.Prefix);
        var chain = await new AuditLog(target).VerifyAsync(ScoredSample.OfficeId, "2026-Q1");
        Assert.True(chain.Intact);
        Assert.Equal(3, chain.Entries);
        var (evidence, type) = await new EvidenceStore(target).OpenAsync(Sha(Pdf));
        Assert.Equal(Pdf, evidence);
        Assert.Equal("application/pdf", type);
    }

    [Fact]
    public async Task ATargetWithRecords_IsRefused_AndKeepsWhatItHas()
    {
        var source = await FilledAccountAsync();
        using var zip = new MemoryStream();
        await StorageBackup.WriteAsync(source, zip, Noon);
        var before = await StorageSnapshot.ContentAsync(source);

        zip.Position = 0;
        var refused = await Assert.ThrowsAsync<BackupRefusedException>(() => StorageBackup.RestoreAsync(source, zip));
        Assert.Contains("expected an empty target", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.ContentAsync(source));
    }

    [Fact]
    public async Task TheHostKeys_AreLeftOutWithoutAPassphrase_AndOtherwiseEncrypted_OpeningOnlyWithIt()
    {
        var source = await AzuriteFixture.FreshAccountAsync();
        var key = await new SecretStore(source).GetOrCreateAsync("jwt-signing.key", 32);

        using var plain = new MemoryStream();
        var leftOut = await StorageBackup.WriteAsync(source, plain, Noon);
        Assert.Equal((1, (BackupKeyProtection?)null), (leftOut.KeysLeftOut, leftOut.Keys));
        Assert.DoesNotContain(leftOut.Files.Keys, f => f.StartsWith("blobs/keys/", StringComparison.Ordinal));

        using var sealedZip = new MemoryStream();
        var written = await StorageBackup.WriteAsync(source, sealedZip, Noon, "河西区院 2026 备份口令");
        Assert.NotNull(written.Keys);
        using (var archive = new ZipArchive(new MemoryStream(sealedZip.ToArray())))
        {
            await using var entry = archive.GetEntry("blobs/keys/jwt-signing.key")!.Open();
            using var read = new MemoryStream();
            await entry.CopyToAsync(read);
            Assert.Equal(-1, read.ToArray().AsSpan().IndexOf(key));
        }

        foreach (var wrong in new string?[] { null, "another passphrase" })
        {
            var target = await AzuriteFixture.FreshAccountAsync();
            sealedZip.Position = 0;
            var refused = await Assert.ThrowsAsync<BackupRefusedException>(() => StorageBackup.RestoreAsync(target, sealedZip, wrong));
            Assert.Contains("passphrase", refused.Message, StringComparison.Ordinal);
            Assert.Equal(string.Empty, await StorageSnapshot.ContentAsync(target));
        }

        var restoredTo = await AzuriteFixture.FreshAccountAsync();
        sealedZip.Position = 0;
        await StorageBackup.RestoreAsync(restoredTo, sealedZip, "河西区院 2026 备份口令");
        Assert.Equal(key, await new SecretStore(restoredTo).GetOrCreateAsync("jwt-signing.key", 32));
    }

    [Fact]
    public async Task ADamagedBackup_IsRefused_BeforeAnythingIsWritten()
    {
        var source = await FilledAccountAsync();
        using var zip = new MemoryStream();
        await StorageBackup.WriteAsync(source, zip, Noon);
        var damaged = Rewrite(zip.ToArray(), $"tables/{TableNames.Scorecards}.jsonl", text => text + " ");

        var target = await AzuriteFixture.FreshAccountAsync();
        var empty = await StorageSnapshot.ContentAsync(target);
        var refused = await Assert.ThrowsAsync<BackupRefusedException>(() => StorageBackup.RestoreAsync(target, new MemoryStream(damaged)));
        Assert.Contains($"tables/{TableNames.Scorecards}.jsonl", refused.Message, StringComparison.Ordinal);
        Assert.Equal(empty, await StorageSnapshot.ContentAsync(target));

        await Assert.ThrowsAsync<BackupRefusedException>(() => StorageBackup.RestoreAsync(target, new MemoryStream(Encoding.UTF8.GetBytes("not a zip"))));
    }

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private static async Task<StorageAccount> FilledAccountAsync()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var data = ScoredSample.Generate(ScoredSample.Q1);
        await new OrganisationRepository(account).ImportAsync(data.Organisation);
        await new CaseRepository(account).ImportAsync(ScoredSample.OfficeId, data.Cases);
        await new ScorecardRepository(account).SaveAsync(ScoredSample.OfficeId, ScoredSample.Score(data, ScoredSample.Q1), final: true);
        var audit = new AuditLog(account);
        await audit.AppendAsync(ScoredSample.OfficeId, "2026-Q1", "office", "cycle.started", "cycle", null, "{}", Noon);
        await audit.AppendAsync(ScoredSample.OfficeId, "2026-Q1", "m1", "decision.approved", "cycle", null, "{\"reason\":null}", Noon.AddHours(1));
        await audit.AppendAsync(ScoredSample.OfficeId, "2026-Q1", "office", "cycle.final", "cycle", null, "{}", Noon.AddHours(2));
        await new EvidenceStore(account).PutAsync(new MemoryStream(Pdf), "起诉书.pdf", "E0005", Noon);
        await account.Container(ContainerNames.Reports).GetBlobClient("notices/sample-basic/2026-Q1.json").UploadAsync(
            BinaryData.FromString("{\"period\":\"2026-Q1\"}"), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" }, Metadata = new Dictionary<string, string> { ["round"] = "1" } });

        // One row with a value of every Table storage type, in a table the app has.
        var row = new TableEntity("types", "all")
        {
            ["Text"] = "检察",
            ["Flag"] = true,
            ["Small"] = 9,
            ["Large"] = long.MaxValue - 1,
            ["Real"] = 0.1 + 0.2,
            ["At"] = new DateTimeOffset(2026, 2, 28, 23, 59, 59, TimeSpan.Zero).AddTicks(1234567),
            ["Id"] = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
            ["Bytes"] = new byte[] { 0, 1, 254, 255 },
        };
        await account.Table(TableNames.Cycles).AddEntityAsync(row);
        return account;
    }

    private static byte[] Rewrite(byte[] archive, string path, Func<string, string> change)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(archive)))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var content = new MemoryStream();
                using (var read = entry.Open())
                {
                    read.CopyTo(content);
                }

                var bytes = entry.FullName == path ? Encoding.UTF8.GetBytes(change(Encoding.UTF8.GetString(content.ToArray()))) : content.ToArray();
                using var write = target.CreateEntry(entry.FullName).Open();
                write.Write(bytes);
            }
        }

        return output.ToArray();
    }

    private static string Sha(byte[] content) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
}
