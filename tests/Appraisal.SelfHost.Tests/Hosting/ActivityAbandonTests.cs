using System.Collections;
using System.Reflection;
using Appraisal.SelfHost.Hosting;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>An activity work item the Azure Storage provider cannot abandon (its message went to someone else while
/// storage was away: PopReceiptMismatch) is forgotten, so that the next delivery of its message runs the activity
/// instead of being dropped as a duplicate for good — the storage fault test's cycle stalled at publication on that.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ActivityAbandonTests
{
    [Fact]
    public async Task AbandonFails_WorkItemForgotten_SoItsMessageRunsAgain()
    {
        var provider = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = "Abandon" + Guid.NewGuid().ToString("N")[..8],
            StorageAccountClientProvider = new StorageAccountClientProvider(AzuriteFixture.ConnectionString),
        });
        var running = (IDictionary)typeof(AzureStorageOrchestrationService).GetField("activeActivitySessions", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(provider)!;

        // A work item the provider holds as running but cannot abandon (a session it cannot use fails as the stale
        // pop receipt's abandon does).
        running.Add("message-1", null);
        var service = new CoreEventsOrchestrationService(provider, TimeSpan.FromSeconds(30), NullLogger.Instance);
        var workItem = new TaskActivityWorkItem { Id = "message-1" };

        await Assert.ThrowsAnyAsync<Exception>(() => service.AbandonTaskActivityWorkItemAsync(workItem));

        Assert.False(running.Contains("message-1"), "the provider still holds the work item it could not abandon");
        await service.AbandonTaskActivityWorkItemAsync(workItem);
    }
}
