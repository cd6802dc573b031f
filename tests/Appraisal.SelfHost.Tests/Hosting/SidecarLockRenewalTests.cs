using Appraisal.SelfHost.Hosting;
using Appraisal.Storage;
using Azure.Storage.Queues;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>An activity that runs longer than the work-item visibility runs once: the self-host renews its lock, so its
/// message is not handed out again while it runs and its completion deletes it. Without the renewal the completion
/// fails on the stale pop receipt, the message stays and the activity runs again, and again.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SidecarLockRenewalTests
{
    private const string Orchestrator = "SlowOrchestrator";

    private const string Activity = "SlowActivity";

    private int _runs;

    [Fact]
    public async Task ActivityLongerThanTheVisibility_RunsOnce_AndItsMessageIsDeleted()
    {
        var options = new SelfHostOptions { TaskHub = "Renew" + Guid.NewGuid().ToString("N")[..8], WorkItemVisibility = TimeSpan.FromSeconds(5), Partitions = 1 };
        await using var sidecar = await DurableSidecar.StartAsync(new StorageOptions { ConnectionString = AzuriteFixture.ConnectionString }, options, NullLoggerFactory.Instance, CancellationToken.None);
        using var channel = sidecar.Channel();
        using var host = await SidecarWorker.StartAsync(channel, r =>
        {
            r.AddOrchestratorFunc<string, string>(Orchestrator, (context, input) => context.CallActivityAsync<string>(Activity, input));
            r.AddActivityFunc<string, string>(Activity, async (_, input) =>
            {
                Interlocked.Increment(ref _runs);
                // Over twice the visibility: unrenewed, the message is handed out again twice while this runs.
                await Task.Delay(TimeSpan.FromSeconds(12));
                return input + " scored";
            });
        });
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var id = await client.ScheduleNewOrchestrationInstanceAsync(Orchestrator, "office", deadline.Token);
        var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, deadline.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("office scored", done.ReadOutputAs<string>());
        // The completion sends the result, then deletes the activity's message: once the work-item queue is empty no
        // copy is left to run it again. Unrenewed, every run's delete fails, the queue never empties and the message
        // runs the activity again once its visibility lapses.
        var workItems = new QueueClient(AzuriteFixture.ConnectionString, options.TaskHub.ToLowerInvariant() + "-workitems");
        while (Volatile.Read(ref _runs) == 1 && (await workItems.GetPropertiesAsync(deadline.Token)).Value.ApproximateMessagesCount > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
        }

        Assert.Equal(1, Volatile.Read(ref _runs));
        await host.StopAsync(CancellationToken.None);
    }
}
