using Appraisal.Domain.Organisation;
using Appraisal.Domain.Sample;
using Appraisal.Domain.Schemes;
using Appraisal.Storage;
using Appraisal.Storage.Ballots;
using Appraisal.Storage.Organisation;
using Appraisal.Storage.Schemes;
using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Ratings;
using Appraisal.Workflow.Tests.Notifications;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.DurableTask.Testing;

namespace Appraisal.Workflow.Tests.Actions;

/// <summary>The raters' questionnaire through its application service, on a real Azurite and a quarter held at
/// self-evaluation in the in-process durable host with its rating window opened in the ballot box: every refusal names
/// its field and stores nothing; a section answered once, revised only with its receipt, read back only with it.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RatingActionTests : IAsyncLifetime
{
    private const string Quarter = "2026-Q1";

    private readonly Clock _clock = new() { Now = DateTimeOffset.UtcNow };
    private DurableTaskTestHost _host = null!;
    private StorageAccount _account = null!;
    private SampleData _sample = null!;
    private Scheme _scheme = null!;

    private string Office => _sample.Organisation.Office.Id;

    public async Task InitializeAsync()
    {
        (_account, _host, _sample, _scheme) = await HeldQuarter.AtSelfEvaluationAsync(Quarter, new RatingPlan(false, TimeSpan.FromHours(1), TimeSpan.Zero, TimeSpan.FromSeconds(10)));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private RatingActions Actions() => new(new CycleSnapshots(new OrganisationRepository(_account), TimeProvider.System), new SchemeRepository(_account), new BallotBox(_account), _clock);

    private Caller Staff(Person person) => new(person.Id, new HashSet<Role> { Role.Staff }, Office, person.DepartmentId);

    /// <summary>Two raters of one department with a section each (their colleagues under scheme B), and someone of another department.</summary>
    private (Person Rater, QuestionnaireSection Section, Person Colleague, Person Stranger) People()
    {
        var raters = Questionnaire.Raters(_sample.Organisation, _scheme, []).Where(r => r.Sections.Count == 1 && r.Sections[0].Questions.Count >= 2).ToList();
        var (rater, sections) = raters[0];
        var colleague = raters.First(r => r.Rater.Id != rater.Id && r.Rater.DepartmentId == rater.DepartmentId).Rater;
        var stranger = _sample.Organisation.People.First(p => p.DepartmentId != rater.DepartmentId);
        return (rater, sections[0], colleague, stranger);
    }

    private static List<RatingAnswerRequest?> All(QuestionnaireSection section, decimal? score = 80) =>
        [.. section.Questions.Select(q => new RatingAnswerRequest(q.Subject.Id, q.Indicator.Id, score))];

    private Task<DateTime> OpenAsync() => new BallotBox(_account).OpenAsync(Office, Quarter, _clock.Now.UtcDateTime.AddHours(1));

    [Fact]
    public async Task Refusals_NameTheirField_AndStoreNothing()
    {
        var (rater, section, colleague, stranger) = People();
        var actions = Actions();
        var before = await StorageSnapshot.TakeAsync(_account);

        var notOpen = await Assert.ThrowsAsync<RequestRefusedException>(() => actions.AnswerAsync(_host.Client, Staff(rater), Office, Quarter, section.Id, All(section), null, default));
        Assert.Equal((409, "period"), (notOpen.Status, notOpen.Field));
        Assert.Equal(RatingWindowState.NotOpen, (await actions.QuestionnaireAsync(_host.Client, Staff(rater), Office, Quarter, null, default)).State);

        await OpenAsync();
        before = await StorageSnapshot.TakeAsync(_account);
        var answers = All(section);
        var self = section.Questions.Count;
        (string Case, Caller Who, string Period, string Section, IReadOnlyList<RatingAnswerRequest?>? Answers, string? Receipt, int Status, string Field)[] cases =
        [
            ("an administrator", new Caller(rater.Id, new HashSet<Role> { Role.Administrator }, Office, null), Quarter, section.Id, answers, null, 403, Access.Field),
            ("a caller of another office", new Caller(rater.Id, new HashSet<Role> { Role.Staff }, "other-office", null), Quarter, section.Id, answers, null, 403, Access.Field),
            ("no person of the office", new Caller("nobody", new HashSet<Role> { Role.Staff }, Office, null), Quarter, section.Id, answers, null, 404, Access.Field),
            ("a year", Staff(rater), "2026", section.Id, answers, null, 400, "period"),
            ("a section not theirs", Staff(rater), Quarter, "no-such-section", answers, null, 404, "sectionId"),
            ("another department's section", Staff(rater), Quarter, stranger.DepartmentId, answers, null, 404, "sectionId"),
            ("no answers", Staff(rater), Quarter, section.Id, [], null, 400, "answers"),
            ("a null answer", Staff(rater), Quarter, section.Id, [null, .. answers.Skip(1)], null, 400, "answers[0]"),
            ("a question left out", Staff(rater), Quarter, section.Id, answers.Skip(1).ToList(), null, 422, "answers"),
            ("a question twice", Staff(rater), Quarter, section.Id, [.. answers, answers[0]], null, 422, $"answers[{answers.Count}]"),
            ("a score above 100", Staff(rater), Quarter, section.Id, [answers[0]! with { Score = 100.5m }, .. answers.Skip(1)], null, 422, "answers[0].score"),
            ("a negative score", Staff(rater), Quarter, section.Id, [.. answers.Take(1), answers[1]! with { Score = -1 }, .. answers.Skip(2)], null, 422, "answers[1].score"),
            ("three decimals", Staff(rater), Quarter, section.Id, [answers[0]! with { Score = 80.125m }, .. answers.Skip(1)], null, 422, "answers[0].score"),
            ("themselves", Staff(rater), Quarter, section.Id, [answers[0]! with { SubjectId = rater.Id }, .. answers.Skip(1)], null, 403, "answers[0].subjectId"),
            ("someone of another department", Staff(rater), Quarter, section.Id, [answers[0]! with { SubjectId = stranger.Id }, .. answers.Skip(1)], null, 403, "answers[0].subjectId"),
            ("an indicator not asked", Staff(rater), Quarter, section.Id, [answers[0]! with { IndicatorId = "no-such-indicator" }, .. answers.Skip(1)], null, 422, "answers[0].indicatorId"),
            ("no subject", Staff(rater), Quarter, section.Id, [answers[0]! with { SubjectId = null }, .. answers.Skip(1)], null, 400, "answers[0].subjectId"),
            ("a receipt that is none", Staff(rater), Quarter, section.Id, answers, "not-a-receipt", 400, "Ballot-Receipt"),
        ];
        Assert.True(self >= 2);
        foreach (var (name, who, period, sectionId, given, receipt, status, field) in cases)
        {
            var refused = await Assert.ThrowsAsync<RequestRefusedException>(() => actions.AnswerAsync(_host.Client, who, Office, period, sectionId, given, receipt, default));
            Assert.True((refused.Status, refused.Field) == (status, field), $"{name}: expected {status} {field}, found {refused.Status} {refused.Field}: {refused.Message}");
        }

        // The clock past the close: refused, as before the window opened.
        _clock.Now = _clock.Now.AddHours(2);
        var late = await Assert.ThrowsAsync<RequestRefusedException>(() => actions.AnswerAsync(_host.Client, Staff(rater), Office, Quarter, section.Id, answers, null, default));
        Assert.Equal((409, "period"), (late.Status, late.Field));
        Assert.Equal(RatingWindowState.Closed, (await actions.QuestionnaireAsync(_host.Client, Staff(colleague), Office, Quarter, null, default)).State);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_account));
    }

    [Fact]
    public async Task ASection_IsAnsweredOnce_RevisedWithItsReceipt_AndReadBackOnlyWithIt()
    {
        var (rater, section, colleague, _) = People();
        var actions = Actions();
        var closes = await OpenAsync();
        var questionnaire = await actions.QuestionnaireAsync(_host.Client, Staff(rater), Office, Quarter, null, default);
        Assert.Equal((RatingWindowState.Open, closes), (questionnaire.State, questionnaire.ClosesUtc));
        Assert.Equal([section.Id], questionnaire.Sections.Select(s => s.Section.Id));
        Assert.DoesNotContain(questionnaire.Sections.Single().Section.Questions, q => q.Subject.Id == rater.Id);
        Assert.False(questionnaire.Sections.Single().Answered);

        var first = All(section);
        first[^1] = first[^1]! with { Score = null };
        var stored = await actions.AnswerAsync(_host.Client, Staff(rater), Office, Quarter, section.Id, first, null, default);
        Assert.False(stored.Revised);
        Assert.Equal(BallotBox.ReceiptBytes, WebEncoders.Base64UrlDecode(stored.Receipt).Length);

        // Answered: without the receipt nothing of the answers; with it, the person's own.
        var without = (await actions.QuestionnaireAsync(_host.Client, Staff(rater), Office, Quarter, null, default)).Sections.Single();
        Assert.True(without.Answered);
        Assert.Null(without.Own);
        var with = (await actions.QuestionnaireAsync(_host.Client, Staff(rater), Office, Quarter, stored.Receipt, default)).Sections.Single();
        Assert.Equal(first.Select(a => (a!.SubjectId, a.IndicatorId, a.Score)).Order(), with.Own!.Select(a => ((string?)a.SubjectId, (string?)a.IndicatorId, a.Score)).Order());
        var wrong = WebEncoders.Base64UrlEncode(BallotBox.NewReceipt());
        Assert.Null((await actions.QuestionnaireAsync(_host.Client, Staff(rater), Office, Quarter, wrong, default)).Sections.Single().Own);

        // A colleague sees nothing of it, even with the receipt.
        var theirs = await actions.QuestionnaireAsync(_host.Client, Staff(colleague), Office, Quarter, stored.Receipt, default);
        Assert.All(theirs.Sections, s => Assert.False(s.Answered));
        Assert.All(theirs.Sections, s => Assert.Null(s.Own));

        // Again without the receipt, or with another: 409, nothing stored.
        var before = await StorageSnapshot.TakeAsync(_account);
        var again = await Assert.ThrowsAsync<RequestRefusedException>(() => actions.AnswerAsync(_host.Client, Staff(rater), Office, Quarter, section.Id, All(section, 50), null, default));
        Assert.Equal((409, "Ballot-Receipt"), (again.Status, again.Field));
        Assert.Contains("receipt", again.Message, StringComparison.Ordinal);
        var other = await Assert.ThrowsAsync<RequestRefusedException>(() => actions.AnswerAsync(_host.Client, Staff(rater), Office, Quarter, section.Id, All(section, 50), wrong, default));
        Assert.Equal((409, "Ballot-Receipt"), (other.Status, other.Field));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_account));

        // With the receipt: a revision, read back as revised.
        var revised = await actions.AnswerAsync(_host.Client, Staff(rater), Office, Quarter, section.Id, All(section, 60.5m), stored.Receipt, default);
        Assert.Equal((stored.Receipt, true), (revised.Receipt, revised.Revised));
        var now = (await actions.QuestionnaireAsync(_host.Client, Staff(rater), Office, Quarter, stored.Receipt, default)).Sections.Single();
        Assert.All(now.Own!, a => Assert.Equal(60.5m, a.Score));
        Assert.Equal(section.Questions.Count, now.Own!.Count);

        // Sealed, half a minute before the close by this host's clock (a sealing host's clock that far ahead): refused,
        // and the questionnaire says so.
        _clock.Now = closes - RatingActions.SealGuard / 2;
        await new BallotBox(_account).SealAsync(Office, Quarter, (_, _) => 1, DateTimeOffset.UtcNow);
        var sealedAnswer = await Assert.ThrowsAsync<RequestRefusedException>(() => actions.AnswerAsync(_host.Client, Staff(rater), Office, Quarter, section.Id, All(section), stored.Receipt, default));
        Assert.Equal((409, "period"), (sealedAnswer.Status, sealedAnswer.Field));
        Assert.Equal(RatingWindowState.Sealed, (await actions.QuestionnaireAsync(_host.Client, Staff(rater), Office, Quarter, null, default)).State);
    }

    [Fact]
    public async Task TheCycle_IsReadOnceWhileFresh_AStoppedCycleIsRefusedOnceThatHasPassed_ASealAtOnce()
    {
        var (rater, section, colleague, _) = People();
        var snapshots = new CycleSnapshots(new OrganisationRepository(_account), _clock);
        var actions = new RatingActions(snapshots, new SchemeRepository(_account), new BallotBox(_account), _clock);
        var id = CycleStarter.InstanceId(Office, Domain.Periods.Period.Parse(Quarter));
        await OpenAsync();
        await actions.QuestionnaireAsync(_host.Client, Staff(rater), Office, Quarter, null, default);
        var shared = await snapshots.InstanceAsync(_host.Client, id);
        Assert.Same(shared, await snapshots.InstanceAsync(_host.Client, id)); // every rater's request within the freshness: one read
        Assert.False((await actions.AnswerAsync(_host.Client, Staff(rater), Office, Quarter, section.Id, All(section), null, default)).Revised);

        // Stopped: refused as soon as the state read is older than CycleSnapshots.CycleFreshness.
        await _host.Client.TerminateInstanceAsync(id);
        await _host.Client.WaitForInstanceCompletionAsync(id);
        _clock.Now += CycleSnapshots.CycleFreshness;
        var before = await StorageSnapshot.TakeAsync(_account);
        var stopped = await Assert.ThrowsAsync<RequestRefusedException>(() => actions.AnswerAsync(_host.Client, Staff(colleague), Office, Quarter, section.Id, All(section), null, default));
        Assert.Equal((409, "period"), (stopped.Status, stopped.Field));
        Assert.NotSame(shared, await snapshots.InstanceAsync(_host.Client, id));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_account));
    }

    [Fact]
    public async Task ARatersRequest_AsksForTheSeal_OnlyFromTheGuardBeforeTheClose()
    {
        var (rater, section, colleague, _) = People();
        var actions = new RatingActions(new CycleSnapshots(new OrganisationRepository(_account), _clock), new SchemeRepository(_account), new BallotBox(_account), _clock);
        var closes = await OpenAsync();

        // The requests of a questionnaire read and a first answer, the state and scheme already read at that time.
        async Task<(long Read, long Answer)> RequestsAsync(Person person, TimeSpan beforeClose)
        {
            _clock.Now = closes - beforeClose;
            await actions.QuestionnaireAsync(_host.Client, Staff(colleague.Id == person.Id ? rater : colleague), Office, Quarter, null, default);
            var start = _account.Requests.Count;
            var questionnaire = await actions.QuestionnaireAsync(_host.Client, Staff(person), Office, Quarter, null, default);
            Assert.Equal(RatingWindowState.Open, questionnaire.State);
            var read = _account.Requests.Count - start;
            start = _account.Requests.Count;
            Assert.False((await actions.AnswerAsync(_host.Client, Staff(person), Office, Quarter, questionnaire.Sections.Single().Section.Id, All(questionnaire.Sections.Single().Section), null, default)).Revised);
            return (read, _account.Requests.Count - start);
        }

        // Earlier than the guard: the section's participation row read, the answer's transaction — no seal.
        Assert.Equal((1L, 1L), await RequestsAsync(rater, RatingActions.SealGuard + TimeSpan.FromSeconds(1)));
        // Within it: the seal read too, by the questionnaire and by the answer.
        Assert.Equal((2L, 2L), await RequestsAsync(colleague, RatingActions.SealGuard - TimeSpan.FromSeconds(1)));
        Assert.Equal(2, (await new BallotBox(_account).ParticipationAsync(Office, Quarter)).Count);
    }

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
