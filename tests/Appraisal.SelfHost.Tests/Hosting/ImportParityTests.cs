using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Appraisal.Domain.Inputs;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Domain.Scoring;
using Appraisal.SelfHost.Tests.Cli;
using Appraisal.Storage;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Cases;
using Appraisal.Storage.Schemes;
using Appraisal.Storage.Scorecards;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using static Appraisal.SelfHost.Tests.Hosting.Requests;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>The same action by its two paths — the CLI at the server's console and HTTP from a browser or script —
/// goes through one application service: the records and the audit entries are the same. And the year's ledger
/// imported so reaches the year-end appraisal the workflow runs exactly as the CLI's <c>year-end</c> applies it.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ImportParityTests : IDisposable
{
    private const string Office = "sample-basic";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ImportsThroughTheCliAndOverHttp_WriteIdenticalRecordsAndAuditEntries()
    {
        var sample = await SampleAsync("sample", "2026-Q1");
        var ledger = await YearLedgerAsync(sample);
        var cli = await StorageWithSchemeAsync();
        var web = await StorageWithSchemeAsync();

        var imported = await CliRun.InvokeAsync(cli.Options, "import", "--organisation", Path.Combine(sample, "organisation.json"), "--cases", Path.Combine(sample, "cases.csv"), "--actor", "admin-1", "--lang", "en");
        var ledgered = await CliRun.InvokeAsync(cli.Options, "import", "--ledger", ledger, "--office", Office, "--year", "2026", "--actor", "office-1", "--lang", "en");
        Assert.True(imported.ExitCode == 0, imported.Error);
        Assert.True(ledgered.ExitCode == 0, ledgered.Error);
        Assert.Contains("2 entries imported", ledgered.Output, StringComparison.Ordinal);

        await using (var host = new SelfHostProcess(web.Options.Prefix, "Par" + web.Options.Prefix[2..]))
        {
            await host.StartAsync();
            using var http = new HttpClient { BaseAddress = host.Url };
            var admin = await host.TokenAsync("admin-1", Role.Administrator, Office);
            var office = await host.TokenAsync("office-1", Role.AppraisalOffice, Office);
            using var org = await http.SendAsync(As(admin, Raw(HttpMethod.Put, $"api/offices/{Office}/organisation", await File.ReadAllTextAsync(Path.Combine(sample, "organisation.json")), "application/json")));
            Assert.Equal(HttpStatusCode.OK, org.StatusCode);
            using var cases = await http.SendAsync(As(admin, Raw(HttpMethod.Post, $"api/offices/{Office}/cases", await File.ReadAllTextAsync(Path.Combine(sample, "cases.csv")), "text/csv")));
            Assert.Equal(HttpStatusCode.OK, cases.StatusCode);
            using var year = await http.SendAsync(As(office, Raw(HttpMethod.Post, $"api/offices/{Office}/years/2026/ledger", await File.ReadAllTextAsync(ledger), "text/csv")));
            Assert.Equal(HttpStatusCode.Created, year.StatusCode);
            Assert.Equal(2, JsonDocument.Parse(await year.Content.ReadAsStringAsync()).RootElement.GetProperty("entries").GetInt32());

            // The same file again is the same batch: refused, not doubled.
            using var again = await http.SendAsync(As(office, Raw(HttpMethod.Post, $"api/offices/{Office}/years/2026/ledger", await File.ReadAllTextAsync(ledger), "text/csv")));
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        foreach (var table in new[] { TableNames.Organisation, TableNames.Ledger })
        {
            var records = await RowsAsync(cli, table);
            Assert.NotEmpty(records);
            Assert.Equal(records, await RowsAsync(web, table));
        }

        var storedCases = await CasesAsync(cli);
        Assert.NotEmpty(storedCases);
        Assert.Equal(storedCases, await CasesAsync(web));

        foreach (var period in new[] { AuditPeriods.Office, "2026" })
        {
            var fromCli = await AuditAsync(cli, period);
            Assert.NotEmpty(fromCli);
            Assert.Equal(fromCli, await AuditAsync(web, period));
        }

        Assert.Equal(["admin-1 organisation.imported", "admin-1 cases.imported"], (await AuditAsync(cli, AuditPeriods.Office)).Select(e => $"{e.Actor} {e.Action}"));
        Assert.Equal(["office-1 ledger.imported"], (await AuditAsync(cli, "2026")).Select(e => $"{e.Actor} {e.Action}"));
    }

    [Fact]
    public async Task YearEnd_RunByTheWorkflow_AppliesTheImportedYearLedger_ExactlyAsTheCliYearEnd()
    {
        var quarterFiles = new List<string>();
        for (var q = 1; q <= 4; q++)
        {
            var dir = await SampleAsync($"q{q}", $"2026-Q{q}");
            var scored = await CliRun.InvokeAsync("score", "-i", dir, "-t", "B", "-p", $"2026-Q{q}", "-o", _folder[$"out-q{q}"]);
            Assert.True(scored.ExitCode == 0, scored.Error);
            quarterFiles.Add(Path.Combine(_folder[$"out-q{q}"], "scorecards.json"));
        }

        var sample = _folder["q1"];
        var ledger = await YearLedgerAsync(sample);
        var yearDir = _folder["year"];
        var byCli = await CliRun.InvokeAsync(["year-end", "--scheme", Path.Combine(sample, "schemes", "template-b.json"), "--organisation", Path.Combine(sample, "organisation.json"),
            "--year", "2026", "--ledger", ledger, "--cases", Path.Combine(sample, "cases.csv"), "-o", yearDir, "--quarters", .. quarterFiles]);
        Assert.True(byCli.ExitCode == 0, byCli.Error);
        var expected = JsonSerializer.Deserialize<List<Scorecard>>(await File.ReadAllTextAsync(Path.Combine(yearDir, "scorecards.json")), DomainJson.Options)!;

        var storage = await StorageWithSchemeAsync();
        // Template B assesses 第十条 yearly: the year-end reads the year's case records, the CLI from the file, the workflow from storage.
        var imported = await CliRun.InvokeAsync(storage.Options, "import", "--organisation", Path.Combine(sample, "organisation.json"), "--cases", Path.Combine(sample, "cases.csv"));
        Assert.True(imported.ExitCode == 0, imported.Error);
        foreach (var file in quarterFiles)
        {
            await new ScorecardRepository(storage).SaveAsync(Office, JsonSerializer.Deserialize<List<Scorecard>>(await File.ReadAllTextAsync(file), DomainJson.Options)!);
        }

        await using var host = new SelfHostProcess(storage.Options.Prefix, "Yr" + storage.Options.Prefix[2..]);
        await host.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Url };
        var office = await host.TokenAsync("office-1", Role.AppraisalOffice, Office);
        using (var year = await http.SendAsync(As(office, Raw(HttpMethod.Post, $"api/offices/{Office}/years/2026/ledger", await File.ReadAllTextAsync(ledger), "text/csv"))))
        {
            Assert.Equal(HttpStatusCode.Created, year.StatusCode);
        }

        using var actors = new CycleActors(host, Office, "2026", OrganisationDocument.Read(await File.ReadAllTextAsync(Path.Combine(sample, "organisation.json")), "organisation.json", new InputErrors())!, []);
        using (var started = await actors.StartAsync(new CycleStart(Office, "2026")))
        {
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        }

        await actors.WaitForAsync("Decision", TimeSpan.FromMinutes(2));
        var combined = await new ScorecardRepository(storage).ForPeriodAsync(Office, "2026", "template-b");

        // The ledger counted: the honoured people's annual cards carry the year-end item, as the CLI's do.
        var honoured = expected.Where(c => c.Lines.Any(l => l.Item == "annual-honour")).Select(c => c.SubjectId).ToList();
        Assert.Equal(2, honoured.Count);
        Assert.Contains(expected, c => c.Lines.Any(l => l.Kind == LineKind.LeaderWorkload && l.Reference?.Period == "2026"));
        Assert.Equal(expected.Count, combined.Count);
        foreach (var card in expected)
        {
            var stored = combined.Single(c => c.SubjectId == card.SubjectId);
            Assert.Equal((card.Total, card.Grade, card.OfficeRank), (stored.Total, stored.Grade, stored.OfficeRank));
            Assert.Equal(Lines(card), Lines(stored));
        }

        // The year-end has started: its ledger is closed, and nothing more is stored.
        var before = await StorageSnapshot.TakeAsync(storage);
        using (var late = await http.SendAsync(As(office, Raw(HttpMethod.Post, $"api/offices/{Office}/years/2026/ledger", "subject_id,item_id,occurrences,evidence,note\n", "text/csv"))))
        {
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
            Assert.Equal("year", JsonDocument.Parse(await late.Content.ReadAsStringAsync()).RootElement.GetProperty("field").GetString());
        }

        Assert.Equal(before, await StorageSnapshot.TakeAsync(storage));
    }

    private async Task<string> SampleAsync(string name, string period)
    {
        var dir = _folder[name];
        var run = await CliRun.InvokeAsync("sample", "--out", dir, "--period", period, "--seed", "7");
        Assert.Equal(0, run.ExitCode);
        return dir;
    }

    /// <summary>Two people of the sample honoured in the year (年度表彰), cited by document number.</summary>
    private async Task<string> YearLedgerAsync(string sample)
    {
        var org = OrganisationDocument.Read(await File.ReadAllTextAsync(Path.Combine(sample, "organisation.json")), "organisation.json", new InputErrors())!;
        var subjects = SubjectSet.For(SchemeTemplates.Load("B"), org);
        var people = subjects.Items.Take(2).ToList();
        var csv = new StringBuilder("subject_id,item_id,occurrences,evidence,note\n");
        foreach (var (person, i) in people.Select((p, i) => (p, i)))
        {
            csv.Append(CultureInfo.InvariantCulture, $"{person.Id},annual-honour,1,省院表〔2026〕{i + 1}号,年度获省级表彰\n");
        }

        var file = Path.Combine(_folder["ledger"], "year-ledger.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, csv.ToString());
        return file;
    }

    private static async Task<StorageAccount> StorageWithSchemeAsync()
    {
        var account = new StorageAccount(new StorageOptions { ConnectionString = AzuriteFixture.ConnectionString, Prefix = "ip" + Guid.NewGuid().ToString("N")[..10] });
        await account.EnsureCreatedAsync();
        var scheme = SchemeTemplates.Load("B");
        var schemes = new SchemeRepository(account);
        var draft = await schemes.AddDraftAsync(scheme);
        await schemes.DecideAsync(scheme.Id, scheme.Version, "party-group", DateTimeOffset.UtcNow, draft.ETag);
        return account;
    }

    /// <summary>A card's lines as they score (the entry's file and line name where it was read, which differs).</summary>
    private static List<string> Lines(Scorecard card) =>
        card.Lines.Select(l => $"{l.Category}|{l.Kind}|{l.Outcome}|{l.Points}|{l.Item}|{l.Units}|{l.Basis}|{l.Entry?.SubjectId}|{l.Entry?.Evidence}|{l.Entry?.Note}").ToList();

    /// <summary>A table's rows, field for field, but the organisation's stamp (a new one for every import).</summary>
    private static async Task<List<string>> RowsAsync(StorageAccount account, string table) =>
        (await StorageSnapshot.ContentAsync(account)).Split('\n').Where(l => l.StartsWith(table + "|", StringComparison.Ordinal) && !l.Contains("|stamp|", StringComparison.Ordinal)).ToList();

    /// <summary>Every stored case of the sample's years, field for field (their blobs' names differ by import).</summary>
    private static async Task<List<string>> CasesAsync(StorageAccount account) =>
        (await new CaseRepository(account).ForPeriodsAsync(Office, [Period.OfYear(2025), Period.OfYear(2026)])).OrderBy(p => p.Key.Year)
            .SelectMany(p => Enumerable.Range(0, p.Value.Count).Select(i => p.Value[i]))
            .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.CaseId}|{c.HandlerId}|{c.DepartmentId}|{c.CaseType}|{c.Class}|{c.Accepted}|{c.Closed}|{c.TimeLimit}|{string.Join(';', c.QualityFlags)}"))
            .ToList();

    private static async Task<List<(string Actor, string Action, string Target, string? Before, string? After)>> AuditAsync(StorageAccount account, string period) =>
        (await new AuditLog(account).ReadAsync(Office, period)).Select(e => (e.Actor, e.Action, e.Target, e.Before, e.After)).ToList();
}
