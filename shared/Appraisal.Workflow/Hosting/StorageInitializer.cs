using Appraisal.Storage;
using Microsoft.Extensions.Hosting;

namespace Appraisal.Workflow.Hosting;

/// <summary>Creates the tables and containers when the host starts (idempotent), before any request or activity uses them.</summary>
public sealed class StorageInitializer(StorageAccount account) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => account.EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
