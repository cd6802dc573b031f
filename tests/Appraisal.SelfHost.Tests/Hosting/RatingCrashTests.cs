using System.Net;
using Appraisal.Storage.Ballots;
using Appraisal.Storage.Outbox;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Notifications;
using Appraisal.Workflow.Ratings;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>A quarter whose raters rate themselves, with the self-host killed with SIGKILL in the middle of the rating
/// window and started again over the same Azurite: every ballot stored before and after the crash is sealed, the
/// raters still unanswered are reminded once each, and scoring waits for the seal.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RatingCrashTests
{
    private const string Period = "2026-Q1";

    [Fact]
    public async Task KilledDuringTheRatingWindow_LosesNoBallot_AndRemindsEachRaterOnce()
    {
        var fixture = await CycleFixture.CreateAsync(Period);
        await using var host = new SelfHostProcess(fixture.Prefix, "Rate" + fixture.Prefix[2..]);
        await host.StartAsync();
        using var actors = fixture.Actors(host, Period);
        var org = fixture.Sample.Organisation;
        var box = new BallotBox(fixture.Account);
        var start = new CycleStart(CycleFixture.Office, Period, SelfEvaluationTime: TimeSpan.FromMinutes(10), RemindBefore: TimeSpan.FromSeconds(20),
            ObjectionPeriod: TimeSpan.FromSeconds(20), RatingTime: TimeSpan.FromSeconds(90));
        Assert.Equal(HttpStatusCode.Accepted, (await actors.StartAsync(start)).StatusCode);
        await actors.WaitForAsync("SelfEvaluation");
        await fixture.WaitForRatingWindowAsync(Period);

        var (members, _) = CycleRecords.PartyGroup(org, new CycleOptions());
        var raters = Questionnaire.Raters(org, fixture.Scheme, members).ToList();
        var answered = 0;
        async Task AnswerAsync(IEnumerable<(Domain.Organisation.Person Rater, IReadOnlyList<QuestionnaireSection> Sections)> who)
        {
            foreach (var (rater, sections) in who)
            {
                var receipt = BallotBox.NewReceipt();
                foreach (var section in sections)
                {
                    await box.CastAsync(CycleFixture.Office, Period, rater.Id, section.Id, receipt,
                        section.Questions.Select(q => new BallotScore(q.Subject.Id, q.Indicator.Id, q.Group.Group, 85m)).ToList());
                    answered += section.Questions.Count;
                }
            }
        }

        // Half the raters answer, the host is killed and started again, all but five of the rest answer — through the
        // questionnaire's API, each section with the receipt the first answer gave them.
        await AnswerAsync(raters.Take(raters.Count / 2));
        await host.KillAsync();
        await host.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await actors.StartAsync(start)).StatusCode);
        using var http = new HttpClient { BaseAddress = host.Url };
        foreach (var (rater, sections) in raters.Skip(raters.Count / 2).SkipLast(5))
        {
            var token = await host.TokenAsync(rater.Id, Workflow.Identity.Role.Staff, CycleFixture.Office, rater.DepartmentId);
            string? receipt = null;
            foreach (var section in sections)
            {
                using var request = Requests.As(token, Requests.JsonBody(HttpMethod.Post, $"api/cycles/{CycleFixture.Office}/{Period}/ratings/{section.Id}",
                    new Workflow.Actions.RatingAnswersRequest(section.Questions.Select(q => new Workflow.Actions.RatingAnswerRequest(q.Subject.Id, q.Indicator.Id, 85m)).ToList())));
                if (receipt is not null)
                {
                    request.Headers.Add("Ballot-Receipt", receipt);
                }

                using var answer = await http.SendAsync(request);
                Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{rater.Id} {section.Id}: {answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
                receipt = System.Text.Json.JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("receipt").GetString();
                answered += section.Questions.Count;
            }
        }
        foreach (var d in org.Departments)
        {
            Assert.Equal(HttpStatusCode.Accepted, await actors.SubmitWhenOpenAsync(d.Id));
        }

        foreach (var d in CycleActors.Awaiting(await actors.WaitForAsync("Verification")))
        {
            Assert.Equal(HttpStatusCode.Accepted, await actors.VerifyAsync(d));
        }

        // Scoring waits for the seal; then every ballot is in it, and the five who did not answer were reminded once each.
        await actors.WaitForAsync("Decision", TimeSpan.FromMinutes(3));
        var seal = await box.SealOfAsync(CycleFixture.Office, Period);
        Assert.NotNull(seal);
        Assert.Equal(answered, seal.Answers);
        Assert.Equal(answered, (await box.CellsAsync(CycleFixture.Office, Period)).Sum(c => c.Count));
        // The scores read them: every rated line that counted a group rates 85, as every answer did.
        var cards = await new Appraisal.Storage.Scorecards.ScorecardRepository(fixture.Account).ForPeriodAsync(CycleFixture.Office, Period, fixture.Scheme.Id);
        var rated = cards.SelectMany(c => c.Lines).Where(l => l.Kind == Domain.Scoring.LineKind.Rated && l.Outcome == Domain.Scoring.LineOutcome.Applied).ToList();
        Assert.NotEmpty(rated);
        Assert.All(rated, l => Assert.Equal(85m, l.Input));
        var invited = (await new OutboxRepository(fixture.Account).AllAsync(OutboxCycleNotifications.Stream(CycleFixture.Office, Period)))
            .Count(m => m.Value.Key.StartsWith("ratings-invite-", StringComparison.Ordinal));
        Assert.Equal(raters.Count(r => r.Rater.Email is { Length: > 0 }), invited);
        var reminded = (await new OutboxRepository(fixture.Account).AllAsync(OutboxCycleNotifications.Stream(CycleFixture.Office, Period)))
            .Select(m => m.Value.Key).Where(k => k.StartsWith("ratings-remind-", StringComparison.Ordinal)).ToList();
        Assert.Equal(raters.TakeLast(5).Where(r => r.Rater.Email is { Length: > 0 }).Select(r => "ratings-remind-" + r.Rater.Id).Order(StringComparer.Ordinal), reminded.Order(StringComparer.Ordinal));
    }
}
