using System.Collections.Concurrent;
using System.Reflection;
using Appraisal.SelfHost.Hosting;
using DurableTask.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>The self-host's wrapper starts and stops the storage provider once each, in that order, whoever asks: the
/// sidecar starts it when a worker connects (which may be only as its host stops) and stops it from an async void
/// handler, and the host's disposal may stop it too. The provider is a recording stand-in.</summary>
public sealed class ProviderLifecycleTests
{
    [Fact]
    public async Task StopBeforeAnyStart_ThenStart_NeverStartsTheProvider()
    {
        var provider = Recording.Create();
        var service = new CoreEventsOrchestrationService(provider, TimeSpan.FromSeconds(30), NullLogger.Instance);

        await service.StopAsync();
        await service.StartAsync();

        Assert.Empty(((Recording)(object)provider).Calls);
        Assert.True(service.Stopped.IsCompleted);
    }

    [Fact]
    public async Task StartedThenStoppedByTwoCallers_StopsTheProviderOnceForced_AndStoppedCompletes()
    {
        var provider = Recording.Create();
        var service = new CoreEventsOrchestrationService(provider, TimeSpan.FromSeconds(30), NullLogger.Instance);

        await service.StartAsync();
        Assert.False(service.Stopped.IsCompleted);
        await Task.WhenAll(service.StopAsync(), service.StopAsync(isForced: false));

        Assert.Equal(["StartAsync", "StopAsync(True)"], ((Recording)(object)provider).Calls);
        Assert.True(service.Stopped.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task AStopAskedWhileTheStartIsUnderWay_StopsOnlyAfterTheStart()
    {
        var provider = Recording.Create();
        var recording = (Recording)(object)provider;
        var starting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        recording.Start = starting.Task;
        var service = new CoreEventsOrchestrationService(provider, TimeSpan.FromSeconds(30), NullLogger.Instance);

        var start = service.StartAsync();
        var stop = service.StopAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        Assert.Equal(["StartAsync"], recording.Calls);
        Assert.False(service.Stopped.IsCompleted);

        starting.SetException(new InvalidOperationException("the lease blob could not be created"));
        await stop;
        await Assert.ThrowsAsync<InvalidOperationException>(() => start);

        // A failed start is stopped all the same: whatever it began (the lease manager, the stats loop) ends.
        Assert.Equal(["StartAsync", "StopAsync(True)"], recording.Calls);
        Assert.True(service.Stopped.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task AProviderWhoseStopThrows_IsLogged_NotThrownToTheSidecar()
    {
        var provider = Recording.Create();
        ((Recording)(object)provider).StopThrows = true;
        var service = new CoreEventsOrchestrationService(provider, TimeSpan.FromSeconds(30), NullLogger.Instance);
        await service.StartAsync();

        await service.StopAsync();

        Assert.Equal(["StartAsync", "StopAsync(True)"], ((Recording)(object)provider).Calls);
        Assert.True(service.Stopped.IsCompletedSuccessfully);
    }

    /// <summary>An orchestration service that records its starts and stops and answers nothing else.</summary>
    public class Recording : DispatchProxy
    {
        public ConcurrentQueue<string> Calls { get; } = new();

        public bool StopThrows { get; set; }

        public Task Start { get; set; } = Task.CompletedTask;

        public static IOrchestrationService Create() => Create<IOrchestrationService, Recording>();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            switch (targetMethod?.Name)
            {
                case "StartAsync":
                    Calls.Enqueue("StartAsync");
                    return Start;
                case "StopAsync":
                    Calls.Enqueue(args is { Length: 1 } ? $"StopAsync({args[0]})" : "StopAsync()");
                    return StopThrows ? Task.FromException(new TimeoutException("the partition manager did not shut down")) : Task.CompletedTask;
                default:
                    throw new NotSupportedException(targetMethod?.Name);
            }
        }
    }
}
