using Appraisal.Workflow.Bulletins;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Province;
using Appraisal.Workflow.YearEnd;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Appraisal.Functions.Workflow;

/// <summary>An orchestration trigger for every orchestrator of <c>WorkflowCatalog.Orchestrators</c>. Without the
/// Durable Task source generator a <c>[DurableTask]</c> class registers nothing in a Functions app, so each one runs
/// here under its class name — the name the other orchestrators call it by.</summary>
public static class OrchestratorFunctions
{
    [Function(nameof(AppraisalCycleOrchestrator))]
    public static Task<CycleOutcome> AppraisalCycleOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new AppraisalCycleOrchestrator().RunAsync(context, Input<CycleInput>(context));

    [Function(nameof(DepartmentSelfEvaluationOrchestrator))]
    public static Task<SelfEvaluationOutcome> DepartmentSelfEvaluationOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new DepartmentSelfEvaluationOrchestrator().RunAsync(context, Input<DepartmentWindow>(context));

    [Function(nameof(MonthlyBulletinOrchestrator))]
    public static Task<BulletinOutcome> MonthlyBulletinOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new MonthlyBulletinOrchestrator().RunAsync(context, Input<BulletinInput>(context));

    [Function(nameof(YearEndAppraisalOrchestrator))]
    public static Task<YearEndOutcome> YearEndAppraisalOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new YearEndAppraisalOrchestrator().RunAsync(context, Input<YearEndInput>(context));

    [Function(nameof(ProvinceCycleOrchestrator))]
    public static Task<ProvinceOutcome> ProvinceCycleOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ProvinceCycleOrchestrator().RunAsync(context, Input<ProvinceInput>(context));

    [Function(nameof(ProvinceBatchOrchestrator))]
    public static Task<ProvinceOutcome> ProvinceBatchOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ProvinceBatchOrchestrator().RunAsync(context, Input<OfficeBatch>(context));

    // A missing input reaches RunAsync as null, where the orchestrator's own argument check names it.
    private static T Input<T>(TaskOrchestrationContext context) => context.GetInput<T>()!;
}
