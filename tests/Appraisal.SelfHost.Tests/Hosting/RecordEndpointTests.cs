using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Appraisal.Domain.Inputs;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Storage.Audit;
using Appraisal.Workflow.Identity;
using static Appraisal.SelfHost.Tests.Hosting.Requests;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>The record endpoints of a running self-host — scheme drafts, the organisation, case imports and evidence:
/// what each stores when the request is good, and every bad request refused with its problem while storage stays
/// exactly as it was (compared before and after).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RecordEndpointTests
{
    private const string Period = "2026-Q1";
    private const string StaleETag = "W/\"datetime'2020-01-01T00%3A00%3A00.0000000Z'\"";

    [Fact]
    public async Task SchemeDraft_IsEditedUnderItsETag_FrozenOnceSubmitted_AndRefusalsChangeNothing()
    {
        var fixture = await CycleFixture.CreateAsync(Period);
        await using var host = new SelfHostProcess(fixture.Prefix, "Rec" + fixture.Prefix[2..]);
        await host.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Url };
        var office = await host.TokenAsync("office-1", Role.AppraisalOffice, CycleFixture.Office);
        var staff = await host.TokenAsync("E0100", Role.Staff, CycleFixture.Office);
        var draft = fixture.Scheme with { Id = "draft-scheme", Version = 1 };
        var path = "api/schemes/draft-scheme/versions/1";

        using var created = await http.SendAsync(As(office, Raw(HttpMethod.Post, "api/schemes", SchemeDocument.Write(draft), "application/json")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.EndsWith("/" + path, created.Headers.Location?.ToString(), StringComparison.Ordinal);
        var etag = created.Headers.ETag?.ToString();
        Assert.False(string.IsNullOrEmpty(etag));

        using (var read = await http.SendAsync(As(staff, new HttpRequestMessage(HttpMethod.Get, path))))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal(etag, read.Headers.ETag?.ToString());
            var body = JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("Draft", body.GetProperty("status").GetString());
            Assert.Equal(draft.Name.Zh, body.GetProperty("document").GetProperty("name").GetProperty("zh").GetString());
        }

        var edited = draft with { Name = draft.Name with { Zh = draft.Name.Zh + "（修订）" } };
        var other = draft with { Id = "another-scheme" };
        var before = await StorageSnapshot.TakeAsync(fixture.Account);
        (string, HttpRequestMessage, HttpStatusCode, string?)[] refusals =
        [
            ("the same version again", As(office, Raw(HttpMethod.Post, "api/schemes", SchemeDocument.Write(draft), "application/json")), HttpStatusCode.Conflict, null),
            ("drafted by staff", As(staff, Raw(HttpMethod.Post, "api/schemes", SchemeDocument.Write(other), "application/json")), HttpStatusCode.Forbidden, "Authorization"),
            ("not signed in", Raw(HttpMethod.Post, "api/schemes", SchemeDocument.Write(other), "application/json"), HttpStatusCode.Unauthorized, "Authorization"),
            ("an incomplete document", As(office, Raw(HttpMethod.Post, "api/schemes", "{\"id\": \"another-scheme\"}", "application/json")), (HttpStatusCode)422, null),
            ("not JSON at all", As(office, Raw(HttpMethod.Post, "api/schemes", "{\"id\": ", "application/json")), (HttpStatusCode)422, null),
            ("not UTF-8", As(office, Bytes(HttpMethod.Post, "api/schemes", [0x7B, 0xFF, 0xFE, 0x7D], "application/json")), (HttpStatusCode)422, null),
            ("as a form", As(office, Raw(HttpMethod.Post, "api/schemes", "id=x", "application/x-www-form-urlencoded")), HttpStatusCode.UnsupportedMediaType, "Content-Type"),
            ("edited without If-Match", As(office, Raw(HttpMethod.Put, path, SchemeDocument.Write(edited), "application/json")), (HttpStatusCode)428, "If-Match"),
            ("edited under a stale ETag", As(office, IfMatch(StaleETag, Raw(HttpMethod.Put, path, SchemeDocument.Write(edited), "application/json"))), HttpStatusCode.PreconditionFailed, "If-Match"),
            ("a document of another scheme", As(office, IfMatch(etag!, Raw(HttpMethod.Put, path, SchemeDocument.Write(other), "application/json"))), HttpStatusCode.BadRequest, "id"),
            ("a version that is no number", As(office, IfMatch(etag!, Raw(HttpMethod.Put, "api/schemes/draft-scheme/versions/one", SchemeDocument.Write(edited), "application/json"))), HttpStatusCode.BadRequest, "version"),
            ("a version not stored", As(staff, new HttpRequestMessage(HttpMethod.Get, "api/schemes/draft-scheme/versions/9")), HttpStatusCode.NotFound, "version"),
            ("a scheme not stored", As(staff, new HttpRequestMessage(HttpMethod.Get, "api/schemes/no-such-scheme/versions")), HttpStatusCode.NotFound, "schemeId"),
            ("submitted without If-Match", As(office, new HttpRequestMessage(HttpMethod.Post, path + "/submission")), (HttpStatusCode)428, "If-Match"),
            ("edited under If-Match: *", As(office, IfMatch("*", Raw(HttpMethod.Put, path, SchemeDocument.Write(edited), "application/json"))), (HttpStatusCode)428, "If-Match"),
            ("submitted under If-Match: *", As(office, IfMatch("*", new HttpRequestMessage(HttpMethod.Post, path + "/submission"))), (HttpStatusCode)428, "If-Match"),
            ("submitted under a stale ETag", As(office, IfMatch(StaleETag, new HttpRequestMessage(HttpMethod.Post, path + "/submission"))), HttpStatusCode.PreconditionFailed, "If-Match"),
            ("submitted by the Party group", As(await host.TokenAsync("E0001", Role.PartyGroup, CycleFixture.Office), IfMatch(etag!, new HttpRequestMessage(HttpMethod.Post, path + "/submission"))), HttpStatusCode.Forbidden, "Authorization"),
        ];
        Assert.Equal(refusals.Length, await AssertRefusedAsync(http, refusals));

        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));

        // Edited under the current ETag: a new ETag; the old one no longer holds.
        using var put = await http.SendAsync(As(office, IfMatch(etag!, Raw(HttpMethod.Put, path, SchemeDocument.Write(edited), "application/json"))));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var etag2 = put.Headers.ETag?.ToString();
        Assert.NotEqual(etag, etag2);
        Assert.Contains("（修订）", await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Submitted for decision: frozen.
        using var submitted = await http.SendAsync(As(office, IfMatch(etag2!, new HttpRequestMessage(HttpMethod.Post, path + "/submission"))));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var etag3 = submitted.Headers.ETag?.ToString();
        Assert.Equal("Submitted", JsonDocument.Parse(await submitted.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        var frozen = await StorageSnapshot.TakeAsync(fixture.Account);
        await AssertRefusedAsync(http,
        [
            ("edited once submitted", As(office, IfMatch(etag3!, Raw(HttpMethod.Put, path, SchemeDocument.Write(draft), "application/json"))), HttpStatusCode.Conflict, null),
            ("submitted twice", As(office, IfMatch(etag3!, new HttpRequestMessage(HttpMethod.Post, path + "/submission"))), HttpStatusCode.Conflict, null),
        ]);
        Assert.Equal(frozen, await StorageSnapshot.TakeAsync(fixture.Account));

        using var list = await http.SendAsync(As(staff, new HttpRequestMessage(HttpMethod.Get, "api/schemes/draft-scheme/versions")));
        var versions = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("versions");
        Assert.Equal("Submitted", Assert.Single(versions.EnumerateArray()).GetProperty("status").GetString());
        var audit = await new AuditLog(fixture.Account).ReadAsync("schemes", "draft-scheme");
        Assert.Equal(["scheme.drafted", "scheme.edited", "scheme.submitted"], audit.Select(e => e.Action));
        Assert.All(audit, e => Assert.Equal("office-1", e.Actor));
    }

    [Fact]
    public async Task OrganisationAndCases_AreImportedWhole_OrNotAtAll()
    {
        var fixture = await CycleFixture.CreateAsync(Period);
        await using var host = new SelfHostProcess(fixture.Prefix, "Org" + fixture.Prefix[2..]);
        await host.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Url };
        var admin = await host.TokenAsync("admin", Role.Administrator, null);
        var office = await host.TokenAsync("office-1", Role.AppraisalOffice, CycleFixture.Office);
        var orgPath = $"api/offices/{CycleFixture.Office}/organisation";
        var casesPath = $"api/offices/{CycleFixture.Office}/cases";

        using var got = await http.SendAsync(As(office, new HttpRequestMessage(HttpMethod.Get, orgPath)));
        Assert.Equal(HttpStatusCode.OK, got.StatusCode);
        var document = await got.Content.ReadAsStringAsync();
        var read = OrganisationDocument.Read(document, "organisation.json", new InputErrors())!;
        Assert.Equal(CycleFixture.Office, read.Office.Id);
        Assert.Equal(fixture.Sample.Organisation.People.Select(p => p.Id).Order(StringComparer.Ordinal), read.People.Select(p => p.Id).Order(StringComparer.Ordinal));

        var cases = fixture.Sample.Cases.Take(5).ToList();
        var csv = new StringWriter();
        CaseCsv.Write(csv, cases);
        var badRow = csv.ToString().Replace(cases[0].HandlerId, "NO-SUCH-PERSON", StringComparison.Ordinal);
        var controlName = JsonNode.Parse(document)!;
        controlName["people"]![0]!["name"] = fixture.Sample.Organisation.People[0].Name + "\u0007";
        var controlCase = csv.ToString().Replace(cases[0].CaseType, cases[0].CaseType + "\u001b[31m", StringComparison.Ordinal);
        var anotherOffice = document.Replace($"\"{CycleFixture.Office}\"", "\"another-office\"", StringComparison.Ordinal);
        var before = await StorageSnapshot.TakeAsync(fixture.Account);
        (string, HttpRequestMessage, HttpStatusCode, string?)[] refusals =
        [
            ("organisation of another office", As(admin, Raw(HttpMethod.Put, orgPath, anotherOffice, "application/json")), HttpStatusCode.BadRequest, "office.id"),
            ("an empty organisation", As(admin, Raw(HttpMethod.Put, orgPath, "{}", "application/json")), (HttpStatusCode)422, "organisation"),
            ("an organisation that is not JSON", As(admin, Raw(HttpMethod.Put, orgPath, "[1, 2", "application/json")), (HttpStatusCode)422, "organisation"),
            ("an organisation imported by a department head", As(await host.TokenAsync("E0005", Role.DepartmentHead, CycleFixture.Office, "D02"), Raw(HttpMethod.Put, orgPath, document, "application/json")), HttpStatusCode.Forbidden, "Authorization"),
            ("an organisation of an office not imported", As(admin, new HttpRequestMessage(HttpMethod.Get, "api/offices/no-such-office/organisation")), HttpStatusCode.NotFound, "officeId"),
            ("read by staff", As(await host.TokenAsync("E0100", Role.Staff, CycleFixture.Office), new HttpRequestMessage(HttpMethod.Get, orgPath)), HttpStatusCode.Forbidden, "Authorization"),
            ("cases with a wrong header", As(office, Raw(HttpMethod.Post, casesPath, "case,who\n1,2\n", "text/csv")), (HttpStatusCode)422, "cases"),
            ("a name with a control character", As(admin, Raw(HttpMethod.Put, orgPath, controlName.ToJsonString(), "application/json")), (HttpStatusCode)422, "organisation"),
            ("a case type with an escape sequence", As(office, Raw(HttpMethod.Post, casesPath, controlCase, "text/csv")), (HttpStatusCode)422, "cases"),
            ("cases with an unknown handler", As(office, Raw(HttpMethod.Post, casesPath, badRow, "text/csv")), (HttpStatusCode)422, "cases"),
            ("cases as JSON", As(office, JsonBody(HttpMethod.Post, casesPath, cases)), HttpStatusCode.UnsupportedMediaType, "Content-Type"),
            ("cases over 16 MiB", As(office, Raw(HttpMethod.Post, casesPath, new string('a', (16 * 1024 * 1024) + 1), "text/csv")), HttpStatusCode.RequestEntityTooLarge, "body"),
            ("cases of an office not imported", As(admin, Raw(HttpMethod.Post, "api/offices/no-such-office/cases", csv.ToString(), "text/csv")), HttpStatusCode.NotFound, "officeId"),
            ("cases of another office", As(office, Raw(HttpMethod.Post, "api/offices/another-office/cases", csv.ToString(), "text/csv")), HttpStatusCode.Forbidden, "Authorization"),
        ];
        Assert.Equal(refusals.Length, await AssertRefusedAsync(http, refusals));
        using (var named = await http.SendAsync(As(admin, Raw(HttpMethod.Put, orgPath, controlName.ToJsonString(), "application/json"))))
        {
            var errors = JsonDocument.Parse(await named.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
            Assert.Contains(errors, e => e.Contains("$.people[0].name", StringComparison.Ordinal) && e.Contains("U+0007", StringComparison.Ordinal));
        }

        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));

        // The same organisation again changes no one; the cases are stored (replacing the same records).
        using var put = await http.SendAsync(As(admin, Raw(HttpMethod.Put, orgPath, document, "application/json")));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var summary = JsonDocument.Parse(await put.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, summary.GetProperty("added").GetInt32() + summary.GetProperty("updated").GetInt32() + summary.GetProperty("deactivated").GetInt32());
        using var imported = await http.SendAsync(As(office, Raw(HttpMethod.Post, casesPath, csv.ToString(), "text/csv")));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(5, JsonDocument.Parse(await imported.Content.ReadAsStringAsync()).RootElement.GetProperty("imported").GetInt32());
        var audit = await new AuditLog(fixture.Account).ReadAsync(CycleFixture.Office, AuditPeriods.Office);
        Assert.Equal(["organisation.imported", "cases.imported"], audit.TakeLast(2).Select(e => e.Action));
    }

    [Fact]
    public async Task Evidence_IsStoredByItsHash_ForItsOwnDepartment_ServedOnlyToThoseWhoMaySeeIt_AndRefusedFilesStoreNothing()
    {
        var fixture = await CycleFixture.CreateAsync(Period);
        await using var host = new SelfHostProcess(fixture.Prefix, "Evi" + fixture.Prefix[2..], new Dictionary<string, string> { ["Storage__MaxEvidenceBytes"] = "4096" });
        await host.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Url };
        var department = fixture.Sample.Organisation.Departments[1].Id;
        var head = await host.TokenAsync("head-1", Role.DepartmentHead, CycleFixture.Office, department);
        var otherHead = await host.TokenAsync("head-2", Role.DepartmentHead, CycleFixture.Office, fixture.Sample.Organisation.Departments[2].Id);
        var office = await host.TokenAsync("office-1", Role.AppraisalOffice, CycleFixture.Office);
        var path = $"api/cycles/{CycleFixture.Office}/{Period}/departments/{department}/evidence";
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Encoding.ASCII.GetBytes("a small scan")];

        var upload = Bytes(HttpMethod.Post, path, png, "image/png");
        upload.Content!.Headers.TryAddWithoutValidation("Content-Disposition", "attachment; filename*=UTF-8''%E5%8A%9E%E6%A1%88%E8%AF%81%E6%98%8E.png");
        using var created = await http.SendAsync(As(head, upload));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var stored = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var sha = Convert.ToHexStringLower(SHA256.HashData(png));
        Assert.Equal(sha, stored.GetProperty("sha256").GetString());
        Assert.Equal("办案证明.png", stored.GetProperty("fileName").GetString());
        Assert.Equal("image/png", stored.GetProperty("contentType").GetString());

        using (var back = await http.SendAsync(As(office, new HttpRequestMessage(HttpMethod.Get, created.Headers.Location))))
        {
            Assert.Equal(HttpStatusCode.OK, back.StatusCode);
            Assert.Equal("image/png", back.Content.Headers.ContentType?.MediaType);
            Assert.Equal(png, await back.Content.ReadAsByteArrayAsync());
        }

        var traversal = Bytes(HttpMethod.Post, path + "?fileName=..%2F..%2Fetc%2Fpasswd.png", png, "image/png");
        var before = await StorageSnapshot.TakeAsync(fixture.Account);
        (string, HttpRequestMessage, HttpStatusCode, string?)[] refusals =
        [
            ("a program", As(head, Bytes(HttpMethod.Post, path + "?fileName=scan.pdf", [0x4D, 0x5A, 0x90, 0x00, 0x03], "application/pdf")), HttpStatusCode.UnsupportedMediaType, "content"),
            ("a file name with a path", As(head, traversal), HttpStatusCode.BadRequest, "fileName"),
            ("an empty file", As(head, Bytes(HttpMethod.Post, path, [], "image/png")), HttpStatusCode.BadRequest, "body"),
            ("over the size limit", As(head, Bytes(HttpMethod.Post, path, [.. png, .. new byte[4096]], "image/png")), HttpStatusCode.RequestEntityTooLarge, "body"),
            ("for another department", As(otherHead, Bytes(HttpMethod.Post, path, png, "image/png")), HttpStatusCode.Forbidden, "Authorization"),
            ("by the appraisal office", As(office, Bytes(HttpMethod.Post, path, png, "image/png")), HttpStatusCode.Forbidden, "Authorization"),
            ("by a person of another department", As(await host.TokenAsync("E0100", Role.Staff, CycleFixture.Office, "D99"), Bytes(HttpMethod.Post, path, png, "image/png")), HttpStatusCode.Forbidden, "Authorization"),
            ("by a person of no department", As(await host.TokenAsync("E0100", Role.Staff, CycleFixture.Office), Bytes(HttpMethod.Post, path, png, "image/png")), HttpStatusCode.Forbidden, "Authorization"),
            ("for a period that is none", As(head, Bytes(HttpMethod.Post, $"api/cycles/{CycleFixture.Office}/2026-Q9/departments/{department}/evidence", png, "image/png")), HttpStatusCode.BadRequest, "period"),
            ("for a department that is none", As(await host.TokenAsync("head-9", Role.DepartmentHead, CycleFixture.Office, "D99"),
                Bytes(HttpMethod.Post, $"api/cycles/{CycleFixture.Office}/{Period}/departments/D99/evidence", png, "image/png")), HttpStatusCode.NotFound, "departmentId"),
            ("read by a hash that is none", As(office, new HttpRequestMessage(HttpMethod.Get, $"api/offices/{CycleFixture.Office}/evidence/not-a-hash")), HttpStatusCode.BadRequest, "sha256"),
            ("read by a hash not stored", As(office, new HttpRequestMessage(HttpMethod.Get, $"api/offices/{CycleFixture.Office}/evidence/{new string('a', 64)}")), HttpStatusCode.NotFound, "sha256"),
            // Not theirs to see answers exactly as a file that does not exist: a hash reveals nothing.
            ("read by staff no claim cites it for", As(await host.TokenAsync("E0100", Role.Staff, CycleFixture.Office), new HttpRequestMessage(HttpMethod.Get, $"api/offices/{CycleFixture.Office}/evidence/{sha}")), HttpStatusCode.NotFound, "sha256"),
            ("read by another department's head", As(otherHead, new HttpRequestMessage(HttpMethod.Get, $"api/offices/{CycleFixture.Office}/evidence/{sha}")), HttpStatusCode.NotFound, "sha256"),
            ("read by another office through its own route", As(await host.TokenAsync("office-x", Role.AppraisalOffice, "another-office"), new HttpRequestMessage(HttpMethod.Get, $"api/offices/another-office/evidence/{sha}")), HttpStatusCode.NotFound, "sha256"),
            ("read by another office through this office's route", As(await host.TokenAsync("office-x", Role.AppraisalOffice, "another-office"), new HttpRequestMessage(HttpMethod.Get, $"api/offices/{CycleFixture.Office}/evidence/{sha}")), HttpStatusCode.Forbidden, "Authorization"),
        ];
        Assert.Equal(refusals.Length, await AssertRefusedAsync(http, refusals));
        using (var missing = await http.SendAsync(As(otherHead, new HttpRequestMessage(HttpMethod.Get, $"api/offices/{CycleFixture.Office}/evidence/{new string('b', 64)}"))))
        using (var hidden = await http.SendAsync(As(otherHead, new HttpRequestMessage(HttpMethod.Get, $"api/offices/{CycleFixture.Office}/evidence/{sha}"))))
        {
            // Same status, same title, same field: only the hash the caller sent differs.
            var (a, b) = (JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement, JsonDocument.Parse(await hidden.Content.ReadAsStringAsync()).RootElement);
            Assert.Equal((missing.StatusCode, a.GetProperty("title").GetString(), a.GetProperty("field").GetString()), (hidden.StatusCode, b.GetProperty("title").GetString(), b.GetProperty("field").GetString()));
            Assert.Equal(a.GetProperty("detail").GetString()!.Replace(new string('b', 64), sha, StringComparison.Ordinal), b.GetProperty("detail").GetString());
        }

        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
        var audit = await new AuditLog(fixture.Account).ReadAsync(CycleFixture.Office, Period);
        Assert.Equal(sha, Assert.Single(audit, e => e.Action == "evidence.uploaded").Target);
    }
}
