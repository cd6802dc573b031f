using Appraisal.Domain.Organisation;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Sample;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using Appraisal.Storage;
using Appraisal.Storage.Cases;
using Appraisal.Storage.Organisation;
using Appraisal.Storage.Schemes;
using Appraisal.Storage.Scorecards;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Hosting;
using Appraisal.Workflow.Tests.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Tests.YearEnd;

/// <summary>The workflow's scoring steps against Azurite, for the period rules of issue 19: with 第十条 assessed yearly
/// the quarters never deduct and the year's combining reads the year's case records and deducts once per leader; with a
/// relative target a quarter's scoring reads the reference quarter's case records.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class YearlyWorkloadCombineTests : IAsyncLifetime
{
    private StorageAccount _account = null!;
    private ServiceProvider _services = null!;
    private SampleData _sample = null!;

    private string Office => _sample.Organisation.Office.Id;

    public async Task InitializeAsync()
    {
        _account = await AzuriteFixture.FreshAccountAsync();
        var template = SchemeTemplates.Load("B");
        _sample = SampleOffice.Generate(new SampleOptions { Period = Period.Quarter(2026, 1) }, [template]);
        await new OrganisationRepository(_account).ImportAsync(_sample.Organisation);
        await new CaseRepository(_account).ImportAsync(Office, _sample.Cases);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = AzuriteFixture.ConnectionString,
            ["Storage:Prefix"] = _account.Options.Prefix,
        }).Build();
        _services = new ServiceCollection().AddLogging().AddAppraisalWorkflow(configuration).BuildServiceProvider();
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<Scheme> DecideAsync(Scheme scheme)
    {
        var schemes = new SchemeRepository(_account);
        var draft = await schemes.AddDraftAsync(scheme);
        await schemes.DecideAsync(scheme.Id, scheme.Version, "party-group", DateTimeOffset.UtcNow, draft.ETag);
        return scheme;
    }

    [Fact]
    public async Task AYearlyShare_IsDeductedOnce_AtTheYearEnd_OnTheYearsCaseRecords()
    {
        var template = SchemeTemplates.Load("B");
        var scheme = await DecideAsync(template with { LeaderWorkload = template.LeaderWorkload! with { Assessed = WorkloadAssessment.Yearly } });
        var cycle = _services.GetRequiredService<ICycleServices>();
        var scorecards = new ScorecardRepository(_account);

        for (var q = 1; q <= 4; q++)
        {
            await cycle.ScoreAsync(new CycleRequest(Office, $"2026-Q{q}", scheme.Id, scheme.Version), default);
        }

        await cycle.CombineYearAsync(new CycleRequest(Office, "2026", scheme.Id, scheme.Version), default);

        for (var q = 1; q <= 4; q++)
        {
            var quarter = await scorecards.ForPeriodAsync(Office, $"2026-Q{q}", scheme.Id);
            Assert.All(quarter.SelectMany(c => c.Lines).Where(l => l.Kind == LineKind.LeaderWorkload), l => Assert.Equal(0m, l.Points));
            Assert.DoesNotContain(quarter.SelectMany(c => c.Warnings), w => w.Code == WarningCode.LeaderBelowWorkloadShare);
        }

        // Each leader's workload is the cases they closed in 2026 (the sample also holds cases closed in 2025 and open ones).
        var closed = _sample.Cases.Where(c => c.Closed is { Year: 2026 }).GroupBy(c => c.HandlerId).ToDictionary(g => g.Key, g => g.Count());
        var year = await scorecards.ForPeriodAsync(Office, "2026", scheme.Id);
        var leaders = _sample.Organisation.People.Where(p => p.Post != LeadershipPost.None).Select(p => p.Id).ToHashSet();
        var lines = year.Where(c => leaders.Contains(c.SubjectId))
            .Select(c => (Card: c, Line: Assert.Single(c.Lines, l => l.Kind == LineKind.LeaderWorkload))).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, x =>
        {
            Assert.Equal(closed.GetValueOrDefault(x.Card.SubjectId), x.Line.Basis);
            Assert.Equal("2026", x.Line.Reference!.Period);
            Assert.Equal(x.Line.Outcome == LineOutcome.Below ? -20m : 0m, x.Line.Raw);
            Assert.Equal(x.Line.Outcome == LineOutcome.Below ? 1 : 0, x.Card.Warnings.Count(w => w.Code == WarningCode.LeaderBelowWorkloadShare));
        });
        Assert.Contains(lines, x => x.Line.Outcome == LineOutcome.Below);
        Assert.DoesNotContain(year.Where(c => !leaders.Contains(c.SubjectId)), c => c.Lines.Any(l => l.Kind == LineKind.LeaderWorkload));
    }

    [Fact]
    public async Task ARelativeTarget_ReadsThePreviousQuartersCaseRecords()
    {
        var template = SchemeTemplates.Load("B");
        var scheme = await DecideAsync(template with
        {
            TargetIndicators = template.TargetIndicators
                .Select(t => t.Id == "handling-days" ? t with { RelativeTo = new RelativeTarget { Period = ReferencePeriod.PreviousQuarter, Percent = 85m } } : t)
                .ToList(),
        });
        var records = _services.GetRequiredService<CycleRecords>();

        var input = await records.ScoringInputAsync(Office, "2026-Q2", scheme, _sample.Organisation, default);
        var cards = Scorer.Score(input);

        var index = scheme.TargetIndicators.ToList().FindIndex(t => t.Id == "handling-days");
        var q1 = Domain.Cases.CaseAggregator.Aggregate(scheme, input.Subjects, Domain.Cases.CaseLog.From(_sample.Cases), Period.Quarter(2026, 1));
        var referenced = 0;
        foreach (var card in cards)
        {
            var line = card.Lines.Single(l => l.Kind == LineKind.Target && l.Item == "handling-days");
            if (q1[input.Subjects.IndexOf(card.SubjectId), index] is { Value: { } value, Basis: > 0 })
            {
                referenced++;
                Assert.Equal(new LineReference("2026-Q1", Math.Round(value * 0.85m, 2, MidpointRounding.AwayFromZero), value), line.Reference);
            }
            else
            {
                Assert.Equal(new LineReference("2026-Q1", 30m), line.Reference);
            }
        }

        Assert.True(referenced > 10, $"only {referenced} subjects closed cases in 2026-Q1");
    }
}
