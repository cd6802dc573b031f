using Appraisal.Storage;
using Appraisal.Storage.Scorecards;
using Azure.Data.Tables;

namespace Appraisal.SelfHost.Tests.Cli;

/// <summary>import → score from storage → store → audit verify, as a person runs them, against a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly StorageOptions _storage = new()
    {
        ConnectionString = AzuriteFixture.ConnectionString,
        Prefix = "cli" + Guid.NewGuid().ToString("N")[..12],
    };

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task BackupThenRestore_IntoANewPrefix_GivesIdenticalRecords_AndASecondRestoreIsRefused()
    {
        var sample = _folder["sample"];
        Assert.Equal(0, (await CliRun.InvokeAsync("sample", "--out", sample)).ExitCode);
        Assert.Equal(0, (await CliRun.InvokeAsync(_storage, "import", "--organisation", Path.Combine(sample, "organisation.json"), "--cases", Path.Combine(sample, "cases.csv"))).ExitCode);
        var pdf = Path.Combine(Directory.CreateDirectory(_folder["evidence"]).FullName, "起诉书.pdf");
        await File.WriteAllTextAsync(pdf, "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        Assert.Equal(0, (await CliRun.InvokeAsync(_storage, "evidence", "put", pdf, "--office", "sample-basic", "--department", "D01", "--period", "2026-Q1")).ExitCode);
        var file = Path.Combine(Directory.CreateDirectory(_folder["backup"]).FullName, "appraisal.zip");
        var backup = await CliRun.InvokeAsync(_storage, "backup", "-o", file);
        Assert.True(backup.ExitCode == 0, backup.Error);
        Assert.Contains("blobs in 4 containers", backup.Output, StringComparison.Ordinal);

        var copy = new StorageOptions { ConnectionString = AzuriteFixture.ConnectionString, Prefix = "rst" + Guid.NewGuid().ToString("N")[..12] };
        var restored = await CliRun.InvokeAsync(copy, "restore", file);
        Assert.True(restored.ExitCode == 0, restored.Error);
        Assert.Equal(await StorageSnapshot.ContentAsync(new StorageAccount(_storage)), await StorageSnapshot.ContentAsync(new StorageAccount(copy)));

        var again = await CliRun.InvokeAsync(copy, "restore", file);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("expected an empty target", again.Error, StringComparison.Ordinal);
        Assert.Contains("nothing restored", again.Error, StringComparison.Ordinal);

        var key = await CliRun.InvokeAsync("keys", "new");
        Assert.Equal(32, Convert.FromBase64String(key.Output.Trim()).Length);
        Assert.NotEqual(key.Output, (await CliRun.InvokeAsync("keys", "new")).Output);
    }

    [Fact]
    public async Task ImportScoreStoreVerify_StoresWhatTheFilesScore_AndTheAuditChainHolds_UntilARowIsEdited()
    {
        var sample = _folder["sample"];
        Assert.Equal(0, (await CliRun.InvokeAsync("sample", "--out", sample)).ExitCode);
        var fromFiles = await CliRun.InvokeAsync("score", "-i", sample, "-t", "B", "-p", "2026-Q1", "-o", _folder["files"], "--lang", "en");

        var imported = await CliRun.InvokeAsync(_storage, "import", "--organisation", Path.Combine(sample, "organisation.json"), "--cases", Path.Combine(sample, "cases.csv"), "--lang", "en");
        var stored = await CliRun.InvokeAsync(_storage, "score", "--office", "sample-basic", "--scheme", Path.Combine(sample, "schemes", "template-b.json"),
            "--ratings", Path.Combine(sample, "ratings", "template-b.csv"), "--ledger", Path.Combine(sample, "ledger", "template-b.csv"),
            "-p", "2026-Q1", "-o", _folder["stored"], "--store", "--actor", "appraisal-office", "--lang", "en");
        var verified = await CliRun.InvokeAsync(_storage, "audit", "verify", "--office", "sample-basic", "--period", "2026-Q1", "--lang", "en");

        Assert.Equal(0, fromFiles.ExitCode);
        Assert.Equal(0, imported.ExitCode);
        Assert.Contains("organisation 461 added", imported.Output, StringComparison.Ordinal);
        Assert.Equal(0, stored.ExitCode);
        Assert.Contains("stored 93 scorecards of sample-basic 2026-Q1 (template-b v1) in 1 transactions", stored.Output, StringComparison.Ordinal);
        Assert.Equal(0, verified.ExitCode);
        Assert.Contains("intact: 1 entries", verified.Output, StringComparison.Ordinal);

        var account = new StorageAccount(_storage);
        var cards = await new ScorecardRepository(account).ForPeriodAsync("sample-basic", "2026-Q1", "template-b");
        var expected = File.ReadAllLines(Path.Combine(_folder["files"], "scorecards.csv")).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => decimal.Parse(f[4], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(93, cards.Count);
        Assert.All(cards, c => Assert.Equal(expected[c.SubjectId], c.Total));

        var audit = account.Table(TableNames.Audit);
        TableEntity? entry = null;
        await foreach (var row in audit.QueryAsync<TableEntity>(maxPerPage: 1))
        {
            entry = row;
            break;
        }

        Assert.NotNull(entry);
        entry["Actor"] = "someone-else";
        await audit.UpdateEntityAsync(entry, entry.ETag, TableUpdateMode.Merge);
        var tampered = await CliRun.InvokeAsync(_storage, "audit", "verify", "--office", "sample-basic", "--period", "2026-Q1");

        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("审计链在第 1 条（共 1 条）处断裂", tampered.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WithAMalformedCaseRow_ImportsNothing()
    {
        var sample = _folder["sample"];
        Assert.Equal(0, (await CliRun.InvokeAsync("sample", "--out", sample)).ExitCode);
        var cases = Path.Combine(sample, "cases.csv");
        await File.AppendAllTextAsync(cases, "X-1,E9999,D02,审查起诉,2026-02-10,,2026-03-10,open,,\n");
        var account = new StorageAccount(_storage);
        await account.EnsureCreatedAsync();
        var before = await StorageSnapshot.TakeAsync(account);

        var run = await CliRun.InvokeAsync(_storage, "import", "--organisation", Path.Combine(sample, "organisation.json"), "--cases", cases);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("E9999", run.Error, StringComparison.Ordinal);
        Assert.Contains("未导入", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
    }

    [Fact]
    public async Task EvidencePut_GivesTheHashLedgerEntriesCite_AndAnEntryCitingAMissingFileStopsScoring()
    {
        var sample = _folder["sample"];
        Assert.Equal(0, (await CliRun.InvokeAsync("sample", "--out", sample)).ExitCode);
        Assert.Equal(0, (await CliRun.InvokeAsync(_storage, "import", "--organisation", Path.Combine(sample, "organisation.json"), "--cases", Path.Combine(sample, "cases.csv"))).ExitCode);
        var pdf = _folder["证明材料.pdf"];
        await File.WriteAllBytesAsync(pdf, [.. "%PDF-1.7\n"u8, .. new byte[200], .. "%%EOF"u8]);
        var exe = _folder["report.pdf.exe"];
        await File.WriteAllBytesAsync(exe, [(byte)'M', (byte)'Z', .. new byte[100]]);

        var put = await CliRun.InvokeAsync(_storage, "evidence", "put", pdf, "--office", "sample-basic", "--department", "D01", "--period", "2026-Q1", "--actor", "E0010");
        var refused = await CliRun.InvokeAsync(_storage, "evidence", "put", exe, "--office", "sample-basic", "--department", "D01", "--period", "2026-Q1");
        var elsewhere = await CliRun.InvokeAsync(_storage, "evidence", "put", pdf, "--office", "sample-basic", "--department", "D99", "--period", "2026-Q1");
        var hash = put.Output.Split(' ')[0];
        var ledger = Path.Combine(sample, "ledger", "template-b.csv");
        await File.WriteAllTextAsync(ledger, $"subject_id,item_id,occurrences,evidence,note\nE0010,typical-case,1,{hash},典型案例\n");
        var scored = await ScoreStoredAsync(sample, ledger);
        await File.AppendAllTextAsync(ledger, $"E0010,research-article,1,{new string('0', 64)},调研文章\n");
        var missing = await ScoreStoredAsync(sample, ledger);
        var copy = _folder["copy.pdf"];
        var get = await CliRun.InvokeAsync(_storage, "evidence", "get", hash, "--office", "sample-basic", "-o", copy);
        var notOurs = await CliRun.InvokeAsync(_storage, "evidence", "get", hash, "--office", "another-office", "-o", _folder["not-ours.pdf"]);
        var uploads = await new Appraisal.Storage.Evidence.EvidenceStore(new StorageAccount(_storage)).UploadsAsync(hash);
        var audit = await new Appraisal.Storage.Audit.AuditLog(new StorageAccount(_storage)).ReadAsync("sample-basic", "2026-Q1");

        Assert.Equal(0, put.ExitCode);
        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Contains("application/pdf", put.Output, StringComparison.Ordinal);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("nothing stored", refused.Error, StringComparison.Ordinal);
        Assert.Equal(1, elsewhere.ExitCode);
        Assert.Contains("departmentId", elsewhere.Error, StringComparison.Ordinal);

        // The same upload record and audit entry as an upload over HTTP: office, department, period, uploader.
        Assert.Equal([("E0010", "sample-basic", "D01", "2026-Q1")], uploads.Select(u => (u.UploadedBy, u.OfficeId, u.DepartmentId, u.Period)));
        Assert.Contains(audit, e => e.Actor == "E0010" && e.Action == "evidence.uploaded" && e.Target == hash);
        Assert.Equal(0, scored.ExitCode);
        Assert.Contains(hash, scored.Output, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("ledger/template-b.csv:3: evidence: expected a stored evidence file", missing.Error, StringComparison.Ordinal);
        Assert.Equal(0, get.ExitCode);
        Assert.Equal(await File.ReadAllBytesAsync(pdf), await File.ReadAllBytesAsync(copy));
        Assert.Equal(1, notOurs.ExitCode);
    }

    [Fact]
    public async Task ScoreStore_IsRefused_ForAPeriodACycleScores()
    {
        var sample = _folder["sample"];
        Assert.Equal(0, (await CliRun.InvokeAsync("sample", "--out", sample)).ExitCode);
        Assert.Equal(0, (await CliRun.InvokeAsync(_storage, "import", "--organisation", Path.Combine(sample, "organisation.json"), "--cases", Path.Combine(sample, "cases.csv"))).ExitCode);
        var account = new StorageAccount(_storage);
        var now = DateTimeOffset.UtcNow;
        await new Appraisal.Storage.Cycles.CycleRepository(account).CreateAsync(new Appraisal.Storage.Cycles.CycleRecord("sample-basic", "2026-Q1", "template-b", 1, Appraisal.Domain.Cycles.CycleStage.Decision, now, now));
        var before = await StorageSnapshot.TakeAsync(account);

        var run = await ScoreStoredAsync(sample, Path.Combine(sample, "ledger", "template-b.csv"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("period: expected a period with no cycle of sample-basic, found its 2026-Q1 cycle at Decision", run.Error, StringComparison.Ordinal);
        Assert.Contains("nothing stored", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
    }

    [Fact]
    public async Task SchemeStore_StoresAReadyMadeScheme_ThroughTheSchemeService_AndRefusesAnOfficesId()
    {
        var sample = _folder["sample"];
        Assert.Equal(0, (await CliRun.InvokeAsync("sample", "--out", sample)).ExitCode);
        var file = Path.Combine(sample, "schemes", "template-b.json");
        var account = new StorageAccount(_storage);

        var stored = await CliRun.InvokeAsync(_storage, "scheme", "store", file, "--decided-by", "party-group", "--actor", "operator-1", "--lang", "en");
        var schemes = new Appraisal.Storage.Schemes.SchemeRepository(account);
        var version = Assert.Single(await schemes.VersionsAsync("template-b"));
        var audit = await new Appraisal.Storage.Audit.AuditLog(account).ReadAsync("schemes", "template-b");

        Assert.True(stored.ExitCode == 0, stored.Error);
        Assert.Contains("(decided)", stored.Output, StringComparison.Ordinal);
        Assert.Null(version.OfficeId);
        Assert.Equal(Appraisal.Storage.Schemes.SchemeStatus.Decided, version.Status);
        Assert.Equal(["operator-1 scheme.drafted", "operator-1 scheme.decided"], audit.Select(e => $"{e.Actor} {e.Action}"));

        // An id an office drafted under is that office's: the console cannot turn it into a ready-made scheme.
        var owned = Appraisal.Domain.Schemes.SchemeTemplates.Load("B") with { Id = "office-scheme" };
        await schemes.AddDraftAsync(owned, "sample-basic");
        var ownedFile = _folder["office-scheme.json"];
        await File.WriteAllTextAsync(ownedFile, Appraisal.Domain.Schemes.Json.SchemeDocument.Write(owned));
        var before = await StorageSnapshot.TakeAsync(account);
        var refused = await CliRun.InvokeAsync(_storage, "scheme", "store", ownedFile, "--decided-by", "party-group", "--lang", "en");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("a scheme of office sample-basic", refused.Error, StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
    }

    private Task<CliRun> ScoreStoredAsync(string sample, string ledger) => CliRun.InvokeAsync(_storage, "score", "--office", "sample-basic",
        "--scheme", Path.Combine(sample, "schemes", "template-b.json"), "--ratings", Path.Combine(sample, "ratings", "template-b.csv"),
        "--ledger", ledger, "-p", "2026-Q1", "-o", _folder["evidence-out"], "--store", "--explain", "E0010", "--lang", "en");
}
