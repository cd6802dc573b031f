using System.Net;
using System.Text.Json;
using Appraisal.Domain.Schemes;
using Appraisal.Storage.Scorecards;
using Appraisal.Workflow.Identity;
using static Appraisal.SelfHost.Tests.Hosting.Requests;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>A final cycle read back through the endpoints as each role may: the office sees every scorecard, a
/// department head their department's, staff the public notice (name, department, score and grade only) and their own
/// dossier; each number equal to the stored scorecard. Refusals change nothing.</summary>
internal static class ResultReads
{
    public static async Task AssertReadableAsync(SelfHostProcess host, CycleFixture fixture, string period)
    {
        using var http = new HttpClient { BaseAddress = host.Url };
        var stored = await new ScorecardRepository(fixture.Account).ForPeriodAsync(CycleFixture.Office, period, fixture.Scheme.Id);
        Assert.NotEmpty(stored);
        var office = await host.TokenAsync("office-1", Role.AppraisalOffice, CycleFixture.Office);
        var results = await GetAsync(http, office, $"api/cycles/{CycleFixture.Office}/{period}/results");
        Assert.True(results.GetProperty("final").GetBoolean());
        Assert.Equal(
            stored.Select(c => (c.SubjectId, c.Total)).OrderBy(c => c.SubjectId, StringComparer.Ordinal),
            results.GetProperty("scorecards").EnumerateArray().Select(c => (c.GetProperty("subjectId").GetString()!, c.GetProperty("total").GetDecimal())).OrderBy(c => c.Item1, StringComparer.Ordinal));

        var department = fixture.Sample.Organisation.Departments[1].Id;
        var head = await host.TokenAsync("head-1", Role.DepartmentHead, CycleFixture.Office, department);
        var own = await GetAsync(http, head, $"api/cycles/{CycleFixture.Office}/{period}/results");
        Assert.Equal(stored.Count(c => c.DepartmentId == department), own.GetProperty("count").GetInt32());
        Assert.All(own.GetProperty("scorecards").EnumerateArray(), c => Assert.Equal(department, c.GetProperty("departmentId").GetString()));

        var person = stored.First(c => c.SubjectKind == SubjectKind.Person);
        var staff = await host.TokenAsync(person.SubjectId, Role.Staff, CycleFixture.Office);
        var notice = await GetAsync(http, staff, $"api/cycles/{CycleFixture.Office}/{period}/notice");
        var entries = notice.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(stored.Count, entries.Count);
        Assert.All(entries, e => Assert.Equal(["department", "grade", "name", "rank", "total"], e.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)));
        Assert.Contains(entries, e => e.GetProperty("name").GetString() == person.SubjectName && e.GetProperty("total").GetDecimal() == person.Total);

        var dossier = await GetAsync(http, staff, $"api/offices/{CycleFixture.Office}/people/{person.SubjectId}/dossier");
        var result = Assert.Single(dossier.GetProperty("results").EnumerateArray(), r => r.GetProperty("scorecard").GetProperty("period").GetString() == period);
        Assert.True(result.GetProperty("final").GetBoolean());
        Assert.Equal(person.Total, result.GetProperty("scorecard").GetProperty("total").GetDecimal());
        Assert.Equal(person.Lines.Count, result.GetProperty("scorecard").GetProperty("lines").GetArrayLength());

        // The exports: the workbook's ranking has every scorecard with its total as a number; the CSV is UTF-8 with a BOM.
        using (var xlsx = await http.SendAsync(As(office, new HttpRequestMessage(HttpMethod.Get, $"api/cycles/{CycleFixture.Office}/{period}/exports/results.xlsx"))))
        {
            Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
            Assert.Equal(Appraisal.Workflow.Exports.TableFiles.XlsxType, xlsx.Content.Headers.ContentType?.MediaType);
            using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false);
            var sheets = workbook.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().ToList();
            Assert.Equal(["排名", "记分明细", "部门"], sheets.Select(x => x.Name!.Value));
            var ranking = ((DocumentFormat.OpenXml.Packaging.WorksheetPart)workbook.WorkbookPart.GetPartById(sheets[0].Id!)).Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Skip(1).ToList();
            Assert.Equal(stored.Count, ranking.Count);
            var totals = ranking.Select(r => r.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().ElementAt(4 + fixture.Scheme.Categories.Count))
                .Select(c => decimal.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
            Assert.Equal(stored.Select(c => c.Total).Order(), totals);
        }

        using (var csv = await http.SendAsync(As(head, new HttpRequestMessage(HttpMethod.Get, $"api/cycles/{CycleFixture.Office}/{period}/exports/ranking.csv"))))
        {
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            var bytes = await csv.Content.ReadAsByteArrayAsync();
            Assert.Equal(System.Text.Encoding.UTF8.GetPreamble(), bytes[..3]);
            var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("名次,编号,姓名,部门", lines[0], StringComparison.Ordinal);
            Assert.Equal(stored.Count(c => c.DepartmentId == department), lines.Length - 1);
        }

        await AssertArchiveAsync(http, fixture, office, period);

        var other = stored.First(c => c.SubjectKind == SubjectKind.Person && c.SubjectId != person.SubjectId);
        var before = await StorageSnapshot.TakeAsync(fixture.Account);
        await AssertRefusedAsync(http,
        [
            ("another person's dossier", As(staff, new HttpRequestMessage(HttpMethod.Get, $"api/offices/{CycleFixture.Office}/people/{other.SubjectId}/dossier")), HttpStatusCode.Forbidden, "personId"),
            ("a dossier of no one", As(office, new HttpRequestMessage(HttpMethod.Get, $"api/offices/{CycleFixture.Office}/people/NO-ONE/dossier")), HttpStatusCode.NotFound, "personId"),
            ("results read by staff", As(staff, new HttpRequestMessage(HttpMethod.Get, $"api/cycles/{CycleFixture.Office}/{period}/results")), HttpStatusCode.Forbidden, "Authorization"),
            ("results of a cycle not started", As(office, new HttpRequestMessage(HttpMethod.Get, $"api/cycles/{CycleFixture.Office}/2025-Q4/results")), HttpStatusCode.NotFound, "period"),
            ("a notice not published", As(staff, new HttpRequestMessage(HttpMethod.Get, $"api/cycles/{CycleFixture.Office}/2025-Q4/notice")), HttpStatusCode.NotFound, "period"),
            ("a notice of another office", As(staff, new HttpRequestMessage(HttpMethod.Get, $"api/cycles/another-office/{period}/notice")), HttpStatusCode.Forbidden, "Authorization"),
            ("a bulletin of a quarter", As(office, new HttpRequestMessage(HttpMethod.Get, $"api/offices/{CycleFixture.Office}/bulletins/{period}")), HttpStatusCode.BadRequest, "month"),
            ("a self-evaluation once final", As(staff, JsonBody(HttpMethod.Post, $"api/cycles/{CycleFixture.Office}/{period}/people/{person.SubjectId}/self-evaluation",
                new Appraisal.Workflow.Http.SelfEvaluationRequest("结果公布后补交的自评", 95, null))), HttpStatusCode.Conflict, "period"),
            ("a department's submission once final", As(head, JsonBody(HttpMethod.Post, $"api/cycles/{CycleFixture.Office}/{period}/departments/{department}/submission",
                new Appraisal.Workflow.Http.SubmissionRequest(null, null))), HttpStatusCode.Conflict, "period"),
            ("an export that is none", As(office, new HttpRequestMessage(HttpMethod.Get, $"api/cycles/{CycleFixture.Office}/{period}/exports/results.exe")), HttpStatusCode.NotFound, "file"),
            ("an export read by staff", As(staff, new HttpRequestMessage(HttpMethod.Get, $"api/cycles/{CycleFixture.Office}/{period}/exports/ranking.csv")), HttpStatusCode.Forbidden, "Authorization"),
            ("an archive not built", As(office, new HttpRequestMessage(HttpMethod.Get, $"api/offices/{CycleFixture.Office}/archives/2025")), HttpStatusCode.NotFound, "year"),
            ("an archive of no year", As(office, new HttpRequestMessage(HttpMethod.Post, $"api/offices/{CycleFixture.Office}/archives/twenty")), HttpStatusCode.BadRequest, "year"),
            ("an archive built by staff", As(staff, new HttpRequestMessage(HttpMethod.Post, $"api/offices/{CycleFixture.Office}/archives/2026")), HttpStatusCode.Forbidden, "Authorization"),
            ("a bulletin not composed", As(office, new HttpRequestMessage(HttpMethod.Get, $"api/offices/{CycleFixture.Office}/bulletins/2025-M01")), HttpStatusCode.NotFound, "month"),
        ]);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
    }

    /// <summary>The year's archive, built by the CLI and then over HTTP and downloaded, holds the cycle's results and audit extract and checks
    /// intact with the CLI; a file altered, or an audit entry altered with the manifest made to match, is found.</summary>
    private static async Task AssertArchiveAsync(HttpClient http, CycleFixture fixture, string office, string period)
    {
        using (var built = await http.SendAsync(As(office, new HttpRequestMessage(HttpMethod.Post, $"api/offices/{CycleFixture.Office}/archives/2026"))))
        {
            Assert.Equal(HttpStatusCode.Created, built.StatusCode);
        }

        using var download = await http.SendAsync(As(office, new HttpRequestMessage(HttpMethod.Get, $"api/offices/{CycleFixture.Office}/archives/2026")));
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "archive.zip");
        await File.WriteAllBytesAsync(file, bytes);
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes)))
        {
            Assert.NotNull(zip.GetEntry($"results/{period}-ranking.csv"));
            Assert.NotNull(zip.GetEntry($"audit/{period}.json"));
            Assert.NotNull(zip.GetEntry("evidence/manifest.csv"));
        }

        var intact = await Cli.CliRun.InvokeAsync("audit", "verify", "--archive", file, "--lang", "en");
        Assert.True(intact.ExitCode == 0, intact.Error);
        Assert.Contains("archive intact", intact.Output, StringComparison.Ordinal);

        // The CLI builds the same archive (a new manifest time, the same files) into storage and writes it out; a bad
        // year is refused and leaves the stored archive as it was.
        var storage = fixture.Account.Options;
        var badYear = await Cli.CliRun.InvokeAsync(storage, "archive", "build", "--office", CycleFixture.Office, "--year", "26", "--lang", "en");
        Assert.Equal((2, "error: --year: expected a year such as 2026, found '26'; nothing built"), (badYear.ExitCode, badYear.Error.Trim()));
        var cliFile = Path.Combine(folder.Path, "cli.zip");
        var cli = await Cli.CliRun.InvokeAsync(storage, "archive", "build", "--office", CycleFixture.Office, "--year", "2026", "-o", cliFile, "--actor", "archivist", "--lang", "en");
        Assert.True(cli.ExitCode == 0, cli.Error);

        // Both builds went through the one service: each audited once, under who built it.
        var builds = (await new Appraisal.Storage.Audit.AuditLog(fixture.Account).ReadAsync(CycleFixture.Office, Appraisal.Storage.Audit.AuditPeriods.Office))
            .Where(e => e.Action == "archive.built").ToList();
        Assert.Equal(2, builds.Count);
        Assert.Equal("archivist", builds[1].Actor);
        Assert.All(builds, e => Assert.Equal(Appraisal.Workflow.Exports.AnnualArchive.BlobName(CycleFixture.Office, 2026), e.Target));
        Assert.Contains($"periods {period},", cli.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await Cli.CliRun.InvokeAsync("audit", "verify", "--archive", cliFile)).ExitCode);
        using (var fromCli = new System.IO.Compression.ZipArchive(File.OpenRead(cliFile)))
        using (var fromHttp = new System.IO.Compression.ZipArchive(new MemoryStream(bytes)))
        {
            static Dictionary<string, string> Hashes(System.IO.Compression.ZipArchive zip) => zip.Entries.Where(e => e.FullName != "manifest.json").ToDictionary(
                e => e.FullName, e => { using var s = e.Open(); return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(s)); });
            Assert.Equal(Hashes(fromHttp).OrderBy(h => h.Key, StringComparer.Ordinal), Hashes(fromCli).OrderBy(h => h.Key, StringComparer.Ordinal));
        }

        using (var again = await http.SendAsync(As(office, new HttpRequestMessage(HttpMethod.Get, $"api/offices/{CycleFixture.Office}/archives/2026"))))
        {
            Assert.Equal(await File.ReadAllBytesAsync(cliFile), await again.Content.ReadAsByteArrayAsync());
        }

        var unknown = await Cli.CliRun.InvokeAsync(storage, "archive", "build", "--office", "no-such-office", "--year", "2026", "--lang", "en");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("nothing built", unknown.Error, StringComparison.Ordinal);

        // A result altered inside the archive.
        await File.WriteAllBytesAsync(file, Rewrite(bytes, $"results/{period}-ranking.csv", text => text.Replace(",优秀", ",良好", StringComparison.Ordinal), fixManifest: false));
        var altered = await Cli.CliRun.InvokeAsync("audit", "verify", "--archive", file, "--lang", "en");
        Assert.Equal(1, altered.ExitCode);
        Assert.Contains($"results/{period}-ranking.csv", altered.Error, StringComparison.Ordinal);

        // An audit entry altered, and the manifest made to match: the chain still gives it away.
        await File.WriteAllBytesAsync(file, Rewrite(bytes, $"audit/{period}.json", text => text.Replace("\"decision.approved\"", "\"decision.rejected\"", StringComparison.Ordinal), fixManifest: true));
        var chain = await Cli.CliRun.InvokeAsync("audit", "verify", "--archive", file, "--lang", "en");
        Assert.Equal(1, chain.ExitCode);
        Assert.Contains("audit chain breaks", chain.Error, StringComparison.Ordinal);
    }

    /// <summary>The archive with one file's text changed (and, when asked, the manifest's hash for it changed too).</summary>
    private static byte[] Rewrite(byte[] archive, string path, Func<string, string> change, bool fixManifest)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(archive)))
        {
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                files[entry.FullName] = buffer.ToArray();
            }
        }

        var before = files[path];
        var changed = System.Text.Encoding.UTF8.GetBytes(change(System.Text.Encoding.UTF8.GetString(before)));
        Assert.NotEqual(before, changed);
        files[path] = changed;
        if (fixManifest)
        {
            var manifest = System.Text.Encoding.UTF8.GetString(files["manifest.json"])
                .Replace(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(before)), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(changed)), StringComparison.Ordinal)
                .Replace($"\"size\": {before.Length}", $"\"size\": {changed.Length}", StringComparison.Ordinal);
            files["manifest.json"] = System.Text.Encoding.UTF8.GetBytes(manifest);
        }

        using var output = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(output, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(content);
            }
        }

        return output.ToArray();
    }

    private static async Task<JsonElement> GetAsync(HttpClient http, string token, string path)
    {
        using var response = await http.SendAsync(As(token, new HttpRequestMessage(HttpMethod.Get, path)));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: expected 200, found {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
