using Appraisal.Domain.Decisions;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Sample;
using Appraisal.Domain.Schemes;
using Appraisal.Storage;
using Appraisal.Storage.Organisation;
using Appraisal.Storage.Schemes;
using Appraisal.Workflow.Cycle;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;

namespace Appraisal.Workflow.Tests.Actions;

/// <summary>A sample office under a decided template scheme, its quarter held at self-evaluation in the in-process
/// durable host — what the application services read of a running cycle (its input and stage).</summary>
public static class HeldCycle
{
    public static async Task<(DurableTaskTestHost Host, SampleData Sample, Scheme Scheme)> StartAsync(StorageAccount account, string quarter, string template = "B",
        Workflow.Ratings.RatingPlan? rating = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        var scheme = SchemeTemplates.Load(template);
        var sample = SampleOffice.Generate(new SampleOptions { Period = Period.Parse(quarter) }, [scheme]);
        await new OrganisationRepository(account).ImportAsync(sample.Organisation);
        var schemes = new SchemeRepository(account);
        var draft = await schemes.AddDraftAsync(scheme);
        await schemes.DecideAsync(scheme.Id, scheme.Version, "party-group", DateTimeOffset.UtcNow, draft.ETag);

        var host = await DurableTestHost.StartAsync(registry => registry.AddOrchestratorFunc<CycleInput, string>("HeldCycle", async (context, _) =>
        {
            context.SetCustomStatus(new CycleStatus(Domain.Cycles.CycleStage.SelfEvaluation, []));
            return await context.WaitForExternalEvent<string>("release");
        }));
        var office = sample.Organisation.Office.Id;
        var input = new CycleInput(office, quarter, scheme.Id, scheme.Version, [], DateTime.UtcNow.AddHours(1), TimeSpan.Zero, LateSubmissionPolicy.Refuse, TimeSpan.Zero,
            TimeSpan.FromHours(1), ApprovalRule.Majority, [], null, TimeSpan.FromHours(1), rating);
        var id = CycleStarter.InstanceId(office, Period.Parse(quarter));
        await host.Client.ScheduleNewOrchestrationInstanceAsync("HeldCycle", input, new StartOrchestrationOptions(id));
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true, wait.Token))?.SerializedCustomStatus is null)
        {
            await Task.Delay(100, wait.Token);
        }

        return (host, sample, scheme);
    }
}
