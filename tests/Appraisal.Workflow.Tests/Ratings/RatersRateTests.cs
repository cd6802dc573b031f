using Appraisal.Domain.Sample;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using Appraisal.Storage;
using Appraisal.Storage.Ballots;
using Appraisal.Storage.Cases;
using Appraisal.Storage.Cycles;
using Appraisal.Storage.Organisation;
using Appraisal.Storage.Schemes;
using Appraisal.Storage.Submissions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Ratings;
using Appraisal.Workflow.Tests.Notifications;

namespace Appraisal.Workflow.Tests.Ratings;

/// <summary>A quarter whose raters rate themselves, over Azurite with the sample office under template B: the start
/// plans the window from the rating time; the scores read the sealed ballots (nothing while the window is open), the
/// groups below their minimum left out; and a department's submission carrying ratings is refused.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RatersRateTests : IAsyncLifetime
{
    private const string Quarter = "2026-Q1";

    private StorageAccount _account = null!;
    private Scheme _scheme = null!;
    private SampleData _sample = null!;

    private string Office => _sample.Organisation.Office.Id;

    public async Task InitializeAsync() => (_account, _scheme, _sample) = await HeldQuarter.SampleAsync(Quarter);

    public Task DisposeAsync() => Task.CompletedTask;

    private CycleStarter Starter(CycleOptions? options = null) =>
        new(new OrganisationRepository(_account), new SchemeRepository(_account), new CycleRepository(_account), options ?? new CycleOptions(), TimeProvider.System);

    private CycleRecords Records() => new(new SchemeRepository(_account), new OrganisationRepository(_account), new CaseRepository(_account), new SubmissionRepository(_account), new BallotBox(_account));

    [Fact]
    public async Task TheStart_PlansTheWindowFromTheRatingTime_AndRefusesOneOutOfRange()
    {
        var planned = await Starter().PrepareQuarterAsync(new CycleStart(Office, Quarter, _scheme.Id, RatingTime: TimeSpan.FromDays(3)), default);
        Assert.Equal(new RatingPlan(false, TimeSpan.FromDays(3), TimeSpan.FromDays(1.5), TimeSpan.FromSeconds(5)), planned.Rating! with { UntilUtc = null });
        // A window of days beside self-evaluation closes where the starter counted it: 3 days on, moved off a day off.
        Assert.InRange(planned.Rating!.UntilUtc!.Value - DateTime.UtcNow, TimeSpan.FromDays(2.9), TimeSpan.FromDays(12));
        // Without a rating time the raters have as long as self-evaluation, closing with it; a short window settles for a tenth of it.
        var beside = await Starter().PrepareQuarterAsync(new CycleStart(Office, "2026-Q2", _scheme.Id), default);
        Assert.Equal(new RatingPlan(false, TimeSpan.FromDays(10), TimeSpan.FromDays(2), TimeSpan.FromSeconds(5), beside.SelfEvaluationDeadlineUtc), beside.Rating);
        Assert.Equal(new RatingPlan(false, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2)),
            (await Starter().PrepareQuarterAsync(new CycleStart(Office, "2027-Q2", _scheme.Id, SelfEvaluationTime: TimeSpan.FromSeconds(20)), default)).Rating);
        var configured = new CycleOptions { RatingTime = TimeSpan.FromDays(10) };
        Assert.Equal(TimeSpan.FromDays(2), (await Starter(configured).PrepareQuarterAsync(new CycleStart(Office, "2026-Q3", _scheme.Id), default)).Rating!.RemindBefore);

        foreach (var bad in new[] { TimeSpan.Zero, TimeSpan.FromDays(61) })
        {
            var refused = await Assert.ThrowsAsync<RequestRefusedException>(() => Starter().PrepareQuarterAsync(new CycleStart(Office, "2026-Q4", _scheme.Id, RatingTime: bad), default));
            Assert.Equal((400, "ratingTime"), (refused.Status, refused.Field));
        }
    }

    [Fact]
    public async Task TheStart_RefusesAScheme_WhoseRatersAreNotOfTheOffice_NothingStarted()
    {
        var indicator = _scheme.RatedIndicators[0];
        var stray = _scheme with
        {
            Id = "template-b-stray",
            RatedIndicators = [indicator with { RaterGroups = [indicator.RaterGroups[0] with { Raters = RaterKind.Department, DepartmentId = "D99" }, .. indicator.RaterGroups.Skip(1)] }, .. _scheme.RatedIndicators.Skip(1)],
        };
        var schemes = new SchemeRepository(_account);
        var draft = await schemes.AddDraftAsync(stray);
        await schemes.DecideAsync(stray.Id, stray.Version, "party-group", DateTimeOffset.UtcNow, draft.ETag);
        var before = await StorageSnapshot.TakeAsync(_account);

        var refused = await Assert.ThrowsAsync<RequestRefusedException>(() => Starter().PrepareQuarterAsync(new CycleStart(Office, "2026-Q4", stray.Id), default));

        Assert.Equal((422, "schemeId"), (refused.Status, refused.Field));
        Assert.Equal("$.ratedIndicators[0].raterGroups[0].departmentId", Assert.Single(refused.Errors).Field);
        Assert.Contains("D99", refused.MessageZh, StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_account));
    }

    [Fact]
    public async Task TheScores_ReadTheSealedBallots_NothingWhileTheWindowIsOpen_GroupsBelowTheirMinimumLeftOut()
    {
        var org = _sample.Organisation;
        var box = new BallotBox(_account);
        await box.OpenAsync(Office, Quarter, DateTime.UtcNow.AddHours(1));
        // Everyone answers, except all but three of one department: its colleagues stay below their minimum of five.
        var quiet = org.People.Where(p => p.DepartmentId == org.Departments[1].Id).Skip(3).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (rater, sections) in Questionnaire.Raters(org, _scheme, []).Where(r => !quiet.Contains(r.Rater.Id)))
        {
            var receipt = BallotBox.NewReceipt();
            foreach (var section in sections)
            {
                await box.CastAsync(Office, Quarter, rater.Id, section.Id, receipt, section.Questions.Select(q => new BallotScore(q.Subject.Id, q.Indicator.Id, q.Group.Group, 90m)).ToList());
            }
        }

        var indicator = _scheme.RatedIndicators.Single(i => i.Id == "conduct-evaluation");
        var open = Scorer.Score(await Records().ScoringInputAsync(Office, Quarter, _scheme, org, default));
        Assert.All(open.SelectMany(c => c.Lines).Where(l => l.Item == indicator.Id), l => Assert.NotEqual(LineOutcome.Applied, l.Outcome));

        await box.SealAsync(Office, Quarter, (i, g) => _scheme.RatedIndicators.Single(r => r.Id == i).RaterGroups.Single(x => x.Group == g).EffectiveMinResponses, DateTimeOffset.UtcNow);
        var cards = Scorer.Score(await Records().ScoringInputAsync(Office, Quarter, _scheme, org, default));
        var lines = cards.SelectMany(c => c.Lines).Where(l => l.Item == indicator.Id).ToList();

        // Every rater gave 90: wherever a group counted the rating is 90; where none reached its minimum, the fallback.
        Assert.Contains(lines, l => l.Outcome == LineOutcome.Applied);
        Assert.All(lines.Where(l => l.Outcome == LineOutcome.Applied), l => Assert.Equal(90m, l.Input));
        Assert.All(lines.Where(l => l.Outcome == LineOutcome.Fallback), l => Assert.Equal(indicator.FallbackRating, l.Input));
        Assert.Contains(cards.SelectMany(c => c.Warnings), w => w.Code == WarningCode.BelowMinimumResponses && w.Item == indicator.Id + "/colleagues");
    }

    [Fact]
    public void ADepartmentsSubmission_CarryingRatings_IsRefusedByName()
    {
        var ratings = new StringWriter();
        Domain.Inputs.RatingCsv.Write(ratings, _sample.Ratings[_scheme.Id].Take(2));

        var refused = Assert.Throws<RequestRefusedException>(() => new Appraisal.Workflow.Http.SubmissionRequest(ratings.ToString(), "subject_id,item_id,occurrences,evidence,note\n").Claims());

        Assert.Equal((422, "ratingsCsv"), (refused.Status, refused.Field));
        Assert.Contains("2", refused.MessageZh, StringComparison.Ordinal);
        // A header alone (what a form or script sends for "no ratings") is no rating.
        Assert.Equal("x", new Appraisal.Workflow.Http.SubmissionRequest("subject_id,indicator_id,rater_group,rater_id,score\n", "x").Claims().LedgerCsv);
    }
}
