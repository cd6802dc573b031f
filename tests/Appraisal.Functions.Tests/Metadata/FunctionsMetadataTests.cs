using Appraisal.Workflow.Hosting;
using Appraisal.Workflow.Http;

namespace Appraisal.Functions.Tests.Metadata;

/// <summary>The published functions against the catalogs both hosts register from: a wrapper left out, renamed, or
/// given another route or verb than the self-host's fails here.</summary>
[Collection(PublishedAppCollection.Name)]
public sealed class FunctionsMetadataTests(PublishedApp app)
{
    public static TheoryData<string> Orchestrators => new(WorkflowCatalog.Orchestrators.Select(t => t.Name));

    public static TheoryData<string> Activities => new(WorkflowCatalog.Activities.Select(t => t.Name));

    public static TheoryData<string> Endpoints => new(EndpointCatalog.All.Select(e => e.Name));

    [Theory]
    [MemberData(nameof(Orchestrators))]
    public void EveryOrchestrator_RunsUnderItsClassName_AsAnOrchestrationTrigger(string name)
    {
        Assert.Equal("orchestrationTrigger", app.Function(name).Trigger.Type);
    }

    [Theory]
    [MemberData(nameof(Activities))]
    public void EveryActivity_RunsUnderItsClassName_AsAnActivityTrigger(string name)
    {
        Assert.Equal("activityTrigger", app.Function(name).Trigger.Type);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public void EveryEndpoint_IsAnHttpTrigger_WithTheCatalogsNameRouteAndVerb(string name)
    {
        var entry = EndpointCatalog.All.Single(e => e.Name == name);

        var trigger = app.Function(name).Trigger;

        Assert.Equal("httpTrigger", trigger.Type);
        Assert.Equal(entry.Route, trigger.Route);
        Assert.Equal(entry.Verb, Assert.Single(trigger.Methods), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void EveryJob_IsATimerTrigger()
    {
        Assert.All(WorkflowCatalog.Jobs, job => Assert.Equal("timerTrigger", app.Function(job).Trigger.Type));
    }

    [Fact]
    public void NoFunction_IsMissingFromTheCatalogs()
    {
        var catalogued = WorkflowCatalog.Orchestrators.Concat(WorkflowCatalog.Activities).Select(t => t.Name)
            .Concat(WorkflowCatalog.Schedules.Select(CalendarMetadataTests.FunctionName))
            .Concat(EndpointCatalog.All.Select(e => e.Name))
            .Concat(WorkflowCatalog.Jobs)
            .ToHashSet(StringComparer.Ordinal);

        Assert.Empty(app.Functions.Select(f => f.Name).Except(catalogued));
        Assert.Equal(catalogued.Count, app.Functions.Count);
    }
}
