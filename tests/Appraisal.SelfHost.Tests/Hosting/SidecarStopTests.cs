using Appraisal.SelfHost.Hosting;
using Appraisal.Storage;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>A disposed sidecar has stopped its storage provider: the sidecar stops it in the background of its host's
/// stopping, and a provider left stopping kept polling its control queues — for 10 minutes, after which it threw inside
/// the sidecar's stopping handler and ended the process.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SidecarStopTests
{
    private const string Orchestrator = "StopOrchestrator";

    [Fact]
    public async Task DisposedSidecar_HasReleasedEveryPartition()
    {
        var options = new SelfHostOptions { TaskHub = "Stop" + Guid.NewGuid().ToString("N")[..8], Partitions = 2 };
        var sidecar = await DurableSidecar.StartAsync(new StorageOptions { ConnectionString = AzuriteFixture.ConnectionString }, options, NullLoggerFactory.Instance, CancellationToken.None);
        try
        {
            using var channel = sidecar.Channel();
            using var host = await SidecarWorker.StartAsync(channel, r => r.AddOrchestratorFunc<string, string>(Orchestrator, (_, input) => Task.FromResult(input + " done")));
            var client = host.Services.GetRequiredService<DurableTaskClient>();
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var id = await client.ScheduleNewOrchestrationInstanceAsync(Orchestrator, "office", deadline.Token);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, (await client.WaitForInstanceCompletionAsync(id, deadline.Token)).RuntimeStatus);
            var partitions = new TableClient(AzuriteFixture.ConnectionString, options.TaskHub + "Partitions");
            Assert.Contains(await Owners(partitions), owner => owner.Length > 0);

            await host.StopAsync(CancellationToken.None);
            await sidecar.DisposeAsync();
            sidecar = null;

            // Every partition released: no owner is left, and none was left owned by a provider still stopping.
            var owners = await Owners(partitions);
            Assert.Equal(options.Partitions, owners.Count);
            Assert.All(owners, owner => Assert.Equal(string.Empty, owner));
        }
        finally
        {
            if (sidecar is not null)
            {
                await sidecar.DisposeAsync();
            }
        }
    }

    private static async Task<List<string>> Owners(TableClient partitions)
    {
        var owners = new List<string>();
        await foreach (var row in partitions.QueryAsync<TableEntity>())
        {
            owners.Add(row.GetString("CurrentOwner") ?? string.Empty);
        }

        return owners;
    }
}
