using Appraisal.Domain.Calendar;
using Appraisal.Domain.Cycles;
using Appraisal.Domain.Decisions;
using Appraisal.Workflow.Calendar;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Ratings;
using Appraisal.Workflow.Schedules;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Tests.Cycle;

/// <summary>Every stage and branch of the cycle in the in-process durable test host, with people simulated by raised events.</summary>
public sealed class AppraisalCycleOrchestratorTests : IAsyncLifetime
{
    private readonly RecordingServices _services = new();
    private readonly RecordingNotifications _notifications = new();
    private readonly TestCalendars _calendars = new();
    private DurableTaskTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await DurableTestHost.StartAsync(
            registry => registry
                .AddOrchestrator<AppraisalCycleOrchestrator>()
                .AddOrchestrator<DepartmentSelfEvaluationOrchestrator>()
                .AddActivity<SendSelfEvaluationReminderActivity>()
                .AddActivity<EscalateMissedDeadlineActivity>()
                .AddActivity<RemindDepartmentsActivity>()
                .AddActivity<EscalateDepartmentsActivity>()
                .AddActivity<RequestSchemeDecisionActivity>()
                .AddActivity<ScoreCycleActivity>()
                .AddActivity<RequestDecisionActivity>()
                .AddActivity<PublishNoticeActivity>()
                .AddActivity<FinaliseResultsActivity>()
                .AddActivity<OpenRatingsActivity>()
                .AddActivity<RemindRatingsActivity>()
                .AddActivity<SealRatingsActivity>()
                .AddActivity<PurgeRatingsActivity>()
                .AddActivity<ResolveDeadlineActivity>(),
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services => services
                    .AddSingleton<ICycleNotifications>(_notifications)
                    .AddSingleton<ICycleServices>(_services)
                    .AddSingleton<IRatingServices>(_services)
                    .AddSingleton<IWorkingCalendarSource>(_calendars)
                    .AddSingleton(new ScheduleOptions()),
            });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>A cycle of two departments; <paramref name="windowsInCycle"/> false: an input of a cycle started before
    /// the windows were kept in the cycle (a sub-orchestration each).</summary>
    private static CycleInput Input(int? version = 3, double deadlineSeconds = 60, bool windowsInCycle = true) => new(
        "office-" + Guid.NewGuid().ToString("N")[..8], "2026-Q1", "template-b", version, ["D01", "D02"],
        DateTime.UtcNow.AddSeconds(deadlineSeconds), TimeSpan.Zero, LateSubmissionPolicy.Refuse, TimeSpan.Zero,
        CorrectionTime: TimeSpan.FromSeconds(60), ApprovalRule.Majority, ["chief", "m2", "m3"], "chief", ObjectionPeriod: TimeSpan.FromSeconds(1), CountsDeadlines: true,
        WindowsInCycle: windowsInCycle);

    private async Task<string> StartAsync(CycleInput input)
    {
        await _host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(AppraisalCycleOrchestrator), input, new StartOrchestrationOptions(input.InstanceId));
        return input.InstanceId;
    }

    /// <summary>The round the cycle is at, as its status says (what the application services stamp on each event).</summary>
    private async Task<int> RoundAsync(string id) => (await _host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.ReadCustomStatusAs<CycleStatus>()!.Round ?? 0;

    private async Task<CycleStatus> StageAsync(string id, CycleStage stage, params string[] awaiting)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var state = await _host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
            var status = state?.SerializedCustomStatus is null ? null : state.ReadCustomStatusAs<CycleStatus>();
            if (status is not null && status.Stage == stage && (awaiting.Length == 0 || status.Awaiting.SequenceEqual(awaiting)))
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the cycle did not reach {stage} [{string.Join(",", awaiting)}] within 30 s; it is at {status?.Stage} [{string.Join(",", status?.Awaiting ?? [])}]");
            await Task.Delay(50);
        }
    }

    /// <summary>Raises a department's submission as the application service does: to the cycle once its status names
    /// the department's window open (awaited at self-evaluation, or correcting with that attempt); to the window's
    /// sub-orchestration once it runs, in a cycle started before the windows were kept in the cycle.</summary>
    private async Task SubmitAsync(string cycleId, string department, int attempt, string key)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var input = (await _host.Client.GetInstanceAsync(cycleId, getInputsAndOutputs: true))!.ReadInputAs<CycleInput>()!;
        var id = input.WindowsInCycle ? cycleId : $"{cycleId}:dept:{department}:{attempt}";
        while (!await OpenAsync())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{department}'s window {attempt} did not open within 30 s");
            await Task.Delay(50);
        }

        await _host.Client.RaiseEventAsync(id, WorkflowEvents.SubmissionReceived, new SubmissionNotice(department, key, DateTime.UtcNow, attempt));

        async Task<bool> OpenAsync()
        {
            var instance = await _host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
            if (!input.WindowsInCycle)
            {
                return instance?.RuntimeStatus == OrchestrationRuntimeStatus.Running;
            }

            var status = instance?.SerializedCustomStatus is null ? null : instance.ReadCustomStatusAs<CycleStatus>();
            return status is not null && (attempt == 0
                ? status.Stage == CycleStage.SelfEvaluation && status.Awaiting.Contains(department)
                : (status.Correcting ?? []).Any(c => c.DepartmentId == department && c.Attempt == attempt));
        }
    }

    private Task RaiseAsync(string id, string name, object payload) => _host.Client.RaiseEventAsync(id, name, payload);

    private async Task<CycleOutcome> OutcomeAsync(string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        OrchestrationMetadata done;
        try
        {
            done = await _host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            var state = await _host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
            Assert.Fail($"the cycle did not complete within 30 s: {state?.RuntimeStatus}, status {state?.SerializedCustomStatus}");
            throw;
        }

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        return done.ReadOutputAs<CycleOutcome>()!;
    }

    private async Task SubmitBothAndVerifyAsync(string id)
    {
        await SubmitAsync(id, "D01", 0, "s-D01");
        await SubmitAsync(id, "D02", 0, "s-D02");
        await StageAsync(id, CycleStage.Verification, "D01", "D02");
        await RaiseAsync(id, WorkflowEvents.Verified, new VerificationDecision("D01", VerificationAction.Accept, null, await RoundAsync(id)));
        await RaiseAsync(id, WorkflowEvents.Verified, new VerificationDecision("D02", VerificationAction.Adjust, "调减倡导性指标加分 1 分", await RoundAsync(id)));
    }

    private async Task ApproveAsync(string id)
    {
        await StageAsync(id, CycleStage.Decision, "chief", "m2", "m3");
        await RaiseAsync(id, WorkflowEvents.ApprovalDecision, new Vote("chief", true, null, await RoundAsync(id)));
        await RaiseAsync(id, WorkflowEvents.ApprovalDecision, new Vote("m2", true, null, await RoundAsync(id)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task HappyPath_SubmitVerifyScoreDecidePublishFinalise(bool windowsInCycle)
    {
        var id = await StartAsync(Input(windowsInCycle: windowsInCycle));

        await SubmitBothAndVerifyAsync(id);
        await ApproveAsync(id);
        var outcome = await OutcomeAsync(id);

        Assert.Equal(3, outcome.SchemeVersion);
        Assert.Equal("scoring-1", outcome.ScoringId);
        Assert.Equal((1, 0), (outcome.DecisionRounds, outcome.Objections));
        Assert.Equal(["s-D01", "s-D02"], outcome.Departments.Select(d => d.SubmissionKey));
        Assert.Equal(["score:v3", "decide:1:scoring-1", "publish:1:scoring-1", "finalise:1:scoring-1"], _services.Calls);
    }

    [Fact]
    public async Task RatingsBesideSelfEvaluation_OpenRemindAndSeal_AndScoringWaitsForTheSeal()
    {
        var input = Input() with { Rating = new RatingPlan(AfterSelfEvaluation: false, TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(3), TimeSpan.Zero) };
        var started = DateTime.UtcNow;
        var id = await StartAsync(input);

        await SubmitBothAndVerifyAsync(id);
        var waiting = await StageAsync(id, CycleStage.Rating);
        Assert.InRange(waiting.UntilUtc!.Value, started.AddSeconds(5), started.AddSeconds(20));
        await ApproveAsync(id);
        await OutcomeAsync(id);

        AssertRated(["ratings-open:v3", "ratings-remind", "ratings-seal", "score:v3", "decide:1:scoring-1", "publish:1:scoring-1", "finalise:1:scoring-1"]);
    }

    [Fact]
    public async Task TheSeal_WaitsForTheCloseTheRatersWereTold_WhenLaterThanTheCyclesOwn()
    {
        // A cycle started again counts a 2 s window of its own; the raters were told a close 8 s from now.
        var told = DateTime.UtcNow.AddSeconds(8);
        _services.ToldClose = told;
        var id = await StartAsync(Input() with { Rating = new RatingPlan(AfterSelfEvaluation: false, TimeSpan.FromSeconds(2), TimeSpan.Zero, TimeSpan.FromMilliseconds(200)) });

        await SubmitBothAndVerifyAsync(id);
        await ApproveAsync(id);
        await OutcomeAsync(id);

        AssertRated(["ratings-open:v3", "ratings-seal", "ratings-seal", "score:v3", "decide:1:scoring-1", "publish:1:scoring-1", "finalise:1:scoring-1"]);
        Assert.True(_services.SealedUtc >= told, $"sealed at {_services.SealedUtc:O}, the raters told {told:O}");
        Assert.True(_services.Calls.ToList().IndexOf("ratings-purge") > _services.Calls.ToList().LastIndexOf("ratings-seal"), "the answers purged only once sealed");
    }

    /// <summary>The calls in order, but for the answer rows' purge: once, after the seal, beside scoring, before the
    /// results are final.</summary>
    private void AssertRated(string[] expected)
    {
        var calls = _services.Calls.ToList();
        Assert.Equal(expected, calls.Where(c => c != "ratings-purge"));
        var purge = calls.IndexOf("ratings-purge");
        Assert.Single(calls, c => c == "ratings-purge");
        Assert.InRange(purge, calls.IndexOf("ratings-seal") + 1, calls.IndexOf(expected[^1]) - 1);
    }

    [Fact]
    public async Task RatingsAfterSelfEvaluation_OpenOnceTheDepartmentsHaveSubmitted()
    {
        var id = await StartAsync(Input() with { Rating = new RatingPlan(AfterSelfEvaluation: true, TimeSpan.FromSeconds(2), TimeSpan.Zero, TimeSpan.Zero) });
        await StageAsync(id, CycleStage.SelfEvaluation);
        Assert.Empty(_services.Calls);

        await SubmitBothAndVerifyAsync(id);
        await ApproveAsync(id);
        await OutcomeAsync(id);

        AssertRated(["ratings-open:v3", "ratings-seal", "score:v3", "decide:1:scoring-1", "publish:1:scoring-1", "finalise:1:scoring-1"]);
    }

    [Fact]
    public async Task SchemeNotDecided_AsksThePartyGroupFirst_AndScoresUnderTheDecidedVersion()
    {
        var id = await StartAsync(Input(version: null));

        var waiting = await StageAsync(id, CycleStage.SchemeDecision);
        await RaiseAsync(id, WorkflowEvents.SchemeDecided, 2);
        await SubmitBothAndVerifyAsync(id);
        await ApproveAsync(id);
        var outcome = await OutcomeAsync(id);

        Assert.Equal(["chief", "m2", "m3"], waiting.Awaiting);
        Assert.Equal(2, outcome.SchemeVersion);
        Assert.Equal(["scheme-decision", "score:v2", "decide:1:scoring-1", "publish:1:scoring-1", "finalise:1:scoring-1"], _services.Calls);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReturnedForCorrection_TheOfficeVerifiesTheOthersMeanwhile_AndTheResubmissionIsVerifiedAgain(bool windowsInCycle)
    {
        var id = await StartAsync(Input(windowsInCycle: windowsInCycle));
        await SubmitAsync(id, "D01", 0, "s-D01");
        await SubmitAsync(id, "D02", 0, "s-D02");
        await StageAsync(id, CycleStage.Verification, "D01", "D02");

        // D02 goes back with a deadline of its own; the office is still asked to verify D01, and D02 is named as correcting.
        var returnedAt = DateTime.UtcNow;
        await RaiseAsync(id, WorkflowEvents.Verified, new VerificationDecision("D02", VerificationAction.Return, "缺少加分材料", await RoundAsync(id)));
        var verifying = await StageAsync(id, CycleStage.Verification, "D01");
        var correcting = Assert.Single(verifying.Correcting ?? []);
        Assert.Equal("D02", correcting.DepartmentId);
        Assert.InRange(correcting.UntilUtc, returnedAt.AddSeconds(50), returnedAt.AddSeconds(90));

        // A verification of D02 raised while it corrects (a stale page) decides nothing; D01 is verified meanwhile.
        await RaiseAsync(id, WorkflowEvents.Verified, new VerificationDecision("D02", VerificationAction.Accept, null, await RoundAsync(id)));
        await RaiseAsync(id, WorkflowEvents.Verified, new VerificationDecision("D01", VerificationAction.Accept, null, await RoundAsync(id)));
        var waiting = await StageAsync(id, CycleStage.Correction, "D02");
        Assert.Equal(correcting.UntilUtc, waiting.UntilUtc);

        await SubmitAsync(id, "D02", 1, "s-D02-corrected");
        var again = await StageAsync(id, CycleStage.Verification, "D02");
        Assert.Null(again.Correcting);
        await RaiseAsync(id, WorkflowEvents.Verified, new VerificationDecision("D02", VerificationAction.Accept, null, await RoundAsync(id)));
        await ApproveAsync(id);
        var outcome = await OutcomeAsync(id);

        Assert.Equal(["s-D01", "s-D02-corrected"], outcome.Departments.Select(d => d.SubmissionKey));
        Assert.Equal(1, outcome.DecisionRounds);
        Assert.Equal(["score:v3", "decide:1:scoring-1", "publish:1:scoring-1", "finalise:1:scoring-1"], _services.Calls);
    }

    [Fact]
    public async Task TwoDepartmentsReturned_CorrectAtOnce_EachVerifiedAgainAsItResubmits()
    {
        var id = await StartAsync(Input());
        await SubmitAsync(id, "D01", 0, "s-D01");
        await SubmitAsync(id, "D02", 0, "s-D02");
        await StageAsync(id, CycleStage.Verification, "D01", "D02");

        await RaiseAsync(id, WorkflowEvents.Verified, new VerificationDecision("D01", VerificationAction.Return, "台帐与材料不符", await RoundAsync(id)));
        await RaiseAsync(id, WorkflowEvents.Verified, new VerificationDecision("D02", VerificationAction.Return, "缺少加分材料", await RoundAsync(id)));
        var both = await StageAsync(id, CycleStage.Correction, "D01", "D02");
        Assert.Equal(["D01", "D02"], (both.Correcting ?? []).Select(c => c.DepartmentId));
        Assert.Equal(both.Correcting!.Min(c => c.UntilUtc), both.UntilUtc);

        // The second to resubmit is verified first: neither waits for the other.
        await SubmitAsync(id, "D02", 1, "s-D02-corrected");
        var one = await StageAsync(id, CycleStage.Verification, "D02");
        Assert.Equal(["D01"], (one.Correcting ?? []).Select(c => c.DepartmentId));
        await RaiseAsync(id, WorkflowEvents.Verified, new VerificationDecision("D02", VerificationAction.Accept, null, await RoundAsync(id)));
        await StageAsync(id, CycleStage.Correction, "D01");
        await SubmitAsync(id, "D01", 1, "s-D01-corrected");
        await StageAsync(id, CycleStage.Verification, "D01");
        await RaiseAsync(id, WorkflowEvents.Verified, new VerificationDecision("D01", VerificationAction.Accept, null, await RoundAsync(id)));
        await ApproveAsync(id);
        var outcome = await OutcomeAsync(id);

        Assert.Equal(["s-D01-corrected", "s-D02-corrected"], outcome.Departments.Select(d => d.SubmissionKey));
    }

    [Fact]
    public async Task Rejection_ReturnsToVerification_AndASecondRoundDecides()
    {
        var id = await StartAsync(Input());
        await SubmitBothAndVerifyAsync(id);
        await StageAsync(id, CycleStage.Decision, "chief", "m2", "m3");

        await RaiseAsync(id, WorkflowEvents.ApprovalDecision, new Vote("m2", false, "第二检察部加分依据不足", await RoundAsync(id)));
        await RaiseAsync(id, WorkflowEvents.ApprovalDecision, new Vote("m3", false, "同上", await RoundAsync(id)));
        await StageAsync(id, CycleStage.Verification, "D01", "D02");
        await RaiseAsync(id, WorkflowEvents.Verified, new VerificationDecision("D01", VerificationAction.Accept, null, await RoundAsync(id)));
        await RaiseAsync(id, WorkflowEvents.Verified, new VerificationDecision("D02", VerificationAction.Adjust, "撤销一项加分", await RoundAsync(id)));
        await ApproveAsync(id);
        var outcome = await OutcomeAsync(id);

        Assert.Equal(2, outcome.DecisionRounds);
        Assert.Equal("scoring-2", outcome.ScoringId);
        Assert.Equal(["score:v3", "decide:1:scoring-1", "score:v3", "decide:2:scoring-2", "publish:2:scoring-2", "finalise:2:scoring-2"], _services.Calls);
    }

    [Fact]
    public async Task Objection_ReviewedAndReopened_ReverifiesThatDepartment_AndDecidesAgain()
    {
        var input = Input() with { ObjectionPeriod = TimeSpan.FromSeconds(6) };
        var id = await StartAsync(input);
        await SubmitBothAndVerifyAsync(id);
        await ApproveAsync(id);

        await StageAsync(id, CycleStage.Publication);
        await RaiseAsync(id, WorkflowEvents.ObjectionFiled, new ObjectionFiled("E0010", "D01", "objection-1", await RoundAsync(id)));
        var review = await StageAsync(id, CycleStage.ObjectionReview, "E0010");
        await RaiseAsync(id, WorkflowEvents.ObjectionsReviewed, new ObjectionsReviewed(["D01"], await RoundAsync(id)));
        await StageAsync(id, CycleStage.Verification, "D01");
        await RaiseAsync(id, WorkflowEvents.Verified, new VerificationDecision("D01", VerificationAction.Adjust, "异议成立，更正办案数量", await RoundAsync(id)));
        await ApproveAsync(id);
        var outcome = await OutcomeAsync(id);

        Assert.Equal((2, 1), (outcome.DecisionRounds, outcome.Objections));
        Assert.Equal(["score:v3", "decide:1:scoring-1", "publish:1:scoring-1", "score:v3", "decide:2:scoring-2", "publish:2:scoring-2", "finalise:2:scoring-2"], _services.Calls);
        Assert.Equal(["E0010"], review.Awaiting);
    }

    [Fact]
    public async Task ADepartmentThatNeverSubmits_IsRecordedMissing_AndNotAwaitedInVerification()
    {
        var id = await StartAsync(Input(deadlineSeconds: 3));
        await SubmitAsync(id, "D01", 0, "s-D01");

        await StageAsync(id, CycleStage.Verification, "D01");
        await RaiseAsync(id, WorkflowEvents.Verified, new VerificationDecision("D01", VerificationAction.Accept, null, await RoundAsync(id)));
        await ApproveAsync(id);
        var outcome = await OutcomeAsync(id);

        Assert.Equal([SelfEvaluationStatus.Submitted, SelfEvaluationStatus.Missing], outcome.Departments.Select(d => d.Status));
    }

    [Fact]
    public async Task WindowsDueTogether_CostOneReminderAndOneEscalationBetweenThem_AndNoSubOrchestration()
    {
        var input = Input() with { Departments = ["D01", "D02", "D03"], SelfEvaluationDeadlineUtc = DateTime.UtcNow.AddSeconds(5), RemindBefore = TimeSpan.FromSeconds(4) };
        var id = await StartAsync(input);
        await WaitUntilAsync(() => !_notifications.Calls.IsEmpty);
        await SubmitAsync(id, "D01", 0, "s-D01");

        // The escalation names the two that missed the deadline, in one call; verification awaits only the one submitted.
        await StageAsync(id, CycleStage.Verification, "D01");
        Assert.Equal([("remind", "D01,D02,D03"), ("escalate", "D02,D03")], _notifications.Calls.Select(c => (c.Kind, string.Join(",", c.Departments))));
        Assert.Null(await _host.Client.GetInstanceAsync($"{id}:dept:D01:0"));
        await RaiseAsync(id, WorkflowEvents.Verified, new VerificationDecision("D01", VerificationAction.Accept, null, await RoundAsync(id)));
        await ApproveAsync(id);
        var outcome = await OutcomeAsync(id);

        Assert.Equal(
            [
                new SelfEvaluationOutcome("D01", SelfEvaluationStatus.Submitted, "s-D01", true, false),
                new SelfEvaluationOutcome("D02", SelfEvaluationStatus.Missing, null, true, true),
                new SelfEvaluationOutcome("D03", SelfEvaluationStatus.Missing, null, true, true),
            ],
            outcome.Departments);
    }

    [Fact]
    public async Task TheStatusAwaitsOnlyTheDepartmentsNotYetSubmitted_AndAWindowOpeningPastItsReminderTimeRemindsAtOnce()
    {
        var id = await StartAsync(Input() with { RemindBefore = TimeSpan.FromMinutes(5) });

        await SubmitAsync(id, "D01", 0, "s-D01");
        var status = await StageAsync(id, CycleStage.SelfEvaluation, "D02");
        await SubmitAsync(id, "D02", 0, "s-D02");
        await StageAsync(id, CycleStage.Verification, "D01", "D02");

        Assert.Equal(_notifications.Calls.Single().Departments, ["D01", "D02"]);
        Assert.Equal("remind", _notifications.Calls.Single().Kind);
        Assert.NotNull(status.UntilUtc);
    }

    [Fact]
    public async Task LateSubmissionsDuringTheGrace_AreTakenLate_AndTheGraceEndingRecordsTheOthersMissing()
    {
        var input = Input() with { SelfEvaluationDeadlineUtc = DateTime.UtcNow.AddSeconds(1.5), LatePolicy = LateSubmissionPolicy.AcceptDuringGrace, Grace = TimeSpan.FromSeconds(6) };
        var id = await StartAsync(input);
        await WaitUntilAsync(() => _notifications.Calls.Any(c => c.Kind == "escalate"));

        // Past the deadline both are still awaited (overdue), until the grace ends.
        await StageAsync(id, CycleStage.SelfEvaluation, "D01", "D02");
        await SubmitAsync(id, "D01", 0, "late-D01");
        await StageAsync(id, CycleStage.Verification, "D01");
        await RaiseAsync(id, WorkflowEvents.Verified, new VerificationDecision("D01", VerificationAction.Accept, null, await RoundAsync(id)));
        await ApproveAsync(id);
        var outcome = await OutcomeAsync(id);

        Assert.Equal(
            [
                new SelfEvaluationOutcome("D01", SelfEvaluationStatus.SubmittedLate, "late-D01", false, true),
                new SelfEvaluationOutcome("D02", SelfEvaluationStatus.Missing, null, false, true),
            ],
            outcome.Departments);
        Assert.Equal([("escalate", "D01,D02")], _notifications.Calls.Select(c => (c.Kind, string.Join(",", c.Departments))));
    }

    [Fact]
    public async Task ARepeatOfTheFirstSubmission_RaisedLate_DoesNotCloseTheCorrectionWindow()
    {
        var id = await StartAsync(Input());
        await SubmitAsync(id, "D01", 0, "s-D01");
        await SubmitAsync(id, "D02", 0, "s-D02");
        await StageAsync(id, CycleStage.Verification, "D01", "D02");
        await RaiseAsync(id, WorkflowEvents.Verified, new VerificationDecision("D02", VerificationAction.Return, "缺少加分材料", await RoundAsync(id)));
        await RaiseAsync(id, WorkflowEvents.Verified, new VerificationDecision("D01", VerificationAction.Accept, null, await RoundAsync(id)));
        var correcting = await StageAsync(id, CycleStage.Correction, "D02");
        Assert.Equal(1, Assert.Single(correcting.Correcting ?? []).Attempt);

        // The first window's submission raised again (a retry) answers attempt 0: the correction stays open.
        await RaiseAsync(id, WorkflowEvents.SubmissionReceived, new SubmissionNotice("D02", "s-D02", DateTime.UtcNow, 0));
        await SubmitAsync(id, "D02", 1, "s-D02-corrected");
        await StageAsync(id, CycleStage.Verification, "D02");
        await RaiseAsync(id, WorkflowEvents.Verified, new VerificationDecision("D02", VerificationAction.Accept, null, await RoundAsync(id)));
        await ApproveAsync(id);
        var outcome = await OutcomeAsync(id);

        Assert.Equal(["s-D01", "s-D02-corrected"], outcome.Departments.Select(d => d.SubmissionKey));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 30 s");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task VerificationOfAnotherRound_RaisedLate_DecidesNothing()
    {
        var id = await StartAsync(Input());
        await SubmitAsync(id, "D01", 0, "s-D01");
        await SubmitAsync(id, "D02", 0, "s-D02");
        var verifying = await StageAsync(id, CycleStage.Verification, "D01", "D02");

        await RaiseAsync(id, WorkflowEvents.Verified, new VerificationDecision("D01", VerificationAction.Accept, null, verifying.Round!.Value + 1));
        await RaiseAsync(id, WorkflowEvents.Verified, new VerificationDecision("D02", VerificationAction.Accept, null, verifying.Round!.Value));
        var still = await StageAsync(id, CycleStage.Verification, "D01");

        Assert.Equal(1, verifying.Round);
        Assert.Equal(1, still.Round);
        Assert.DoesNotContain(_services.Calls, c => c.StartsWith("score:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task VotesWithoutTheirRound_OrOfAnotherRound_AreNotCounted()
    {
        var id = await StartAsync(Input());
        await SubmitBothAndVerifyAsync(id);
        var deciding = await StageAsync(id, CycleStage.Decision, "chief", "m2", "m3");

        await RaiseAsync(id, WorkflowEvents.ApprovalDecision, new Vote("chief", true));
        await RaiseAsync(id, WorkflowEvents.ApprovalDecision, new Vote("m2", true, null, deciding.Round!.Value + 1));
        await RaiseAsync(id, WorkflowEvents.ApprovalDecision, new Vote("m3", true, null, deciding.Round!.Value));
        var after = await StageAsync(id, CycleStage.Decision, "chief", "m2");

        Assert.Equal(["chief", "m2"], after.Awaiting);
        Assert.DoesNotContain(_services.Calls, c => c.StartsWith("publish:", StringComparison.Ordinal));
    }

    /// <summary>The calendar in force for a test: the current year and the next, with three days off from tomorrow
    /// (Beijing time) — a holiday every working-day count from today must skip.</summary>
    private sealed class TestCalendars : IWorkingCalendarSource
    {
        public static readonly DateOnly Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Checkpoints.Zone()).DateTime);

        public WorkingCalendar Current { get; set; } = new([
            new HolidayYear(Today.Year, "test", [new Holiday("test", Today.AddDays(1), Today.AddDays(3), [])]),
            new HolidayYear(Today.Year + 1, "test", [])]);

        public Task<WorkingCalendar> CurrentAsync(CancellationToken cancel) => Task.FromResult(Current);
    }

    /// <summary>Where a stage begun between <paramref name="before"/> and now ends under the test calendar: either
    /// (a Beijing midnight may fall in between), at 24:00 Beijing time, after the test holiday.</summary>
    private DateTime[] Ends(DateTime before, StageDuration duration) =>
        [.. new[] { before, DateTime.UtcNow }.Select(t => StageDeadlines.End(_calendars.Current, Checkpoints.Zone(), t, duration)).Distinct()];

    [Fact]
    public async Task WorkingDays_TheCorrectionAndObjectionPeriods_AreCountedWhenTheyBegin_SkippingTheDaysOff()
    {
        var id = await StartAsync(Input() with
        {
            CorrectionTime = StageDuration.OfWorkingDays(2),
            ObjectionPeriod = StageDuration.OfWorkingDays(3),
            LatePolicy = LateSubmissionPolicy.AcceptDuringGrace,
            Grace = TimeSpan.FromSeconds(30),
            GraceDuration = StageDuration.OfWorkingDays(1),
        });
        await SubmitAsync(id, "D01", 0, "s-D01");
        await SubmitAsync(id, "D02", 0, "s-D02");
        await StageAsync(id, CycleStage.Verification, "D01", "D02");

        var returnedAt = DateTime.UtcNow;
        await RaiseAsync(id, WorkflowEvents.Verified, new VerificationDecision("D02", VerificationAction.Return, "缺少加分材料", await RoundAsync(id)));
        await RaiseAsync(id, WorkflowEvents.Verified, new VerificationDecision("D01", VerificationAction.Accept, null, await RoundAsync(id)));
        var correcting = await StageAsync(id, CycleStage.Correction, "D02");
        var until = correcting.UntilUtc!.Value;
        Assert.Contains(until, Ends(returnedAt, StageDuration.OfWorkingDays(2)));
        Assert.Equal(new TimeOnly(16, 0), TimeOnly.FromDateTime(until));
        Assert.True(DateOnly.FromDateTime(until) > TestCalendars.Today.AddDays(3), $"{until:u} is not after the days off");
        // The grace after the correction deadline is counted from it as the first was: one working day more.
        var window = Assert.Single(correcting.Correcting ?? []);
        Assert.Equal((until, StageDeadlines.End(_calendars.Current, Checkpoints.Zone(), until, StageDuration.OfWorkingDays(1))), (window.UntilUtc, window.GraceUntilUtc));
        Assert.True(window.GraceUntilUtc - until >= TimeSpan.FromDays(1), $"grace until {window.GraceUntilUtc:u}");

        await SubmitAsync(id, "D02", 1, "s-D02-fixed");
        await StageAsync(id, CycleStage.Verification, "D02");
        await RaiseAsync(id, WorkflowEvents.Verified, new VerificationDecision("D02", VerificationAction.Accept, null, await RoundAsync(id)));
        var approvedAt = DateTime.UtcNow;
        await ApproveAsync(id);
        var publication = await StageAsync(id, CycleStage.Publication);

        Assert.Contains(publication.UntilUtc!.Value, Ends(approvedAt, StageDuration.OfWorkingDays(3)));
        Assert.True(DateOnly.FromDateTime(publication.UntilUtc.Value) > TestCalendars.Today.AddDays(4), $"{publication.UntilUtc:u} does not count 3 working days after the days off");
        Assert.Equal(["score:v3", "decide:1:scoring-1", "publish:1:scoring-1"], _services.Calls);
        await _host.Client.TerminateInstanceAsync(id);
    }

    [Fact]
    public async Task AYearTheCalendarLacks_WhenThePublicationBegins_StopsTheCycleNamingTheYear_NothingPublished()
    {
        _calendars.Current = new WorkingCalendar([]);
        var id = await StartAsync(Input() with { ObjectionPeriod = StageDuration.OfWorkingDays(5) });

        await SubmitBothAndVerifyAsync(id);
        await ApproveAsync(id);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stopped = await _host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, stopped.RuntimeStatus);
        Assert.Contains("objectionPeriod", stopped.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains($"holiday arrangement of {TestCalendars.Today.Year}", stopped.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(["score:v3", "decide:1:scoring-1"], _services.Calls);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ADayLongObjectionPeriod_EndingOnADayOff_MovesPastIt_UnlessTheCycleWasStartedBeforeDeadlinesMoved(bool countsDeadlines)
    {
        // Tomorrow to the day after next are days off under the test calendar: a day from now ends on one of them.
        var id = await StartAsync(Input() with { ObjectionPeriod = TimeSpan.FromDays(1), CountsDeadlines = countsDeadlines });

        await SubmitBothAndVerifyAsync(id);
        var approvedAt = DateTime.UtcNow;
        await ApproveAsync(id);
        var until = (await StageAsync(id, CycleStage.Publication)).UntilUtc!.Value;

        if (countsDeadlines)
        {
            Assert.Contains(until, Ends(approvedAt, TimeSpan.FromDays(1)));
            Assert.True(DateOnly.FromDateTime(until) > TestCalendars.Today.AddDays(3), $"{until:u} is not after the days off");
        }
        else
        {
            // An input stored before this version (no CountsDeadlines) replays as it ran: a timer a day on, no activity.
            Assert.InRange(until, approvedAt.AddDays(1), DateTime.UtcNow.AddDays(1));
        }

        await _host.Client.TerminateInstanceAsync(id);
    }

    [Fact]
    public async Task ShortSpans_CostNoCalendarActivity()
    {
        _calendars.Current = new WorkingCalendar([]);
        var id = await StartAsync(Input());

        await SubmitBothAndVerifyAsync(id);
        await ApproveAsync(id);
        await OutcomeAsync(id);
    }
}
