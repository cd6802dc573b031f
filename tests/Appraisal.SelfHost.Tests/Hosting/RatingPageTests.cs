using System.Net;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Scoring;
using Appraisal.Storage.Ballots;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Ratings;
using Microsoft.Playwright;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>The raters' questionnaire in headless Chromium with JavaScript off, by keyboard alone: a person opens it
/// from their to-do list while the quarter's rating window is open, fills their section (typing scores, Tab between
/// them, Space to tick "cannot judge"), has a question left empty refused beside it with what was typed kept and
/// nothing stored, submits, sees the section answered and the to-do gone, and revises it with the receipt this
/// browser keeps in its cookie.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RatingPageTests
{
    private const string Period = "2026-Q1";

    [Fact]
    public async Task APerson_AnswersTheirSectionByKeyboard_FromTheirToDoList_AndRevisesIt()
    {
        var (fixture, host, person, section) = await StartAsync("Rat", afterSelfEvaluation: false);
        await using var running = host;
        var box = new BallotBox(fixture.Account);
        await fixture.WaitForRatingWindowAsync(Period);
        var org = fixture.Sample.Organisation;
        Assert.Equal("D02", section.Id);
        var questions = section.Questions.Count;
        Assert.True(questions >= 2);

        await using var context = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var page = await context.NewPageAsync();
        await Chromium.SignInAsync(page, await host.TokenAsync(person.Id, Role.Staff, CycleFixture.Office, "D02"), "/api/pages/todo");
        var task = page.Locator("a", new() { HasText = $"填写{Period}民主测评问卷" });
        Assert.Equal(1, await task.CountAsync());
        await task.FocusAsync();
        var opened = page.WaitForResponseAsync(r => r.Url.EndsWith($"/{Period}/ratings", StringComparison.Ordinal));
        await page.Keyboard.PressAsync("Enter");
        await Chromium.WaitForUrlAsync(page, $"**/api/pages/cycles/{CycleFixture.Office}/{Period}/ratings");
        Assert.Equal("no-store", (await (await opened).AllHeadersAsync())["cache-control"]);
        Assert.Equal("民主测评问卷", (await page.InnerTextAsync("h1")).Trim());
        Assert.Equal(org.FindDepartment("D02")!.Name, (await page.InnerTextAsync("#sec-D02 legend")).Trim());
        Assert.Equal("open", await page.GetAttributeAsync("#sec-D02-state", "data-state"));
        Assert.Contains("匿名", await page.InnerTextAsync("#rate-receipt"), StringComparison.Ordinal);
        Assert.Contains("本浏览器", await page.InnerTextAsync("#rate-receipt"), StringComparison.Ordinal);
        Assert.Equal(questions, await page.Locator("#sec-D02 input[type=number]").CountAsync());
        Assert.DoesNotContain(person.Name, await page.InnerTextAsync("#sec-D02 tbody"), StringComparison.Ordinal);
        var first = section.Questions[0];
        Assert.Equal($"{first.Subject.Name} · {first.Indicator.Name.Zh}", await page.GetAttributeAsync("[id='r-D02-0']", "aria-label"));
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "ratings-open");

        // By keyboard: a score typed into each question in turn, Tab past its "cannot judge" box; the last ticked with
        // Space instead; the first left empty — refused beside it, what was entered kept, nothing stored.
        await page.FocusAsync("[id='r-D02-0']");
        for (var i = 0; i < questions; i++)
        {
            if (i == questions - 1)
            {
                await page.Keyboard.PressAsync("Tab");
                await page.Keyboard.PressAsync("Space");
            }
            else
            {
                if (i != 0)
                {
                    await page.Keyboard.TypeAsync((80 + i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                await page.Keyboard.PressAsync("Tab");
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.True(await page.IsCheckedAsync($"[id='r-D02-{questions - 1}-cj']"));
        Assert.Equal("BUTTON", await page.EvaluateAsync<string>("() => document.activeElement.tagName"));
        var before = await StorageSnapshot.TakeAsync(fixture.Account);
        var refused = await Chromium.SubmitByKeyAsync(page);
        Assert.Equal(422, refused.Status);
        Assert.Equal("true", await page.GetAttributeAsync("[id='r-D02-0']", "aria-invalid"));
        Assert.Equal("r-D02-0-error", await page.GetAttributeAsync("[id='r-D02-0']", "aria-describedby"));
        Assert.Contains("无法评价", await page.InnerTextAsync("[id='r-D02-0-error']"), StringComparison.Ordinal);
        Assert.Equal("#r-D02-0", await page.GetAttributeAsync("#errors li a", "href"));
        for (var i = 1; i < questions - 1; i++)
        {
            Assert.Equal((80 + i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture), await page.InputValueAsync($"[id='r-D02-{i}']"));
        }

        Assert.True(await page.IsCheckedAsync($"[id='r-D02-{questions - 1}-cj']"));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
        await Chromium.AssertShownAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "ratings-error");

        await page.FocusAsync("[id='r-D02-0']");
        await page.Keyboard.TypeAsync("75.5");
        for (var i = 0; i < 2 * questions; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Equal("BUTTON", await page.EvaluateAsync<string>("() => document.activeElement.tagName"));
        var stored = await Chromium.SubmitByKeyAsync(page);
        Assert.Equal(303, stored.Status);
        await Chromium.WaitForUrlAsync(page, "**/ratings?answered=D02*");
        Assert.Equal("answered", await page.GetAttributeAsync("#sec-D02-state", "data-state"));
        Assert.Contains("已提交", await page.InnerTextAsync("[role=status]"), StringComparison.Ordinal);
        Assert.Equal("75.5", await page.InputValueAsync("[id='r-D02-0']"));
        Assert.True(await page.IsCheckedAsync($"[id='r-D02-{questions - 1}-cj']"));
        Assert.Equal([(person.Id, "D02", 0)], (await box.ParticipationAsync(CycleFixture.Office, Period)).Select(p => (p.RaterId, p.Section, p.Revisions)));

        // The receipt: in this browser only, HttpOnly, SameSite=Strict, scoped to the questionnaire.
        var cookie = Assert.Single(await context.CookiesAsync(), c => c.Name.StartsWith("ballot-", StringComparison.Ordinal));
        Assert.Equal(($"ballot-{CycleFixture.Office}-{Period}", true, SameSiteAttribute.Strict, $"/api/pages/cycles/{CycleFixture.Office}/{Period}/ratings"),
            (cookie.Name, cookie.HttpOnly, cookie.SameSite, cookie.Path));
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "ratings-answered");

        // Revised with the receipt the cookie holds.
        await page.FocusAsync("[id='r-D02-0']");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("60");
        await page.FocusAsync("#sec-D02 button[type=submit]");
        Assert.Equal(303, (await Chromium.SubmitByKeyAsync(page)).Status);
        await Chromium.WaitForUrlAsync(page, "**/ratings?answered=D02&revised=1*");
        Assert.Contains("已修改", await page.InnerTextAsync("[role=status]"), StringComparison.Ordinal);
        Assert.Equal("60", await page.InputValueAsync("[id='r-D02-0']"));
        Assert.Equal([(person.Id, "D02", 1)], (await box.ParticipationAsync(CycleFixture.Office, Period)).Select(p => (p.RaterId, p.Section, p.Revisions)));

        // Every section answered: the to-do is gone.
        await page.GotoAsync("/api/pages/todo");
        Assert.Equal(0, await page.Locator("a", new() { HasText = "民主测评问卷" }).CountAsync());

        // Another browser of the same person: answered, nothing of the answers shown, no revision without the receipt.
        await using var other = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var second = await other.NewPageAsync();
        await Chromium.SignInAsync(second, await host.TokenAsync(person.Id, Role.Staff, CycleFixture.Office, "D02"), $"/api/pages/cycles/{CycleFixture.Office}/{Period}/ratings?lang=en");
        Assert.Equal("answered", await second.GetAttributeAsync("#sec-D02-state", "data-state"));
        Assert.Contains("no receipt", await second.InnerTextAsync("#sec-D02-state"), StringComparison.Ordinal);
        Assert.Equal(string.Empty, await second.InputValueAsync("[id='r-D02-0']"));
        Assert.Equal(0, await second.Locator("#sec-D02 button[type=submit]").CountAsync());
        await Chromium.AssertAccessibleAsync(second);
        await Chromium.ScreenshotAsync(second, "ratings-other-browser-en");
    }

    [Fact]
    public async Task TheApi_AnswersWithAReceipt_ReadsOwnAnswersOnlyWithIt_AndRefusesAsProblems()
    {
        var (fixture, host, person, section) = await StartAsync("RtA", afterSelfEvaluation: true);
        await using var running = host;
        var org = fixture.Sample.Organisation;
        var token = await host.TokenAsync(person.Id, Role.Staff, CycleFixture.Office, "D02");
        using var http = new HttpClient { BaseAddress = host.Url };
        var path = $"api/cycles/{CycleFixture.Office}/{Period}/ratings";
        object Body(decimal? score) => new { answers = section.Questions.Select(q => new { subjectId = q.Subject.Id, indicatorId = q.Indicator.Id, score }) };

        // Before the window opens (the scheme opens it after self-evaluation): a problem naming the period, nothing stored.
        await Requests.AssertRefusedAsync(http, [("not open", Requests.As(token, Requests.JsonBody(HttpMethod.Post, $"{path}/D02", Body(80))), HttpStatusCode.Conflict, "period")]);
        await new BallotBox(fixture.Account).OpenAsync(CycleFixture.Office, Period, DateTime.UtcNow.AddHours(1));

        using var first = await http.SendAsync(Requests.As(token, Requests.JsonBody(HttpMethod.Post, $"{path}/D02", Body(80))));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var stored = System.Text.Json.JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        var receipt = stored.GetProperty("receipt").GetString()!;
        Assert.False(stored.GetProperty("revised").GetBoolean());

        using var without = await http.SendAsync(Requests.As(token, new HttpRequestMessage(HttpMethod.Get, path)));
        var plain = System.Text.Json.JsonDocument.Parse(await without.Content.ReadAsStringAsync()).RootElement.GetProperty("sections")[0];
        Assert.True(plain.GetProperty("answered").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, plain.GetProperty("own").ValueKind);
        var read = Requests.As(token, new HttpRequestMessage(HttpMethod.Get, path));
        read.Headers.Add("Ballot-Receipt", receipt);
        using var with = await http.SendAsync(read);
        var own = System.Text.Json.JsonDocument.Parse(await with.Content.ReadAsStringAsync()).RootElement.GetProperty("sections")[0].GetProperty("own");
        Assert.True(with.Headers.CacheControl?.NoStore, "one's own answers are never cached");
        Assert.Equal(section.Questions.Count, own.GetArrayLength());
        Assert.All(own.EnumerateArray(), a => Assert.Equal(80m, a.GetProperty("score").GetDecimal()));

        var before = await StorageSnapshot.TakeAsync(fixture.Account);
        var stranger = org.People.First(p => p.DepartmentId != "D02");
        await Requests.AssertRefusedAsync(http,
        [
            ("again without the receipt", Requests.As(token, Requests.JsonBody(HttpMethod.Post, $"{path}/D02", Body(70))), HttpStatusCode.Conflict, "Ballot-Receipt"),
            ("a section not theirs", Requests.As(token, Requests.JsonBody(HttpMethod.Post, $"{path}/D03", Body(70))), HttpStatusCode.NotFound, "sectionId"),
            ("a stranger rated", Requests.As(token, Requests.JsonBody(HttpMethod.Post, $"{path}/D02",
                new { answers = section.Questions.Select((q, i) => new { subjectId = i == 0 ? stranger.Id : q.Subject.Id, indicatorId = q.Indicator.Id, score = 70 }) })), HttpStatusCode.Forbidden, "answers[0].subjectId"),
            ("a score that is no number", Requests.As(token, Requests.Raw(HttpMethod.Post, $"{path}/D02", $"{{\"answers\":[{{\"subjectId\":\"{section.Questions[0].Subject.Id}\",\"indicatorId\":\"{section.Questions[0].Indicator.Id}\",\"score\":\"eighty\"}}]}}", "application/json")),
                HttpStatusCode.BadRequest, "$.answers[0].score"),
        ]);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));

        var revise = Requests.As(token, Requests.JsonBody(HttpMethod.Post, $"{path}/D02", Body(null)));
        revise.Headers.Add("Ballot-Receipt", receipt);
        using var revised = await http.SendAsync(revise);
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        var again = System.Text.Json.JsonDocument.Parse(await revised.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((receipt, true), (again.GetProperty("receipt").GetString(), again.GetProperty("revised").GetBoolean()));
    }

    /// <summary>A quarter started through the self-host and at self-evaluation, and a prosecutor of D02 whose questionnaire
    /// is one section, their department's (no window opened yet).</summary>
    /// <summary>A quarter at self-evaluation whose rating window is open for an hour (beside self-evaluation) or not yet
    /// open (<paramref name="afterSelfEvaluation"/>: the test opens it).</summary>
    private static async Task<(CycleFixture Fixture, SelfHostProcess Host, Person Person, QuestionnaireSection Section)> StartAsync(string hub, bool afterSelfEvaluation)
    {
        var fixture = await CycleFixture.CreateAsync(Period);
        if (afterSelfEvaluation)
        {
            await fixture.RateAfterSelfEvaluationAsync();
        }

        var host = new SelfHostProcess(fixture.Prefix, hub + fixture.Prefix[2..]);
        try
        {
            await host.StartAsync();
            using var actors = fixture.Actors(host, Period);
            Assert.Equal(HttpStatusCode.Accepted, (await actors.StartAsync(new CycleStart(CycleFixture.Office, Period, SelfEvaluationTime: TimeSpan.FromMinutes(15), RemindBefore: TimeSpan.Zero, RatingTime: TimeSpan.FromHours(1)))).StatusCode);
            await actors.WaitForAsync("SelfEvaluation");
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        var org = fixture.Sample.Organisation;
        var person = org.People.First(p => p.DepartmentId == "D02" && p.Post == LeadershipPost.None && p.Category == StaffCategory.QuotaProsecutor);
        var section = Assert.Single(Questionnaire.For(org, fixture.Scheme, SubjectSet.For(fixture.Scheme, org), person, []));
        return (fixture, host, person, section);
    }
}
