using Appraisal.Workflow.Bulletins;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Tests.Bulletins;

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

    private sealed class Composer : IBulletinServices
    {
        public List<string> Composed { get; } = [];

        public Task<BulletinOutcome> ComposeAsync(BulletinInput input, CancellationToken cancel)
        {
            lock (Composed)
            {
                Composed.Add(input.InstanceId);
            }

            return Task.FromResult(new BulletinOutcome(input.OfficeId, input.Period, $"bulletin/{input.OfficeId}/{input.Period}", 7));
        }
    }
}
