using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Appraisal.Domain.Calendar;
using Appraisal.Domain.Cases;
using Appraisal.Domain.Inputs;
using Appraisal.Domain.Organisation;
using Appraisal.Storage.Cases;
using Appraisal.Storage.Cycles;
using Appraisal.Storage.Organisation;
using Appraisal.Workflow.Calendar;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Schedules;
using Microsoft.Playwright;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>The appraisal office's own pages in headless Chromium with JavaScript off: the organisation and the case
/// records uploaded as files (a bad file lists every row's error with its line and field and stores nothing; a good
/// one shows its counts and is stored), a period started from the form (bad values shown at their fields, nothing
/// started; then started; then refused as already started), and the dashboard with the actions each reader may
/// follow — the office verifies, reads the audit trails and bulletins, imports and starts; a supervisor reads the
/// audit trails only; a department head is refused every one of these pages; forged forms store nothing.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class OfficePageTests
{
    private const string Period = "2026-Q1";

    /// <summary>An office whose organisation is not stored yet, for the imports.</summary>
    private const string NewOffice = "sample-upload";

    /// <summary>Submits the page's form by its button and expects the status, else fails showing what the page says.</summary>
    private static async Task SubmitAsync(IPage page, string button, int expected)
    {
        var response = await Chromium.SubmitAsync(page, button);
        Assert.True(response.Status == expected, $"expected {expected}, found {response.Status}: {await page.InnerTextAsync("main")}");
    }

    /// <summary>The organisation document with each entry of its lists on a line of its own, and the line each person's
    /// entry is on.</summary>
    private static (string Json, Dictionary<string, int> PersonLines) Document(OfficeOrganisation org)
    {
        var node = JsonNode.Parse(OrganisationDocument.Write(org))!.AsObject();
        var lines = new List<string> { "{", $"\"office\": {node["office"]!.ToJsonString()}," };
        var people = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var list in new[] { "departments", "positions", "people" })
        {
            lines.Add($"\"{list}\": [");
            var entries = node[list]!.AsArray();
            for (var i = 0; i < entries.Count; i++)
            {
                lines.Add(entries[i]!.ToJsonString() + (i < entries.Count - 1 ? "," : string.Empty));
                if (list == "people")
                {
                    people[entries[i]!["id"]!.GetValue<string>()] = lines.Count;
                }
            }

            lines.Add(list == "people" ? "]" : "],");
        }

        lines.Add("}");
        return (string.Join('\n', lines), people);
    }

    private static string CasesCsv(IEnumerable<CaseRecord> cases)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        CaseCsv.Write(writer, cases);
        return writer.ToString();
    }

    private static FilePayload File(string name, string mime, string text) => new() { Name = name, MimeType = mime, Buffer = Encoding.UTF8.GetBytes(text) };

    [Fact]
    public async Task TheOffice_ImportsTheOrganisationAndCases_ByUpload_EveryRowErrorListed_NothingStoredUntilAllHold()
    {
        var fixture = await CycleFixture.CreateAsync(Period);
        await using var host = new SelfHostProcess(fixture.Prefix, "Imp" + fixture.Prefix[2..]);
        await host.StartAsync();
        var sample = fixture.Sample.Organisation;
        var org = new OfficeOrganisation(sample.Office with { Id = NewOffice }, sample.Departments, sample.Positions, sample.People);
        var organisations = new OrganisationRepository(fixture.Account);

        // One of the office who is also its administrator.
        var token = await host.Tokens.IssueAsync(new Caller("office-admin", new HashSet<Role> { Role.AppraisalOffice, Role.Administrator }, NewOffice, null), null, default);
        await using var context = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var page = await context.NewPageAsync();
        var imports = $"/api/pages/offices/{NewOffice}/imports";
        await Chromium.SignInAsync(page, token, imports);
        Assert.Equal("导入组织机构与案件", await page.InnerTextAsync("h1"));
        Assert.Equal("导入", await page.InnerTextAsync("nav a[aria-current]"));
        Assert.Contains("本院尚未导入组织机构", await page.InnerTextAsync("#current"), StringComparison.Ordinal);
        Assert.Contains("4 MiB", await page.InnerTextAsync("#organisation-file-hint"), StringComparison.Ordinal);
        Assert.Contains("16 MiB", await page.InnerTextAsync("#cases-file-hint"), StringComparison.Ordinal);
        await Chromium.AssertAccessibleAsync(page);

        // An organisation with two wrong entries: both listed with their line and field; nothing stored.
        var bad = org.People.ToList();
        var (third, eighth) = (bad[3].Id, bad[7].Id);
        bad[3] = bad[3] with { DepartmentId = "D99" };
        bad[7] = bad[7] with { PositionId = "P-none" };
        var (badJson, lines) = Document(new OfficeOrganisation(org.Office, org.Departments, org.Positions, bad));
        var before = await StorageSnapshot.TakeAsync(fixture.Account);
        await page.SetInputFilesAsync("#organisation-file", File("organisation.json", "application/json", badJson));
        await SubmitAsync(page, "form:has(#organisation-file) button", 422);
        var rows = await page.Locator("#organisation-errors tbody tr").AllAsync();
        Assert.Equal(2, rows.Count);
        var listed = new List<(string, string, string)>();
        foreach (var row in rows)
        {
            var cells = await row.Locator("td").AllInnerTextsAsync();
            Assert.Equal("organisation.json", cells[0]);
            Assert.NotEmpty(cells[3]);
            listed.Add((cells[1], cells[2], cells[3]));
        }

        Assert.Contains(listed, r => r.Item1 == lines[third].ToString(CultureInfo.InvariantCulture) && r.Item2 == "$.people[3].departmentId" && r.Item3.Contains("D99", StringComparison.Ordinal));
        Assert.Contains(listed, r => r.Item1 == lines[eighth].ToString(CultureInfo.InvariantCulture) && r.Item2 == "$.people[7].positionId" && r.Item3.Contains("P-none", StringComparison.Ordinal));
        Assert.Equal("true", await page.GetAttributeAsync("#organisation-file", "aria-invalid"));
        Assert.Contains("未导入任何数据", await page.InnerTextAsync("#organisation-file-error"), StringComparison.Ordinal);
        Assert.Equal("organisation-file-hint organisation-file-error", await page.GetAttributeAsync("#organisation-file", "aria-describedby"));
        Assert.Null(await organisations.LoadAsync(NewOffice));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
        await Chromium.ScreenshotAsync(page, "office-import-organisation-errors");

        // The same document made right: the counts shown, the organisation stored as sent.
        var (goodJson, _) = Document(org);
        await page.SetInputFilesAsync("#organisation-file", File("organisation.json", "application/json", goodJson));
        await SubmitAsync(page, "form:has(#organisation-file) button", 200);
        var entries = 1 + org.Departments.Count + org.Positions.Count + org.People.Count;
        Assert.Equal($"已导入组织机构：新增 {entries} 项，更新 0 项，停用 0 项，未变 0 项（院、每个部门、岗位和人员各为一项）。", await page.InnerTextAsync("#notice"));
        var stored = await organisations.LoadAsync(NewOffice);
        Assert.Equal((org.Departments.Count, org.People.Count), (stored!.Departments.Count, stored.People.Count));
        Assert.Equal(org.People[3].DepartmentId, stored.FindPerson(third)!.DepartmentId);
        Assert.Contains($"{org.Departments.Count} 个部门，{org.People.Count} 人", await page.InnerTextAsync("#current"), StringComparison.Ordinal);
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "office-import-organisation-stored");

        // Case records with two wrong rows: both listed with line and field, none stored.
        var cases = fixture.Sample.Cases;
        var csv = CasesCsv(cases).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var status = CaseCsv.Columns.ToList().IndexOf("status");
        var handler = CaseCsv.Columns.ToList().IndexOf("handler_id");
        string Change(string line, int column, string value)
        {
            var fields = line.Split(',');
            Assert.Equal(CaseCsv.WrittenColumns.Count, fields.Length);
            fields[column] = value;
            return string.Join(',', fields);
        }

        var wrong = csv.ToArray();
        wrong[2] = Change(wrong[2], status, "maybe");     // line 3
        wrong[5] = Change(wrong[5], handler, "E9999");    // line 6
        before = await StorageSnapshot.TakeAsync(fixture.Account);
        await page.SetInputFilesAsync("#cases-file", File("cases.csv", "text/csv", string.Join('\n', wrong)));
        await SubmitAsync(page, "form:has(#cases-file) button", 422);
        var caseErrors = new List<string>();
        foreach (var row in await page.Locator("#cases-errors tbody tr").AllAsync())
        {
            caseErrors.Add(string.Join('|', (await row.Locator("td").AllInnerTextsAsync()).Take(3)));
        }

        Assert.Equal(new[] { "cases.csv|3|status", "cases.csv|6|handler_id" }, caseErrors.Order(StringComparer.Ordinal));
        Assert.Contains("maybe", await page.InnerTextAsync("#cases-errors"), StringComparison.Ordinal);
        Assert.Equal(0, (await new CaseRepository(fixture.Account).ForPeriodAsync(NewOffice, Domain.Periods.Period.Parse(Period))).Count);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "office-import-cases-errors");

        // The file as exported: its count shown and every case stored.
        await page.SetInputFilesAsync("#cases-file", File("cases.csv", "text/csv", string.Join('\n', csv)));
        await SubmitAsync(page, "form:has(#cases-file) button", 200);
        Assert.Equal($"已导入案件记录 {cases.Count} 条。", await page.InnerTextAsync("#notice"));
        Assert.Equal((await new CaseRepository(fixture.Account).ForPeriodAsync(CycleFixture.Office, Domain.Periods.Period.Parse(Period))).Count,
            (await new CaseRepository(fixture.Account).ForPeriodAsync(NewOffice, Domain.Periods.Period.Parse(Period))).Count);
        await Chromium.ScreenshotAsync(page, "office-import-cases-stored");

        // A form posted without its anti-forgery value (from a page elsewhere): refused, nothing stored.
        before = await StorageSnapshot.TakeAsync(fixture.Account);
        var forged = await context.APIRequest.PostAsync($"{imports}?form=cases", new APIRequestContextOptions
        {
            Multipart = context.APIRequest.CreateFormData().Set("file", File("cases.csv", "text/csv", string.Join('\n', csv))),
        });
        Assert.Equal(400, forged.Status);
        Assert.Contains("data-field=\"af\"", await forged.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));

        // A file over the API's limit: refused beside the field before it is read, nothing stored.
        var af = await page.InputValueAsync("form:has(#organisation-file) input[name=af]");
        var huge = await context.APIRequest.PostAsync($"{imports}?form=organisation", new APIRequestContextOptions
        {
            Multipart = context.APIRequest.CreateFormData().Set("af", af).Set("file", new FilePayload { Name = "organisation.json", MimeType = "application/json", Buffer = new byte[(4 * 1024 * 1024) + 1] }),
        });
        Assert.Equal(413, huge.Status);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));

        // The appraisal office alone (not an administrator) imports the organisation too; a form value from another
        // browser is refused and stores nothing.
        await using var officeContext = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var officePage = await officeContext.NewPageAsync();
        await Chromium.SignInAsync(officePage, await host.TokenAsync("office-1", Role.AppraisalOffice, NewOffice), imports + "?lang=en");
        Assert.Equal("Import the organisation and cases", await officePage.InnerTextAsync("h1"));
        Assert.Equal(1, await officePage.Locator("#organisation-file").CountAsync());
        Assert.Equal(1, await officePage.Locator("#cases-file").CountAsync());
        Assert.Equal(400, (await officeContext.APIRequest.PostAsync($"{imports}?form=organisation", new APIRequestContextOptions
        {
            Multipart = officeContext.APIRequest.CreateFormData().Set("af", af).Set("file", File("organisation.json", "application/json", goodJson)),
        })).Status);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
        await Chromium.AssertAccessibleAsync(officePage);
        await Chromium.ScreenshotAsync(officePage, "office-import-en");

        // A department head: every one of the office's pages refused.
        await using var headContext = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var headPage = await headContext.NewPageAsync();
        await Chromium.SignInAsync(headPage, await host.TokenAsync("head-D02", Role.DepartmentHead, NewOffice, "D02"), "/api/pages/todo");
        Assert.DoesNotContain("导入", await headPage.InnerTextAsync("nav"), StringComparison.Ordinal);
        foreach (var refused in new[] { imports, $"/api/pages/offices/{NewOffice}/cycle-start", $"/api/pages/offices/{NewOffice}/dashboard" })
        {
            Assert.Equal(403, (await headPage.GotoAsync(refused))!.Status);
            Assert.Equal("Authorization", await headPage.GetAttributeAsync("[role=alert]", "data-field"));
        }

        before = await StorageSnapshot.TakeAsync(fixture.Account);
        Assert.Equal(403, (await headContext.APIRequest.PostAsync($"{imports}?form=cases", new APIRequestContextOptions
        {
            Multipart = headContext.APIRequest.CreateFormData().Set("file", File("cases.csv", "text/csv", string.Join('\n', csv))),
        })).Status);
        Assert.Equal(403, (await headContext.APIRequest.PostAsync($"/api/pages/offices/{NewOffice}/cycle-start", new APIRequestContextOptions
        {
            Form = headContext.APIRequest.CreateFormData().Set("period", Period),
        })).Status);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
    }

    [Fact]
    public async Task TheOffice_StartsPeriodsFromTheForm_AndItsDashboardOffersEachReaderTheirActions()
    {
        var fixture = await CycleFixture.CreateAsync(Period);
        await using var host = new SelfHostProcess(fixture.Prefix, "Start" + fixture.Prefix[2..]);
        await host.StartAsync();
        var org = fixture.Sample.Organisation;
        var cycles = new CycleRepository(fixture.Account);

        await using var context = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var page = await context.NewPageAsync();
        var start = $"/api/pages/offices/{CycleFixture.Office}/cycle-start";
        await Chromium.SignInAsync(page, await host.TokenAsync("office-1", Role.AppraisalOffice, CycleFixture.Office), start);
        Assert.Equal("发起考核", await page.InnerTextAsync("h1"));
        Assert.Equal(new[] { "考核工作台", "导入", "发起考核", "考核方案", "工作日日历", "退出登录" }, (await page.Locator("nav a:not([lang])").AllInnerTextsAsync()).Skip(1));
        Assert.Equal(("10", "2", "2", "3", "5", "template-b"), (await page.InputValueAsync("#selfEvaluationTime"), await page.InputValueAsync("#remindBefore"),
            await page.InputValueAsync("#grace"), await page.InputValueAsync("#correctionTime"), await page.InputValueAsync("#objectionPeriod"), await page.InputValueAsync("#schemeId")));
        Assert.Matches("^20[0-9]{2}-Q[1-4]$", await page.InputValueAsync("#period"));
        Assert.Equal(("days", "天"), (await page.InputValueAsync("#objectionPeriodUnit"), await page.Locator("#objectionPeriodUnit option:checked").InnerTextAsync()));
        Assert.Equal("公示期的单位", await page.GetAttributeAsync("#objectionPeriodUnit", "aria-label"));
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "office-start-form");

        // A malformed period and two durations out of range: each shown beside its field, what was entered kept, nothing started.
        await page.FillAsync("#period", "2026-Q5");
        await page.FillAsync("#selfEvaluationTime", "-1");
        await page.FillAsync("#objectionPeriod", "45");
        await page.SelectOptionAsync("#objectionPeriodUnit", "workingDays");
        var before = await StorageSnapshot.TakeAsync(fixture.Account);
        await SubmitAsync(page, "form button[type=submit]", 400);
        Assert.Equal(new[] { "objectionPeriod", "period", "selfEvaluationTime" }, (await page.Locator("#errors li").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.field)")).Order(StringComparer.Ordinal));
        foreach (var (field, text) in new[] { ("period", "2026-Q5"), ("selfEvaluationTime", "-1 天"), ("objectionPeriod", "或 1 至 20 个工作日（如 5wd）的时长，实际为 45 个工作日") })
        {
            Assert.Equal("true", await page.GetAttributeAsync($"#{field}", "aria-invalid"));
            Assert.Contains(text, await page.InnerTextAsync($"#{field}-error"), StringComparison.Ordinal);
        }

        Assert.Equal(("2026-Q5", "-1", "45", "workingDays"), (await page.InputValueAsync("#period"), await page.InputValueAsync("#selfEvaluationTime"),
            await page.InputValueAsync("#objectionPeriod"), await page.InputValueAsync("#objectionPeriodUnit")));
        Assert.Null(await cycles.GetAsync(CycleFixture.Office, Period));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "office-start-errors");

        // Not a number at all: refused at its field before the service is asked.
        await page.FillAsync("#period", Period);
        await page.FillAsync("#selfEvaluationTime", "3");
        await page.FillAsync("#objectionPeriod", "5");
        await page.FillAsync("#grace", "两天");
        await SubmitAsync(page, "form button[type=submit]", 400);
        Assert.Equal("grace", await page.GetAttributeAsync("#errors li", "data-field"));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));

        // A forged form (no anti-forgery value): refused, nothing started.
        var forged = await context.APIRequest.PostAsync(start, new APIRequestContextOptions { Form = context.APIRequest.CreateFormData().Set("period", Period) });
        Assert.Equal(400, forged.Status);
        Assert.Null(await cycles.GetAsync(CycleFixture.Office, Period));

        // Right: the quarter starts, with the self-evaluation deadline at 24:00 (Beijing time) of the third working day
        // (the unit chosen beside the number), the objection period of 5 working days kept for publication.
        await page.FillAsync("#grace", "0.5");
        await page.SelectOptionAsync("#selfEvaluationTimeUnit", "workingDays");
        var deadlines = new[] { DateTime.UtcNow, DateTime.UtcNow.AddMinutes(2) }
            .Select(t => StageDeadlines.Display(TimeZoneInfo.ConvertTimeFromUtc(StageDeadlines.End(WorkingCalendar.Shipped, Checkpoints.Zone(), t, StageDuration.OfWorkingDays(3)), Checkpoints.Zone())))
            .ToList();
        await SubmitAsync(page, "form button[type=submit]", 200);
        Assert.Equal($"已发起 {Period}。", await page.InnerTextAsync("#notice"));
        Assert.NotNull(await cycles.GetAsync(CycleFixture.Office, Period));
        using var actors = fixture.Actors(host, Period);
        var status = await actors.WaitForAsync("SelfEvaluation");
        Assert.Equal(org.Departments.Count, CycleActors.Awaiting(status).Count);
        var dashboard = $"/api/pages/offices/{CycleFixture.Office}/dashboard";
        await page.GotoAsync(dashboard);
        var until = await page.Locator($"tr[data-period='{Period}'] td >> nth=2").InnerTextAsync();
        Assert.Contains(until[..16], deadlines);
        Assert.EndsWith("24:00", until[..16], StringComparison.Ordinal);
        await page.GotoAsync(start);

        // Again: a conflict at the period, nothing started twice.
        await page.FillAsync("#period", Period);
        await fixture.WaitForRatingSealAsync(Period);
        before = await StorageSnapshot.TakeAsync(fixture.Account);
        await SubmitAsync(page, "form button[type=submit]", 409);
        Assert.Equal("period", await page.GetAttributeAsync("#errors li", "data-field"));
        Assert.Contains($"{Period} 已经发起，未重复发起", await page.InnerTextAsync("#period-error"), StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
        await Chromium.ScreenshotAsync(page, "office-start-conflict");

        // A month's bulletin from the same form.
        await page.FillAsync("#period", "2026-M01");
        await SubmitAsync(page, "form button[type=submit]", 200);
        using var bulletin = fixture.Actors(host, "2026-M01");
        await bulletin.WaitForAsync("Completed", TimeSpan.FromMinutes(2));

        // Every department submits: the quarter awaits the office's verification of each.
        foreach (var d in org.Departments)
        {
            Assert.Equal(HttpStatusCode.Accepted, await actors.SubmitWhenOpenAsync(d.Id));
        }

        Assert.Equal(org.Departments.Count, CycleActors.Awaiting(await actors.WaitForAsync("Verification")).Count);

        // The office's dashboard: a link to each department's verification, the audit trail of each period, the
        // month's bulletin, the import and the start; the deadline as entered.
        Assert.Equal(200, (await page.GotoAsync(dashboard))!.Status);
        Assert.Equal($"{org.Office.Name} 考核工作台", await page.InnerTextAsync("h1"));
        var quarter = page.Locator($"tr[data-period='{Period}']");
        Assert.Contains("核查", await quarter.Locator(".stage").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(org.Departments.Count, await quarter.Locator(".awaiting a[href*='/verification']").CountAsync());
        Assert.Equal(1, await quarter.GetByRole(AriaRole.Link, new() { Name = $"{Period} 审计记录" }).CountAsync());
        var month = page.Locator("tr[data-period='2026-M01']");
        Assert.Equal(1, await month.GetByRole(AriaRole.Link, new() { Name = "2026-M01 月度通报" }).CountAsync());
        Assert.Equal(1, await month.GetByRole(AriaRole.Link, new() { Name = "2026-M01 审计记录" }).CountAsync());
        Assert.Equal(new[] { "导入组织机构与案件", "发起考核" }, await page.Locator("ul.actions a").AllInnerTextsAsync());
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "office-dashboard");

        // Its links lead where they say.
        var department = org.Departments[1];
        await quarter.Locator(".awaiting").GetByRole(AriaRole.Link, new() { Name = department.Name, Exact = true }).ClickAsync();
        await Chromium.WaitForUrlAsync(page, $"**/departments/{department.Id}/verification");
        Assert.Contains(department.Name, await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        await page.GotoAsync(dashboard);
        await page.Locator("tr[data-period='2026-M01']").GetByRole(AriaRole.Link, new() { Name = "2026-M01 月度通报" }).ClickAsync();
        await Chromium.WaitForUrlAsync(page, "**/bulletins/2026-M01");
        await page.GotoAsync(dashboard);
        await page.ClickAsync("ul.actions a >> nth=0");
        await Chromium.WaitForUrlAsync(page, "**/imports");

        // A supervisor (纪检监察): the audit trails and the bulletin, nothing to verify, import or start.
        await using var supervisorContext = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var supervisor = await supervisorContext.NewPageAsync();
        await Chromium.SignInAsync(supervisor, await host.TokenAsync("supervisor-1", Role.Supervisor, CycleFixture.Office), dashboard);
        Assert.Equal(0, await supervisor.Locator("a[href*='/verification']").CountAsync());
        Assert.Equal(0, await supervisor.Locator("ul.actions").CountAsync());
        Assert.Equal(0, await supervisor.Locator("nav a[href*='/imports'], nav a[href*='/cycle-start']").CountAsync());
        Assert.Equal(2, await supervisor.Locator("a[href*='/audit']").CountAsync());
        await Chromium.AssertAccessibleAsync(supervisor);
        await Chromium.ScreenshotAsync(supervisor, "office-dashboard-supervisor");
        await supervisor.GetByRole(AriaRole.Link, new() { Name = $"{Period} 审计记录" }).ClickAsync();
        await Chromium.WaitForUrlAsync(supervisor, $"**/cycles/{CycleFixture.Office}/{Period}/audit");
        Assert.Contains("审计链完整", await supervisor.InnerTextAsync("#chain"), StringComparison.Ordinal);
        Assert.Equal(403, (await supervisor.GotoAsync(start))!.Status);

        // The Party group: the bulletin, no audit trail (not theirs to read), nothing to verify.
        await using var memberContext = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "en", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var member = await memberContext.NewPageAsync();
        await Chromium.SignInAsync(member, await host.TokenAsync("E0001", Role.PartyGroup, CycleFixture.Office), dashboard + "?lang=en");
        Assert.Equal($"{org.Office.Name}: appraisal dashboard", await member.InnerTextAsync("h1"));
        Assert.Equal(0, await member.Locator("a[href*='/audit'], a[href*='/verification'], ul.actions").CountAsync());
        Assert.Equal(1, await member.GetByRole(AriaRole.Link, new() { Name = "Bulletin of 2026-M01" }).CountAsync());
        await Chromium.AssertAccessibleAsync(member);
        await Chromium.ScreenshotAsync(member, "office-dashboard-party-group-en");
    }
}
