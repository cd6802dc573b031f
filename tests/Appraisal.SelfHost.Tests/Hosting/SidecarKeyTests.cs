using Appraisal.SelfHost.Hosting;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.DurableTask.Protobuf;
using Microsoft.Extensions.Configuration;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>The durable sidecar listens on loopback, where any local user can reach it: a call without the host's key
/// (another process on the machine) is refused before any work, while the host's own worker and client run.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SidecarKeyTests
{
    [Fact]
    public async Task ACallWithoutTheHostsKey_IsRefused_AndTheHostsOwnCallsPass()
    {
        var fixture = await CycleFixture.CreateAsync("2026-Q1");
        await using var host = await SelfHostApp.StartAsync([], c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SelfHost:Urls"] = $"http://127.0.0.1:{LoopbackPort.Free()}",
            ["SelfHost:TaskHub"] = "Key" + fixture.Prefix[2..],
            ["Schedules:Enabled"] = "false",
            ["Storage:ConnectionString"] = AzuriteFixture.ConnectionString,
            ["Storage:Prefix"] = fixture.Prefix,
        }));

        using var stranger = GrpcChannel.ForAddress(host.SidecarAddress);
        var client = new TaskHubSidecarService.TaskHubSidecarServiceClient(stranger);
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await client.HelloAsync(new Google.Protobuf.WellKnownTypes.Empty()));
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        var purge = await Assert.ThrowsAsync<RpcException>(async () => await client.PurgeInstancesAsync(new PurgeInstancesRequest { InstanceId = "anything" }));
        Assert.Equal(StatusCode.Unauthenticated, purge.StatusCode);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("NoSuchOrchestrator");
        Assert.NotNull(await host.Client.GetInstanceAsync(id));
    }
}
