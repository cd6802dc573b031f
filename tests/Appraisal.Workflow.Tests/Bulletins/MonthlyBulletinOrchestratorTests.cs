using Appraisal.Workflow.Bulletins;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Tests.Bulletins;

/// <summary>The monthly bulletin, and the retry policy every activity runs under (<see cref="WorkflowRetry"/>).</summary>
public sealed class MonthlyBulletinOrchestratorTests : IAsyncLifetime
{
    private readonly Composer _composer = new();
    private DurableTaskTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await DurableTestHost.StartAsync(
            registry => registry.AddOrchestrator<MonthlyBulletinOrchestrator>().AddActivity<ComposeBulletinActivity>(),
            new DurableTaskTestHostOptions { ConfigureServices = services => services.AddSingleton<IBulletinServices>(_composer) });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TheMonthsBulletin_IsComposedOnce_WithoutAnyApprovalStage()
    {
        var input = new BulletinInput("office-" + Guid.NewGuid().ToString("N")[..6], "2026-M03");

        await _host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(MonthlyBulletinOrchestrator), input, new StartOrchestrationOptions(input.InstanceId));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await _host.Client.WaitForInstanceCompletionAsync(input.InstanceId, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(new BulletinOutcome(input.OfficeId, "2026-M03", $"bulletin/{input.OfficeId}/2026-M03", 7), done.ReadOutputAs<BulletinOutcome>());
        Assert.Equal([input.InstanceId], _composer.Composed);
    }

    [Fact]
    public async Task AnActivityFailingOnce_IsRetried_AndTheBulletinCompletes()
    {
        // Storage that failed past the SDK's own retries for one attempt: the activity runs again.
        var input = new BulletinInput("flaky-" + Guid.NewGuid().ToString("N")[..6], "2026-M03");

        var done = await RunAsync(input);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(2, _composer.Attempts(input.InstanceId));
        Assert.Equal([input.InstanceId], _composer.Composed);
    }

    [Fact]
    public async Task AnActivityFailingEveryTime_FailsTheOrchestration_AfterTheRetryPolicysAttempts()
    {
        var input = new BulletinInput("broken-" + Guid.NewGuid().ToString("N")[..6], "2026-M03");

        var done = await RunAsync(input);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(WorkflowRetry.Attempts, _composer.Attempts(input.InstanceId));
        Assert.Contains("storage down", done.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(_composer.Composed);
    }

    [Fact]
    public async Task ARefusal_IsNotRetried()
    {
        var input = new BulletinInput("refused-" + Guid.NewGuid().ToString("N")[..6], "2026-M03");

        var done = await RunAsync(input);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(1, _composer.Attempts(input.InstanceId));
    }

    private async Task<OrchestrationMetadata> RunAsync(BulletinInput input)
    {
        await _host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(MonthlyBulletinOrchestrator), input, new StartOrchestrationOptions(input.InstanceId));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        return await _host.Client.WaitForInstanceCompletionAsync(input.InstanceId, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>Composes a bulletin; an office named flaky-… fails its first attempt, broken-… every attempt (as storage
    /// that stays down), refused-… is refused.</summary>
    private sealed class Composer : IBulletinServices
    {
        private readonly Dictionary<string, int> _attempts = [];

        public List<string> Composed { get; } = [];

        public int Attempts(string instanceId)
        {
            lock (Composed)
            {
                return _attempts.GetValueOrDefault(instanceId);
            }
        }

        public Task<BulletinOutcome> ComposeAsync(BulletinInput input, CancellationToken cancel)
        {
            lock (Composed)
            {
                var attempt = _attempts[input.InstanceId] = _attempts.GetValueOrDefault(input.InstanceId) + 1;
                if (input.OfficeId.StartsWith("refused-", StringComparison.Ordinal))
                {
                    throw new Appraisal.Workflow.Cycle.RequestRefusedException(404, "officeId", "expected an imported office, found none", "未找到");
                }

                if ((input.OfficeId.StartsWith("flaky-", StringComparison.Ordinal) && attempt == 1) || input.OfficeId.StartsWith("broken-", StringComparison.Ordinal))
                {
                    throw new Azure.RequestFailedException(503, "storage down");
                }

                Composed.Add(input.InstanceId);
            }

            return Task.FromResult(new BulletinOutcome(input.OfficeId, input.Period, $"bulletin/{input.OfficeId}/{input.Period}", 7));
        }
    }
}
