using Grpc.Net.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Hosting;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>A portable worker and client over a sidecar's channel, running the tasks a test registers.</summary>
internal static class SidecarWorker
{
    public static async Task<IHost> StartAsync(GrpcChannel channel, Action<DurableTaskRegistry> tasks)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddDurableTaskWorker(b =>
        {
            b.UseGrpc(channel);
            b.AddTasks(tasks);
        });
        builder.Services.AddDurableTaskClient(b => b.UseGrpc(channel));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
