using Appraisal.Domain.Cycles;
using Appraisal.Domain.Decisions;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Raters;
using Appraisal.Domain.Sample;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using Appraisal.Storage;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Ballots;
using Appraisal.Storage.Cases;
using Appraisal.Storage.Cycles;
using Appraisal.Storage.Organisation;
using Appraisal.Storage.Schemes;
using Appraisal.Storage.Submissions;
using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Ratings;
using Appraisal.Workflow.Tests.Notifications;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;

namespace Appraisal.Workflow.Tests.Actions;

/// <summary>Paper ballots and response rates through <see cref="RatingResultsActions"/> on a real Azurite, the sample
/// office under template B, with quarters held in the in-process durable host: 2026-Q1 at self-evaluation with its
/// rating window open, 2026-Q2 at scoring with a window, 2026-Q4 at self-evaluation with none. Every refusal names its
/// field and leaves storage as it was; a paper result is stored as a paper cell and audited, entered again it replaces
/// the one before (audited with both); response rates are counted from who answered which section.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RatingResultsActionsTests : IAsyncLifetime
{
    private const string Quarter = "2026-Q1";
    private const string Scoring = "2026-Q2";
    private const string NoWindow = "2026-Q4";

    private DurableTaskTestHost _host = null!;
    private StorageAccount _account = null!;
    private SampleData _sample = null!;
    private Scheme _scheme = null!;

    private string Office => _sample.Organisation.Office.Id;

    private Caller AppraisalOffice => new("office-1", new HashSet<Role> { Role.AppraisalOffice }, Office, null);

    public async Task InitializeAsync()
    {
        (_account, _scheme, _sample) = await HeldQuarter.SampleAsync(Quarter);

        _host = await DurableTestHost.StartAsync(registry => registry
            .AddOrchestratorFunc<CycleInput, string>("HeldCycle", async (context, _) =>
            {
                context.SetCustomStatus(new CycleStatus(CycleStage.SelfEvaluation, []));
                return await context.WaitForExternalEvent<string>("release");
            })
            .AddOrchestratorFunc<CycleInput, string>("ScoringCycle", async (context, _) =>
            {
                context.SetCustomStatus(new CycleStatus(CycleStage.Scoring, []));
                return await context.WaitForExternalEvent<string>("release");
            }));
        var box = new BallotBox(_account);
        foreach (var (period, orchestrator, window) in new[] { (Quarter, "HeldCycle", true), (Scoring, "ScoringCycle", true), (NoWindow, "HeldCycle", false) })
        {
            var input = new CycleInput(Office, period, _scheme.Id, _scheme.Version, [], DateTime.UtcNow.AddHours(1), TimeSpan.Zero, LateSubmissionPolicy.Refuse, TimeSpan.Zero,
                TimeSpan.FromHours(1), ApprovalRule.Majority, [], null, TimeSpan.FromHours(1));
            var id = CycleStarter.InstanceId(Office, Period.Parse(period));
            await _host.Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(id));
            await new CycleRepository(_account).CreateAsync(new CycleRecord(Office, period, _scheme.Id, _scheme.Version, CycleStage.Started, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
            if (window)
            {
                await box.OpenAsync(Office, period, DateTime.UtcNow.AddHours(2));
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while ((await _host.Client.GetInstanceAsync(id, getInputsAndOutputs: true, wait.Token))?.SerializedCustomStatus is null)
            {
                await Task.Delay(100, wait.Token);
            }
        }
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private RatingResultsActions Actions() => new(new BallotBox(_account), new CycleRepository(_account),
        new CycleRecords(new SchemeRepository(_account), new OrganisationRepository(_account), new CaseRepository(_account), new SubmissionRepository(_account)),
        new CycleOptions(), new AuditLog(_account), TimeProvider.System);

    private AppraisalSubject Subject => SubjectSet.For(_scheme, _sample.Organisation).Items[0];

    private PaperRatingRequest Valid(int count = 25, decimal mean = 87.5m) => new(Subject.Id, "conduct-evaluation", "colleagues", count, mean);

    [Fact]
    public async Task EveryRefusal_NamesItsField_AndStoresNothing()
    {
        var actions = Actions();
        var before = await StorageSnapshot.TakeAsync(_account);
        var ok = Valid();
        (string Case, Caller Who, string Period, PaperRatingRequest Body, int Status, string Field)[] cases =
        [
            ("staff", new Caller("E0001", new HashSet<Role> { Role.Staff }, Office, null), Quarter, ok, 403, Access.Field),
            ("the Party group", new Caller("E0001", new HashSet<Role> { Role.PartyGroup }, Office, null), Quarter, ok, 403, Access.Field),
            ("a supervisor", new Caller("S1", new HashSet<Role> { Role.Supervisor }, Office, null), Quarter, ok, 403, Access.Field),
            ("the appraisal office of another office", AppraisalOffice with { OfficeId = "another-office" }, Quarter, ok, 403, Access.Field),
            ("a year", AppraisalOffice, "2026", ok, 400, "period"),
            ("a quarter never started", AppraisalOffice, "2026-Q3", ok, 404, "period"),
            ("a quarter at scoring", AppraisalOffice, Scoring, ok, 409, "period"),
            ("a quarter without a rating window", AppraisalOffice, NoWindow, ok, 404, "period"),
            ("no subject", AppraisalOffice, Quarter, ok with { SubjectId = " " }, 400, "subjectId"),
            ("no indicator", AppraisalOffice, Quarter, ok with { IndicatorId = null }, 400, "indicatorId"),
            ("no group", AppraisalOffice, Quarter, ok with { Group = null }, 400, "group"),
            ("no count", AppraisalOffice, Quarter, ok with { Count = null }, 400, "count"),
            ("no mean", AppraisalOffice, Quarter, ok with { Mean = null }, 400, "mean"),
            ("a subject not of the scheme", AppraisalOffice, Quarter, ok with { SubjectId = "nobody" }, 422, "subjectId"),
            ("a department as a person scheme's subject", AppraisalOffice, Quarter, ok with { SubjectId = _sample.Organisation.Departments[0].Id }, 422, "subjectId"),
            ("an indicator not rated", AppraisalOffice, Quarter, ok with { IndicatorId = "no-such-indicator" }, 422, "indicatorId"),
            ("a group of another indicator", AppraisalOffice, Quarter, ok with { IndicatorId = "skills-evaluation" }, 422, "group"),
            ("an unknown group", AppraisalOffice, Quarter, ok with { Group = "public" }, 422, "group"),
            ("no ballots", AppraisalOffice, Quarter, ok with { Count = 0 }, 422, "count"),
            ("too many ballots", AppraisalOffice, Quarter, ok with { Count = RatingResultsActions.MaxCount + 1 }, 422, "count"),
            ("a negative mean", AppraisalOffice, Quarter, ok with { Mean = -0.01m }, 422, "mean"),
            ("a mean above 100", AppraisalOffice, Quarter, ok with { Mean = 100.01m }, 422, "mean"),
            ("a mean of three decimals", AppraisalOffice, Quarter, ok with { Mean = 87.125m }, 422, "mean"),
        ];
        foreach (var (name, who, period, body, status, field) in cases)
        {
            var refused = await Assert.ThrowsAsync<RequestRefusedException>(() => actions.EnterPaperAsync(_host.Client, who, Office, period, body, default));
            Assert.True((refused.Status, refused.Field) == (status, field), $"{name}: expected {status} {field}, found {refused.Status} {refused.Field}: {refused.Message}");
        }

        Assert.Equal(before, await StorageSnapshot.TakeAsync(_account));
    }

    [Fact]
    public async Task PaperResults_AreStoredAsPaperCells_Audited_AndReplacedWithBeforeAndAfter()
    {
        var actions = Actions();
        var box = new BallotBox(_account);
        var audit = new AuditLog(_account);

        var first = await actions.EnterPaperAsync(_host.Client, AppraisalOffice, Office, Quarter, Valid(25, 87.5m), default);
        Assert.Equal((25, 87.5m), (first.Count, first.Mean));
        var cell = Assert.Single(await box.CellsAsync(Office, Quarter));
        Assert.Equal(new SealedCell(Subject.Id, "conduct-evaluation", "colleagues", 25, 2187.5m, null, null, Paper: true), cell);
        var entered = Assert.Single(await audit.ReadAsync(Office, Quarter), e => e.Action == RatingResultsActions.AuditAction);
        Assert.Equal("office-1", entered.Actor);
        Assert.Null(entered.Before);
        Assert.Contains("\"count\":25", entered.After, StringComparison.Ordinal);
        Assert.Contains("\"mean\":87.5", entered.After, StringComparison.Ordinal);

        // Entered again: replaced, one cell, the change audited with both.
        await actions.EnterPaperAsync(_host.Client, AppraisalOffice, Office, Quarter, Valid(30, 90m), default);
        cell = Assert.Single(await box.CellsAsync(Office, Quarter));
        Assert.Equal((30, 2700m, true), (cell.Count, cell.Sum, cell.Paper));
        var entries = (await audit.ReadAsync(Office, Quarter)).Where(e => e.Action == RatingResultsActions.AuditAction).ToList();
        Assert.Equal(2, entries.Count);
        Assert.Contains("\"count\":25", entries[1].Before, StringComparison.Ordinal);
        Assert.Contains("\"count\":30", entries[1].After, StringComparison.Ordinal);
        Assert.True((await audit.VerifyAsync(Office, Quarter)).Intact);

        // Another group of another indicator is a cell of its own; the list reads the means back.
        await actions.EnterPaperAsync(_host.Client, AppraisalOffice, Office, Quarter, new PaperRatingRequest(Subject.Id, "skills-evaluation", "leaders", 3, 91.33m), default);
        var paper = await actions.PaperAsync(AppraisalOffice, Office, Quarter, default);
        Assert.Equal([("conduct-evaluation", 30, 90m), ("skills-evaluation", 3, 91.33m)], paper.Select(p => (p.IndicatorId, p.Count, p.Mean)));
    }

    [Fact]
    public async Task ResponseRates_AreCountedFromParticipation_PerGroupAndDepartment()
    {
        var org = _sample.Organisation;
        var partyGroup = CycleRecords.PartyGroup(org, new CycleOptions()).Members;
        var raters = Questionnaire.Raters(org, _scheme, partyGroup).ToList();
        var box = new BallotBox(_account);
        var subjects = SubjectSet.For(_scheme, org).Items;
        var colleagues = _scheme.RatedIndicators[0].RaterGroups.Single(g => g.Group == "colleagues");
        // Who may answer for the colleagues group about the people of a department, from the eligibility rules: the
        // department with the most of them.
        HashSet<string> EligibleFor(string department) => subjects.Where(s => s.DepartmentId == department)
            .SelectMany(s => RaterEligibility.Respondents(org, _scheme.RatedIndicators[0], colleagues, s, partyGroup)).Select(p => p.Id).ToHashSet();
        var department = subjects.Select(s => s.DepartmentId).Distinct().MaxBy(d => EligibleFor(d).Count)!;
        var eligible = EligibleFor(department);
        Assert.True(eligible.Count >= 3, "the sample has a department with colleagues to rate");

        // Two of them answer every section; a third answers only a section about another department (if they have one).
        var answering = raters.Where(r => eligible.Contains(r.Rater.Id)).Take(2).ToList();
        foreach (var (rater, sections) in answering)
        {
            var receipt = BallotBox.NewReceipt();
            foreach (var section in sections)
            {
                await box.CastAsync(Office, Quarter, rater.Id, section.Id, receipt, section.Questions.Select(q => new BallotScore(q.Subject.Id, q.Indicator.Id, q.Group.Group, 85m)).ToList());
            }
        }

        var partial = raters.FirstOrDefault(r => eligible.Contains(r.Rater.Id) && !answering.Contains(r) && r.Sections.Any(s => s.DepartmentId != department));
        if (partial.Rater is not null)
        {
            var other = partial.Sections.First(s => s.DepartmentId != department);
            await box.CastAsync(Office, Quarter, partial.Rater.Id, other.Id, BallotBox.NewReceipt(), other.Questions.Select(q => new BallotScore(q.Subject.Id, q.Indicator.Id, q.Group.Group, null)).ToList());
        }

        var actions = Actions();
        var before = await StorageSnapshot.TakeAsync(_account);
        var supervisor = new Caller("S1", new HashSet<Role> { Role.Supervisor }, Office, null);
        var rates = await actions.ResponseRatesAsync(supervisor, Office, Quarter, default);
        var row = rates.Rows.Single(r => r.IndicatorId == "conduct-evaluation" && r.Group == "colleagues" && r.DepartmentId == department);
        Assert.Equal(eligible.Count, row.Eligible);
        Assert.Equal(2, row.Answered);
        Assert.Equal(decimal.Round(200m / eligible.Count, 1), row.Rate);
        Assert.Equal(5, row.MinResponses);
        Assert.True(row.BelowMinimum, "two answers stay below the colleagues' minimum of five");
        Assert.Equal(raters.Count, rates.Raters);
        Assert.Equal(2, rates.Finished);
        Assert.True(rates.BelowMinimum);
        Assert.False(rates.Sealed);

        // The partial rater counts where they answered, not here; every row counts no more answered than eligible.
        if (partial.Rater is not null)
        {
            var elsewhere = partial.Sections.First(s => s.DepartmentId != department);
            var q = elsewhere.Questions[0];
            var theirs = rates.Rows.Single(r => r.IndicatorId == q.Indicator.Id && r.Group == q.Group.Group && r.DepartmentId == elsewhere.DepartmentId);
            Assert.True(theirs.Answered >= 1);
        }

        Assert.All(rates.Rows, r => Assert.InRange(r.Answered, 0, r.Eligible));
        Assert.Equal(rates.Rows.Count, _scheme.RatedIndicators.Sum(i => i.RaterGroups.Count) * subjects.Select(s => s.DepartmentId).Distinct().Count());

        // Read only; the appraisal office and the Party group read them too, staff and other offices do not; a period
        // without a window has none.
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_account));
        await actions.ResponseRatesAsync(AppraisalOffice, Office, Quarter, default);
        await actions.ResponseRatesAsync(new Caller("E0001", new HashSet<Role> { Role.PartyGroup }, Office, null), Office, Quarter, default);
        Assert.Equal(403, (await Assert.ThrowsAsync<RequestRefusedException>(() => actions.ResponseRatesAsync(new Caller("E0002", new HashSet<Role> { Role.Staff }, Office, null), Office, Quarter, default))).Status);
        Assert.Equal(403, (await Assert.ThrowsAsync<RequestRefusedException>(() => actions.ResponseRatesAsync(supervisor with { OfficeId = "another-office" }, Office, Quarter, default))).Status);
        var none = await Assert.ThrowsAsync<RequestRefusedException>(() => actions.ResponseRatesAsync(AppraisalOffice, Office, NoWindow, default));
        Assert.Equal((404, "period"), (none.Status, none.Field));
    }
}
