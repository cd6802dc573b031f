using Appraisal.Domain.Decisions;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Sample;
using Appraisal.Domain.Schemes;
using Appraisal.Storage;
using Appraisal.Storage.Organisation;
using Appraisal.Storage.Schemes;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Ratings;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;

namespace Appraisal.Workflow.Tests;

/// <summary>What the application services' tests stand on: the sample office imported into a fresh Azurite account
/// with a template decided, and a quarter's cycle held at one stage in the in-process durable host — all the services
/// read of a running cycle is its input and its status.</summary>
public static class HeldQuarter
{
    /// <summary>A fresh account holding the sample office of the quarter and the template, decided.</summary>
    public static async Task<(StorageAccount Account, Scheme Scheme, SampleData Sample)> SampleAsync(string quarter, string template = "B")
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var scheme = SchemeTemplates.Load(template);
        var sample = SampleOffice.Generate(new SampleOptions { Period = Period.Parse(quarter) }, [scheme]);
        await new OrganisationRepository(account).ImportAsync(sample.Organisation);
        var schemes = new SchemeRepository(account);
        var draft = await schemes.AddDraftAsync(scheme);
        await schemes.DecideAsync(scheme.Id, scheme.Version, "party-group", DateTimeOffset.UtcNow, draft.ETag);
        return (account, scheme, sample);
    }

    /// <summary>The sample office in a fresh account and its quarter held at self-evaluation (with a rating window
    /// planned when <paramref name="rating"/> is given): what most application services' tests stand on.</summary>
    public static async Task<(StorageAccount Account, DurableTaskTestHost Host, SampleData Sample, Scheme Scheme)> AtSelfEvaluationAsync(string quarter, RatingPlan? rating = null)
    {
        var (account, scheme, sample) = await SampleAsync(quarter);
        var input = new CycleInput(sample.Organisation.Office.Id, quarter, scheme.Id, scheme.Version, [], DateTime.UtcNow.AddHours(1), TimeSpan.Zero, LateSubmissionPolicy.Refuse, TimeSpan.Zero,
            TimeSpan.FromHours(1), ApprovalRule.Majority, [], null, TimeSpan.FromHours(1), rating);
        return (account, await HoldAsync(input, new CycleStatus(Domain.Cycles.CycleStage.SelfEvaluation, [])), sample, scheme);
    }

    /// <summary>Runs <paramref name="input"/>'s cycle under its instance id, held at <paramref name="status"/> until
    /// the host is disposed; returns once the status can be read.</summary>
    public static async Task<DurableTaskTestHost> HoldAsync(CycleInput input, CycleStatus status)
    {
        ArgumentNullException.ThrowIfNull(input);
        var host = await DurableTestHost.StartAsync(registry => registry.AddOrchestratorFunc<CycleInput, string>("HeldCycle", async (context, _) =>
        {
            context.SetCustomStatus(status);
            return await context.WaitForExternalEvent<string>("release");
        }));
        await host.Client.ScheduleNewOrchestrationInstanceAsync("HeldCycle", input, new StartOrchestrationOptions(input.InstanceId));
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await host.Client.GetInstanceAsync(input.InstanceId, getInputsAndOutputs: true, wait.Token))?.SerializedCustomStatus is null)
        {
            await Task.Delay(100, wait.Token);
        }

        return host;
    }
}
