using System.Text.Json;
using Appraisal.Workflow.Cycle;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Tests.Cycle;

/// <summary>The department self-evaluation window in the in-process durable test host; deadlines are seconds away.</summary>
public sealed class DepartmentSelfEvaluationOrchestratorTests : IAsyncLifetime
{
    private readonly RecordingNotifications _notifications = new();
    private DurableTaskTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await DurableTestHost.StartAsync(
            registry => registry
                .AddOrchestrator<DepartmentSelfEvaluationOrchestrator>()
                .AddActivity<SendSelfEvaluationReminderActivity>()
                .AddActivity<EscalateMissedDeadlineActivity>(),
            new DurableTaskTestHostOptions { ConfigureServices = services => services.AddSingleton<ICycleNotifications>(_notifications) });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static DepartmentWindow Window(double deadlineSeconds, double remindBeforeSeconds, LateSubmissionPolicy policy = LateSubmissionPolicy.Refuse, double graceSeconds = 0) =>
        new("office-1", "2026-Q1", "D02", DateTime.UtcNow.AddSeconds(deadlineSeconds), TimeSpan.FromSeconds(remindBeforeSeconds), policy, TimeSpan.FromSeconds(graceSeconds));

    private async Task<string> StartAsync(DepartmentWindow window)
    {
        var id = "dept-" + Guid.NewGuid().ToString("N");
        await _host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(DepartmentSelfEvaluationOrchestrator), window, new StartOrchestrationOptions(id));
        await _host.Client.WaitForInstanceStartAsync(id, getInputsAndOutputs: true);
        return id;
    }

    private async Task<SelfEvaluationOutcome> OutcomeAsync(string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await _host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        return done.ReadOutputAs<SelfEvaluationOutcome>()!;
    }

    private Task SubmitAsync(string id, string key) =>
        _host.Client.RaiseEventAsync(id, WorkflowEvents.SubmissionReceived, new SubmissionNotice("D02", key, DateTime.UtcNow));

    [Fact]
    public async Task SubmissionBeforeTheReminder_IsTaken_AndNobodyIsRemindedOrEscalated()
    {
        var id = await StartAsync(Window(deadlineSeconds: 30, remindBeforeSeconds: 10));

        await SubmitAsync(id, "submission-1");
        var outcome = await OutcomeAsync(id);

        Assert.Equal(new SelfEvaluationOutcome("D02", SelfEvaluationStatus.Submitted, "submission-1", false, false), outcome);
        Assert.Empty(_notifications.Sent);
    }

    [Fact]
    public async Task SubmissionAfterTheReminder_BeforeTheDeadline_IsTaken_AfterOneReminder()
    {
        var id = await StartAsync(Window(deadlineSeconds: 20, remindBeforeSeconds: 19));
        await WaitUntilAsync(() => _notifications.Sent.Count == 1);

        await SubmitAsync(id, "submission-2");
        var outcome = await OutcomeAsync(id);

        Assert.Equal(new SelfEvaluationOutcome("D02", SelfEvaluationStatus.Submitted, "submission-2", true, false), outcome);
        Assert.Equal([("remind", "D02")], _notifications.Sent);
    }

    [Fact]
    public async Task Deadline_PassesWithoutSubmission_EscalatesDepartment_AndRecordsItMissing()
    {
        var id = await StartAsync(Window(deadlineSeconds: 4, remindBeforeSeconds: 3));

        var outcome = await OutcomeAsync(id);

        Assert.Equal(new SelfEvaluationOutcome("D02", SelfEvaluationStatus.Missing, null, true, true), outcome);
        Assert.Equal([("remind", "D02"), ("escalate", "D02")], _notifications.Sent);
    }

    [Fact]
    public async Task SubmissionDuringTheGracePeriod_IsTakenAsLate_AfterTheEscalation()
    {
        var id = await StartAsync(Window(deadlineSeconds: 1.5, remindBeforeSeconds: 0, LateSubmissionPolicy.AcceptDuringGrace, graceSeconds: 20));
        await WaitUntilAsync(() => _notifications.Sent.Any(s => s.Kind == "escalate"));

        await SubmitAsync(id, "late-1");
        var outcome = await OutcomeAsync(id);

        Assert.Equal(new SelfEvaluationOutcome("D02", SelfEvaluationStatus.SubmittedLate, "late-1", false, true), outcome);
        Assert.Equal([("escalate", "D02")], _notifications.Sent);
    }

    [Fact]
    public async Task GracePeriodEndingWithoutSubmission_RecordsItMissing()
    {
        var id = await StartAsync(Window(deadlineSeconds: 1, remindBeforeSeconds: 0, LateSubmissionPolicy.AcceptDuringGrace, graceSeconds: 1));

        var outcome = await OutcomeAsync(id);

        Assert.Equal(SelfEvaluationStatus.Missing, outcome.Status);
        Assert.Equal([("escalate", "D02")], _notifications.Sent);
    }

    [Fact]
    public async Task AWindowOpeningAfterTheReminderTime_RemindsAtOnce()
    {
        var id = await StartAsync(Window(deadlineSeconds: 20, remindBeforeSeconds: 60));
        await WaitUntilAsync(() => _notifications.Sent.Count == 1);

        await SubmitAsync(id, "submission-3");
        var outcome = await OutcomeAsync(id);

        Assert.Equal(new SelfEvaluationOutcome("D02", SelfEvaluationStatus.Submitted, "submission-3", true, false), outcome);
        Assert.Equal([("remind", "D02")], _notifications.Sent);
    }

    [Fact]
    public async Task CustomStatus_SaysTheStageAndWhatIsAwaited()
    {
        var id = await StartAsync(Window(deadlineSeconds: 30, remindBeforeSeconds: 10));
        await WaitUntilAsync(async () => (await _host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))?.SerializedCustomStatus is not null);

        var status = (await _host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.ReadCustomStatusAs<JsonElement>();
        await SubmitAsync(id, "s");
        await OutcomeAsync(id);

        Assert.Equal("SelfEvaluation", status.GetProperty("stage").GetString());
        Assert.Equal("D02", status.GetProperty("awaiting").GetString());
    }

    private static async Task WaitUntilAsync(Func<bool> condition) => await WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 30 s");
            await Task.Delay(50);
        }
    }
}
