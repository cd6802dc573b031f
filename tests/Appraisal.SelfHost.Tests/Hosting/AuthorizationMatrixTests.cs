using System.Net.Http.Json;
using System.Text.Json;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Http;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Province;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>Every endpoint of the catalog against every role, and without a sign-in, on a running self-host: refused
/// with 401 (no token, a forged or an expired one) or 403 naming Authorization (a role the endpoint does not allow, or
/// reach outside the caller's office or department), and let through otherwise — through to the handler, which then
/// answers about the request itself. The requests name no cycle that exists, so nothing allowed changes anything.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AuthorizationMatrixTests
{
    private const string Period = "2026-Q3";
    private const string Department = "D02";

    /// <summary>Who may call what, written out here as the specification (not read from the code's rules): staff read
    /// and object; department heads submit for their department, read their office's cycle and object; the appraisal
    /// office starts, verifies and reviews; the Party group decides; supervisors and administrators read; only
    /// administrators start a province. Approval links and the health endpoint need no sign-in.</summary>
    private static readonly Dictionary<string, Role[]> Allowed = new(StringComparer.Ordinal)
    {
        ["ValidateScheme"] = Enum.GetValues<Role>(),
        ["ListSchemeTemplates"] = Enum.GetValues<Role>(),
        ["GetSchemeTemplate"] = Enum.GetValues<Role>(),
        ["StartCycle"] = [Role.AppraisalOffice],
        ["GetCycleStatus"] = [Role.DepartmentHead, Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor, Role.Administrator],
        ["SubmitSelfEvaluation"] = [Role.DepartmentHead],
        ["VerifySubmission"] = [Role.AppraisalOffice],
        ["DecideScheme"] = [Role.PartyGroup],
        ["CastVote"] = [Role.PartyGroup],
        ["FileObjection"] = [Role.Staff, Role.DepartmentHead],
        ["ReviewObjections"] = [Role.AppraisalOffice],
        ["StartProvinceCycle"] = [Role.Administrator],
        ["GetProvinceCycleStatus"] = [Role.Supervisor, Role.Administrator],
        ["CreateSchemeDraft"] = [Role.AppraisalOffice],
        ["ListSchemeVersions"] = Enum.GetValues<Role>(),
        ["GetSchemeVersion"] = Enum.GetValues<Role>(),
        ["UpdateSchemeDraft"] = [Role.AppraisalOffice],
        ["SubmitSchemeDraft"] = [Role.AppraisalOffice],
        ["ImportOrganisation"] = [Role.AppraisalOffice, Role.Administrator],
        ["GetOrganisation"] = [Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor, Role.Administrator],
        ["ImportCases"] = [Role.AppraisalOffice, Role.Administrator],
        ["ImportYearLedger"] = [Role.AppraisalOffice],
        ["UploadEvidence"] = [Role.Staff, Role.DepartmentHead],
        ["SubmitSelfEvaluationOfPerson"] = [Role.Staff, Role.DepartmentHead],
        ["ListSelfEvaluations"] = [Role.DepartmentHead, Role.AppraisalOffice, Role.Supervisor],
        ["ReviewSelfEvaluation"] = [Role.DepartmentHead],
        ["GetEvidence"] = [Role.Staff, Role.DepartmentHead, Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor],
        ["GetCycleResults"] = [Role.DepartmentHead, Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor],
        ["ExportResults"] = [Role.DepartmentHead, Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor],
        ["GetPublicNotice"] = Enum.GetValues<Role>(),
        ["GetDossier"] = [Role.Staff, Role.DepartmentHead, Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor],
        ["GetBulletin"] = [Role.DepartmentHead, Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor],
        ["NoticePage"] = Enum.GetValues<Role>(),
        ["ToDoPage"] = Enum.GetValues<Role>(),
        ["SelfEvaluationFormPage"] = [Role.Staff, Role.DepartmentHead],
        ["DepartmentSubmissionPage"] = [Role.DepartmentHead],
        ["SubmitDepartmentForm"] = [Role.DepartmentHead],
        ["UploadEvidenceForm"] = [Role.DepartmentHead],
        ["UploadSelfEvaluationEvidenceForm"] = [Role.Staff, Role.DepartmentHead],
        ["ReviewSelfEvaluationForm"] = [Role.DepartmentHead],
        ["VerificationPage"] = [Role.AppraisalOffice, Role.Supervisor],
        ["SubmitVerificationForm"] = [Role.AppraisalOffice],
        ["ObjectionReviewPage"] = [Role.AppraisalOffice, Role.Supervisor],
        ["AuditTrailPage"] = [Role.AppraisalOffice, Role.Supervisor],
        ["SubmitObjectionReviewForm"] = [Role.AppraisalOffice],
        ["SubmitSelfEvaluationForm"] = [Role.Staff, Role.DepartmentHead],
        ["DossierPage"] = [Role.Staff, Role.DepartmentHead, Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor],
        ["RunningScorePage"] = [Role.Staff, Role.DepartmentHead, Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor],
        ["DashboardPage"] = [Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor],
        ["ResendMailForm"] = [Role.AppraisalOffice, Role.Administrator],
        ["ListSetAsideMail"] = [Role.AppraisalOffice, Role.Administrator],
        ["ResendMail"] = [Role.AppraisalOffice, Role.Administrator],
        ["ImportPage"] = [Role.AppraisalOffice, Role.Administrator],
        ["ImportForm"] = [Role.AppraisalOffice, Role.Administrator],
        ["StartCyclePage"] = [Role.AppraisalOffice],
        ["StartCycleForm"] = [Role.AppraisalOffice],
        ["ObjectionFormPage"] = [Role.Staff, Role.DepartmentHead],
        ["BuildArchive"] = [Role.AppraisalOffice],
        ["GetArchive"] = [Role.AppraisalOffice, Role.Supervisor],
        ["SubmitObjectionForm"] = [Role.Staff, Role.DepartmentHead],
        ["BulletinPage"] = [Role.DepartmentHead, Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor],
        ["GetBulletinFile"] = [Role.DepartmentHead, Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor],
        ["SchemesPage"] = [Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor],
        ["StartSchemeDraftForm"] = [Role.AppraisalOffice],
        ["SchemeDraftPage"] = [Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor],
        ["SaveSchemeDraftForm"] = [Role.AppraisalOffice],
        ["SubmitSchemeDraftForm"] = [Role.AppraisalOffice],
        ["SchemeDiffPage"] = [Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor],
        ["SchemePreviewPage"] = [Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor],
        ["EnterPaperRatings"] = [Role.AppraisalOffice],
        ["GetResponseRates"] = [Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor],
        ["PaperRatingsPage"] = [Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor],
        ["EnterPaperRatingsForm"] = [Role.AppraisalOffice],
        ["GetRatingQuestionnaire"] = [Role.Staff, Role.DepartmentHead, Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor],
        ["AnswerRatingSection"] = [Role.Staff, Role.DepartmentHead, Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor],
        ["RatingsPage"] = [Role.Staff, Role.DepartmentHead, Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor],
        ["AnswerRatingSectionForm"] = [Role.Staff, Role.DepartmentHead, Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor],
        ["ListCalendarYears"] = [Role.AppraisalOffice, Role.Administrator],
        ["GetCalendarYear"] = [Role.AppraisalOffice, Role.Administrator],
        ["StoreCalendarYear"] = [Role.Administrator],
        ["CalendarPage"] = [Role.AppraisalOffice, Role.Administrator],
        ["StoreCalendarYearForm"] = [Role.Administrator],
        ["OpenApprovalLink"] = [],
        ["SubmitApprovalLink"] = [],
        ["GetHealth"] = [],
    };

    private static readonly HashSet<string> Anonymous = new(StringComparer.Ordinal) { "OpenApprovalLink", "SubmitApprovalLink", "GetHealth" };

    [Fact]
    public void EveryEndpoint_HasAnEntryInTheMatrix()
    {
        Assert.Equal(EndpointCatalog.All.Select(e => e.Name).Order(StringComparer.Ordinal), Allowed.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryEndpoint_TimesEveryRole_IsAllowedOrRefusedAsTheMatrixSays()
    {
        var fixture = await CycleFixture.CreateAsync("2026-Q1");
        await using var host = new SelfHostProcess(fixture.Prefix, "Auth" + fixture.Prefix[2..]);
        await host.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Url };
        var before = await StorageSnapshot.TakeAsync(fixture.Account);
        var checkedCount = 0;
        var failures = new List<string>();

        foreach (var endpoint in EndpointCatalog.All)
        {
            // Without a sign-in.
            var anonymous = await SendAsync(http, endpoint, null);
            Expect(failures, endpoint, "anonymous", anonymous, allowed: Anonymous.Contains(endpoint.Name));
            checkedCount++;

            foreach (var role in Enum.GetValues<Role>())
            {
                var user = role == Role.PartyGroup ? "E0001" : $"user-{role}";
                // Department heads and staff belong to the department the routes name (a staff member uploads for their own).
                var token = await host.TokenAsync(user, role, role is Role.Supervisor or Role.Administrator ? null : CycleFixture.Office, role is Role.DepartmentHead or Role.Staff ? Department : null);
                var result = await SendAsync(http, endpoint, token);
                Expect(failures, endpoint, role.ToString(), result, allowed: Anonymous.Contains(endpoint.Name) || Allowed[endpoint.Name].Contains(role));
                checkedCount++;
            }
        }

        // Reach, for every endpoint bound to an office, a department or the province: each role it allows, signed in
        // for another office (and, where the rule binds a department, as the head of another department of this
        // office) — refused before anything is read, whatever the role.
        var reach = 0;
        foreach (var endpoint in EndpointCatalog.All.Where(e => e.Access.Scope != AccessScope.Any))
        {
            foreach (var role in endpoint.Access.Roles)
            {
                var outsider = await host.TokenAsync($"other-{role}", role, "another-office", role is Role.DepartmentHead or Role.Staff ? Department : null);
                Expect(failures, endpoint, $"{role} of another office", await SendAsync(http, endpoint, outsider), allowed: false, status: 403);
                reach++;
                if (endpoint.Access.Scope == AccessScope.Department)
                {
                    var otherHead = await host.TokenAsync("head-x", role, CycleFixture.Office, "D03");
                    Expect(failures, endpoint, $"{role} of another department", await SendAsync(http, endpoint, otherHead), allowed: false, status: 403);
                    reach++;
                }
            }
        }

        // Tokens that do not hold: signed with another key, expired.
        var foreign = new Appraisal.SelfHost.Identity.JwtTokens(new Appraisal.SelfHost.Identity.AuthOptions { SigningKey = Convert.ToBase64String(new byte[32]) }, new Appraisal.Storage.Secrets.SecretStore(fixture.Account));
        var forged = await foreign.IssueAsync(new Caller("E0001", new HashSet<Role> { Role.AppraisalOffice }, CycleFixture.Office, null), null, default);
        var expired = await host.Tokens.IssueAsync(new Caller("E0001", new HashSet<Role> { Role.AppraisalOffice }, CycleFixture.Office, null), TimeSpan.FromMinutes(-5), default);
        Expect(failures, Entry("GetCycleStatus"), "forged token", await SendAsync(http, Entry("GetCycleStatus"), forged), allowed: false, status: 401);
        Expect(failures, Entry("GetCycleStatus"), "expired token", await SendAsync(http, Entry("GetCycleStatus"), expired), allowed: false, status: 401);

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(EndpointCatalog.All.Count * 7, checkedCount);
        Assert.Equal(EndpointCatalog.All.Where(e => e.Access.Scope != AccessScope.Any).Sum(e => e.Access.Roles.Count * (e.Access.Scope == AccessScope.Department ? 2 : 1)), reach);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
    }

    private static EndpointEntry Entry(string name) => EndpointCatalog.All.Single(e => e.Name == name);

    private static void Expect(List<string> failures, EndpointEntry endpoint, string who, (int Status, string? Field, string Body) result, bool allowed, int? status = null)
    {
        var refused = result.Status == 401 || (result.Status == 403 && result.Field == Access.Field);
        if (allowed == refused || (status is { } s && s != result.Status) || (!allowed && status is null && result.Status == 401 && who != "anonymous") || result.Status >= 500)
        {
            failures.Add($"{endpoint.Name} as {who}: expected {(allowed ? "let through" : status?.ToString() ?? "refused")}, found {result.Status} {result.Body[..Math.Min(300, result.Body.Length)]}");
        }
    }

    private static async Task<(int Status, string? Field, string Body)> SendAsync(HttpClient http, EndpointEntry endpoint, string? token)
    {
        var route = endpoint.Route
            .Replace("{officeId}", CycleFixture.Office, StringComparison.Ordinal)
            .Replace("{period}", Period, StringComparison.Ordinal)
            .Replace("{departmentId}", Department, StringComparison.Ordinal)
            .Replace("{provinceId}", "p-auth", StringComparison.Ordinal)
            .Replace("{letter}", "B", StringComparison.Ordinal)
            .Replace("{token}", "not-a-link", StringComparison.Ordinal)
            .Replace("{schemeId}", "no-such-scheme", StringComparison.Ordinal)
            .Replace("{version}", "1", StringComparison.Ordinal)
            // A review names a person of the department the heads are signed in for (D02's second member), so the
            // department's own head is let through and the head of another department is refused for that person.
            .Replace("{personId}", endpoint.Name.StartsWith("ReviewSelfEvaluation", StringComparison.Ordinal) ? "E0034" : "E0001", StringComparison.Ordinal)
            .Replace("{sectionId}", Department, StringComparison.Ordinal)
            .Replace("{month}", "2026-M07", StringComparison.Ordinal)
            .Replace("{sha256}", new string('0', 64), StringComparison.Ordinal)
            .Replace("{year}", endpoint.Name == "BuildArchive" ? "1999" : "2026", StringComparison.Ordinal)
            .Replace("{file}", endpoint.Name == "GetBulletinFile" ? "bulletin.xlsx" : "results.xlsx", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Verb), "api/" + route);
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        if (endpoint.Verb is "POST" or "PUT")
        {
            request.Content = endpoint.Name switch
            {
                "ValidateScheme" => JsonContent.Create(new { id = "x" }),
                "StartCycle" => JsonContent.Create(new CycleStart(CycleFixture.Office, Period, "no-such-scheme"), options: CycleEndpoints.Json),
                "StartProvinceCycle" => JsonContent.Create(new ProvinceStart("p-auth", Period, SchemeId: "no-such-scheme"), options: CycleEndpoints.Json),
                "SubmitSelfEvaluation" => JsonContent.Create(new SubmissionRequest(null, null), options: CycleEndpoints.Json),
                "VerifySubmission" => JsonContent.Create(new VerificationRequest(VerificationAction.Accept, null), options: CycleEndpoints.Json),
                "DecideScheme" => JsonContent.Create(new SchemeDecisionRequest(null), options: CycleEndpoints.Json),
                "CastVote" => JsonContent.Create(new VoteRequest(true, null, 1), options: CycleEndpoints.Json),
                "FileObjection" => JsonContent.Create(new ObjectionRequest("user-Staff", "理由"), options: CycleEndpoints.Json),
                "ReviewObjections" => JsonContent.Create(new ObjectionReviewRequest([]), options: CycleEndpoints.Json),
                "ReviewSelfEvaluation" => JsonContent.Create(new SelfEvaluationReviewRequest(true, null, 1), options: CycleEndpoints.Json),
                "EnterPaperRatings" => JsonContent.Create(new { subjectId = "E0001", indicatorId = "x", group = "x", count = 0, mean = 50 }),
                // Each of these is refused by the handler for what it carries (an incomplete document, a bad CSV
                // header, a file of no allowed type, no If-Match), so an allowed role changes nothing either.
                "CreateSchemeDraft" or "ImportOrganisation" => JsonContent.Create(new { id = "x" }),
                "UpdateSchemeDraft" or "SubmitSchemeDraft" => JsonContent.Create(new { id = "no-such-scheme" }),
                "ImportCases" or "ImportYearLedger" => new StringContent("not,a,case,header\n", System.Text.Encoding.UTF8, "text/csv"),
                "SubmitSelfEvaluationOfPerson" => JsonContent.Create(new { summary = "", selfScore = 90 }),
                "UploadEvidence" => new StringContent("plain text is not evidence", System.Text.Encoding.UTF8, "text/plain"),
                "BuildArchive" => null,
                // No such mail (404), so an allowed role changes nothing.
                "ResendMail" => JsonContent.Create(new MailResendRequest($"cycle-{CycleFixture.Office}-{Period}", "no-such-mail"), options: CycleEndpoints.Json),
                // No window is open for the fixture's period (409), and the form carries no anti-forgery value (400).
                "AnswerRatingSection" => JsonContent.Create(new { answers = new[] { new { subjectId = "E0001", indicatorId = "x", score = 80 } } }),
                "AnswerRatingSectionForm" => new FormUrlEncodedContent([new("s0", "80")]),
                "SubmitObjectionForm" => new FormUrlEncodedContent([new("subjectId", "x"), new("reason", "理由")]),
                "SubmitSelfEvaluationForm" => new FormUrlEncodedContent([new("summary", "述职"), new("selfScore", "90")]),
                "ReviewSelfEvaluationForm" => new FormUrlEncodedContent([new("decision", "accept"), new("revision", "1")]),
                "SubmitDepartmentForm" or "UploadEvidenceForm" or "UploadSelfEvaluationEvidenceForm" or "SubmitVerificationForm" or "SubmitObjectionReviewForm" => new FormUrlEncodedContent([new("rows", "1"), new("intent", "submit")]),
                // Without the form's anti-forgery value: an allowed role is refused for it (400), nothing imported or started.
                "ImportForm" => new MultipartFormDataContent { { new StringContent("not,a,case,header\n"), "file", "cases.csv" } },
                "EnterPaperRatingsForm" => new FormUrlEncodedContent([new("subjectId", "E0001"), new("count", "1"), new("mean", "50")]),
                "StartCycleForm" => new FormUrlEncodedContent([new("period", Period), new("schemeId", "no-such-scheme")]),
                "ResendMailForm" => new FormUrlEncodedContent([new("stream", $"cycle-{CycleFixture.Office}-{Period}"), new("key", "result-E0001")]),
                "StartSchemeDraftForm" => new FormUrlEncodedContent([new("source", "template:B"), new("schemeId", "sample-basic-scheme")]),
                "SaveSchemeDraftForm" or "SubmitSchemeDraftForm" => new FormUrlEncodedContent([new("intent", "save"), new("etag", "*")]),
                // An incomplete document (422) and a form without its anti-forgery value (400): nothing stored.
                "StoreCalendarYear" => JsonContent.Create(new { year = 2026 }),
                "StoreCalendarYearForm" => new FormUrlEncodedContent([new("document", "{\"year\": 2026}")]),
                "SubmitApprovalLink" => new FormUrlEncodedContent([new("decision", "approve")]),
                _ => throw new InvalidOperationException($"no request body for {endpoint.Name}: add one"),
            };
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        string? field = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            field = JsonDocument.Parse(body).RootElement.TryGetProperty("field", out var f) ? f.GetString() : null;
        }
        else if (response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            // A page's refusal names its field as the alert's data-field.
            var match = System.Text.RegularExpressions.Regex.Match(body, "data-field=\"([^\"]*)\"");
            field = match.Success ? System.Net.WebUtility.HtmlDecode(match.Groups[1].Value) : null;
        }

        return ((int)response.StatusCode, field, body);
    }
}
