using System.Net;
using Appraisal.Storage;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Appraisal.SelfHost.Hosting;

/// <summary>The Durable Task gRPC sidecar on loopback, over the Durable Task Azure Storage provider: the backend the
/// portable worker and client talk to, as the Functions host is for the Functions app. The sidecar class comes from a
/// preview package and stays behind this one class.</summary>
public sealed partial class DurableSidecar : IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly SidecarKey _key;

    private readonly CoreEventsOrchestrationService _service;

    private readonly ILogger _logger;

    private DurableSidecar(WebApplication app, Uri address, SidecarKey key, CoreEventsOrchestrationService service, ILogger logger)
    {
        _logger = logger;
        _app = app;
        Address = address;
        _key = key;
        _service = service;
    }

    /// <summary>How long disposal waits for the provider to stop after the host's stopping.</summary>
    public static readonly TimeSpan StopWait = TimeSpan.FromSeconds(30);

    /// <summary>The sidecar's address (HTTP/2, loopback, a free port).</summary>
    public Uri Address { get; }

    /// <summary>A channel to the sidecar that sends this process's key with every call: the sidecar listens on loopback,
    /// where any local user could reach it, and answers no call without the key (it would start, raise events to and
    /// purge any orchestration).</summary>
    public GrpcChannel Channel() => GrpcChannel.ForAddress(Address, new GrpcChannelOptions { HttpHandler = _key.Sending(new SocketsHttpHandler()) });

    public static async Task<DurableSidecar> StartAsync(StorageOptions storage, SelfHostOptions options, ILoggerFactory loggers, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(options);
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.TaskHub,
            StorageAccountClientProvider = storage.ConnectionString is { Length: > 0 } connection
                ? new StorageAccountClientProvider(connection)
                : new StorageAccountClientProvider(AccountName(storage), new Azure.Identity.DefaultAzureCredential()),
            PartitionCount = options.Partitions,
            WorkItemQueueVisibilityTimeout = options.WorkItemVisibility,
            ControlQueueVisibilityTimeout = options.WorkItemVisibility,
            LeaseInterval = options.LeaseInterval,
            LeaseRenewInterval = options.LeaseInterval / 3,
            LeaseAcquireInterval = options.LeaseInterval / 3,
            MaxQueuePollingInterval = TimeSpan.FromSeconds(1),
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
            // The same worker name after a restart takes its own partitions back at once instead of waiting out the leases.
            WorkerId = Environment.MachineName,
            LoggerFactory = loggers,
            CustomMessageTypeBinder = new ProtobufTagsBinder(),
        };
        var service = new AzureStorageOrchestrationService(settings);
        await service.CreateIfNotExistsAsync().ConfigureAwait(false);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        var key = SidecarKey.New();
        builder.Services.AddGrpc(o => o.Interceptors.Add<SidecarKey.Check>(key));
        // The wrapper renews the work items' locks while they run: the visibility only bounds how soon a crashed host's
        // work comes back, not how long an activity may run.
        var wrapper = new CoreEventsOrchestrationService(service, options.WorkItemVisibility, loggers.CreateLogger<CoreEventsOrchestrationService>());
        builder.Services.AddSingleton<IOrchestrationService>(wrapper);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        await app.StartAsync(cancel).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DurableSidecar(app, new Uri(address), key, wrapper, loggers.CreateLogger<DurableSidecar>());
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            // The provider's single stop, asked here at the latest, first ends the renewals of work items still held.
            await StopProviderAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The sidecar stops its dispatchers, then the provider, in the background of the host's stopping: waited
    /// for here, so that a stopped host leaves no partition manager polling behind it. When its dispatchers are still
    /// waiting for a work item after <see cref="StopWait"/>, the provider is stopped from here. Either way the stop is
    /// asked here last (the same single stop, done already in the usual case): it also closes the gate on a start the
    /// sidecar might still make. Messages not completed come back after their visibility, as after a crash.</summary>
    private async Task StopProviderAsync()
    {
        try
        {
            await _service.Stopped.WaitAsync(StopWait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogDispatchersStillStopping(_logger, StopWait);
        }

        try
        {
            await _service.StopAsync(isForced: true).WaitAsync(StopWait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogProviderStillStopping(_logger, StopWait * 2);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sidecar's dispatchers did not stop within {Wait}: stopping the storage provider from the host's disposal")]
    private static partial void LogDispatchersStillStopping(ILogger logger, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The storage provider did not stop within {Wait}; its messages come back after their visibility")]
    private static partial void LogProviderStillStopping(ILogger logger, TimeSpan wait);

    /// <summary>The account name of a storage account reached by URI (managed identity): the host's first label.</summary>
    private static string AccountName(StorageOptions storage) =>
        (storage.TableServiceUri ?? storage.BlobServiceUri ?? throw new InvalidOperationException("Storage: expected a connection string or service URIs, found neither")).Host.Split('.')[0];
}
