using System.Globalization;
using System.Net;
using System.Text.Json;
using Appraisal.Domain.Organisation;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Microsoft.Playwright;
using static Appraisal.SelfHost.Tests.Hosting.Requests;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>Two months' bulletins through the self-host: the second ranks the departments with the change against the
/// first and carries each person's running quarter score (the mean of both months); its page shows the same numbers
/// in Chromium, its workbook and charts download, and each department head gets one mail about it.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BulletinTests(MailFixture mail) : IClassFixture<MailFixture>
{
    [Fact]
    public async Task SecondMonth_RanksWithTheChange_CarriesTheQuarterToDate_AndReachesEveryHead()
    {
        var fixture = await CycleFixture.CreateAsync("2026-Q1");
        await using var host = new SelfHostProcess(fixture.Prefix, "Bul" + fixture.Prefix[2..], mail.HostSettings);
        await host.StartAsync();
        var before = (await mail.Server.MessagesAsync(default)).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var month in new[] { "2026-M01", "2026-M02" })
        {
            using var actors = fixture.Actors(host, month);
            Assert.Equal(HttpStatusCode.Accepted, (await actors.StartAsync(new CycleStart(CycleFixture.Office, month))).StatusCode);
            await actors.WaitForAsync("Completed", TimeSpan.FromMinutes(2));
        }

        using var http = new HttpClient { BaseAddress = host.Url };
        var office = await host.TokenAsync("office-1", Role.AppraisalOffice, CycleFixture.Office);
        var first = await GetJsonAsync(http, office, $"api/offices/{CycleFixture.Office}/bulletins/2026-M01");
        var second = await GetJsonAsync(http, office, $"api/offices/{CycleFixture.Office}/bulletins/2026-M02");
        Assert.Equal("2026-M01", second.GetProperty("previousPeriod").GetString());
        var earlier = first.GetProperty("departments").EnumerateArray().ToDictionary(d => d.GetProperty("departmentId").GetString()!, d => d.GetProperty("average").GetDecimal());
        var departments = second.GetProperty("departments").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, departments.Count), departments.Select(d => d.GetProperty("rank").GetInt32()));
        Assert.Equal(departments.Select(d => d.GetProperty("average").GetDecimal()).OrderDescending(), departments.Select(d => d.GetProperty("average").GetDecimal()));
        foreach (var d in departments)
        {
            var last = earlier[d.GetProperty("departmentId").GetString()!];
            Assert.Equal(last, d.GetProperty("previousAverage").GetDecimal());
            Assert.Equal(d.GetProperty("average").GetDecimal() - last, d.GetProperty("change").GetDecimal());
        }

        var january = first.GetProperty("people").EnumerateArray().ToDictionary(p => p.GetProperty("subjectId").GetString()!, p => p.GetProperty("month").GetDecimal());
        foreach (var p in second.GetProperty("people").EnumerateArray())
        {
            Assert.Equal(2, p.GetProperty("months").GetInt32());
            Assert.Equal(Math.Round((january[p.GetProperty("subjectId").GetString()!] + p.GetProperty("month").GetDecimal()) / 2, 2, MidpointRounding.AwayFromZero), p.GetProperty("quarterToDate").GetDecimal());
        }

        // The warnings are those a bulletin gives: cases past or near their time limit, leaders below their share,
        // departments with missing data; those past the limit are the month's open cases whose limit has passed.
        var warnings = second.GetProperty("warnings").EnumerateArray().ToList();
        Assert.All(warnings, w => Assert.Contains(w.GetProperty("code").GetString(), new[] { "CasePastTimeLimit", "CaseClosedLate", "CaseNearTimeLimit", "LeaderBelowWorkloadShare", "LeaderBelowWorkloadShareUntilYearEnd", "MissingData" }));
        var log = await new Appraisal.Storage.Cases.CaseRepository(fixture.Account).ForPeriodAsync(CycleFixture.Office, Appraisal.Domain.Periods.Period.Parse("2026-M02"));
        var end = new DateOnly(2026, 2, 28);
        var past = Enumerable.Range(0, log.Count).Select(i => log[i]).Count(c => (c.Closed is null || c.Closed > end) && c.TimeLimit < end);
        Assert.True(past > 0, "the sample month has no case past its time limit: the check would prove nothing");
        Assert.Equal(past, warnings.Count(w => w.GetProperty("code").GetString() == "CasePastTimeLimit"));

        // Each department head with an address gets one mail per month, naming the department's rank.
        var heads = fixture.Sample.Organisation.People.Count(p => p.Post == LeadershipPost.DepartmentHead && p.Email is { Length: > 0 } && departments.Any(d => d.GetProperty("departmentId").GetString() == p.DepartmentId));
        var mails = await mail.WaitForMailsAsync(before, m => m.Subject.Contains("2026-M02 月度通报", StringComparison.Ordinal), heads);
        Assert.Equal(heads, mails.Select(m => m.To).Distinct(StringComparer.Ordinal).Count());

        // The workbook and the charts.
        using (var xlsx = await http.SendAsync(As(office, new HttpRequestMessage(HttpMethod.Get, $"api/offices/{CycleFixture.Office}/bulletins/2026-M02/files/bulletin.xlsx"))))
        {
            Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
            using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false);
            Assert.Equal(["部门排名", "人员季度累计", "警示"], workbook.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value));
        }

        using (var svg = await http.SendAsync(As(office, new HttpRequestMessage(HttpMethod.Get, $"api/offices/{CycleFixture.Office}/bulletins/2026-M02/files/departments.svg"))))
        {
            Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
            var text = await svg.Content.ReadAsStringAsync();
            Assert.StartsWith("<svg", text, StringComparison.Ordinal);
            Assert.All(departments, d => Assert.Contains(d.GetProperty("name").GetString()!, text, StringComparison.Ordinal));
        }

        // The page, as a department head reads it: the ranking's numbers are the bulletin's.
        var department = fixture.Sample.Organisation.Departments[1].Id;
        await using var context = await Chromium.ContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN",
            JavaScriptEnabled = false,
            BaseURL = host.Url.ToString(),
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + await host.TokenAsync("head-1", Role.DepartmentHead, CycleFixture.Office, department) },
        });
        var page = await context.NewPageAsync();
        Assert.Equal(200, (await page.GotoAsync($"/api/pages/offices/{CycleFixture.Office}/bulletins/2026-M02"))!.Status);
        Assert.Contains("月度通报", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        var rows = await page.Locator("main table").First.Locator("tbody tr").AllAsync();
        Assert.Equal(departments.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var cells = await rows[i].Locator("td").AllInnerTextsAsync();
            Assert.Equal(departments[i].GetProperty("name").GetString(), cells[1]);
            Assert.Equal(departments[i].GetProperty("average").GetDecimal().ToString("0.00", CultureInfo.InvariantCulture), cells[3]);
        }

        Assert.Equal(2, await page.Locator("main figure svg").CountAsync());
        await Chromium.ScreenshotAsync(page, "bulletin");
        await Chromium.AssertAccessibleAsync(page);

        var staff = await host.TokenAsync("E0100", Role.Staff, CycleFixture.Office);
        await AssertRefusedAsync(http,
        [
            ("a bulletin read by staff", As(staff, new HttpRequestMessage(HttpMethod.Get, $"api/offices/{CycleFixture.Office}/bulletins/2026-M02")), HttpStatusCode.Forbidden, "Authorization"),
            ("a file that is none", As(office, new HttpRequestMessage(HttpMethod.Get, $"api/offices/{CycleFixture.Office}/bulletins/2026-M02/files/secrets.txt")), HttpStatusCode.NotFound, "file"),
            ("a file of a month not composed", As(office, new HttpRequestMessage(HttpMethod.Get, $"api/offices/{CycleFixture.Office}/bulletins/2026-M03/files/bulletin.xlsx")), HttpStatusCode.NotFound, "month"),
        ]);
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string token, string path)
    {
        using var response = await http.SendAsync(As(token, new HttpRequestMessage(HttpMethod.Get, path)));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
