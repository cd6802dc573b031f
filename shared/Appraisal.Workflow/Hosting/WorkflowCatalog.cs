using Appraisal.Workflow.Bulletins;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Province;
using Appraisal.Workflow.Ratings;
using Appraisal.Workflow.Schedules;
using Appraisal.Workflow.YearEnd;
using Microsoft.DurableTask;

namespace Appraisal.Workflow.Hosting;

/// <summary>Every orchestrator, activity and calendar schedule of the workflow, in one list both hosts register from:
/// the self-host adds these classes to its worker; the Functions app has a one-line wrapper for each, and a test
/// checks its published functions.metadata against this list.</summary>
public static class WorkflowCatalog
{
    public static IReadOnlyList<Type> Orchestrators { get; } =
    [
        typeof(AppraisalCycleOrchestrator),
        typeof(DepartmentSelfEvaluationOrchestrator),
        typeof(MonthlyBulletinOrchestrator),
        typeof(YearEndAppraisalOrchestrator),
        typeof(ProvinceCycleOrchestrator),
        typeof(ProvinceBatchOrchestrator),
    ];

    public static IReadOnlyList<Type> Activities { get; } =
    [
        typeof(RequestSchemeDecisionActivity),
        typeof(RemindDepartmentsActivity),
        typeof(EscalateDepartmentsActivity),
        typeof(SendSelfEvaluationReminderActivity),
        typeof(EscalateMissedDeadlineActivity),
        typeof(ScoreCycleActivity),
        typeof(RequestDecisionActivity),
        typeof(PublishNoticeActivity),
        typeof(FinaliseResultsActivity),
        typeof(CombineYearActivity),
        typeof(ComposeBulletinActivity),
        typeof(PrepareOfficeCycleActivity),
        typeof(OpenRatingsActivity),
        typeof(RemindRatingsActivity),
        typeof(SealRatingsActivity),
        typeof(PurgeRatingsActivity),
        typeof(Calendar.ResolveDeadlineActivity),
    ];

    /// <summary>The calendar's checkpoints, each with the configuration key of its CRON schedule.</summary>
    public static IReadOnlyList<CheckpointKind> Schedules { get; } = Enum.GetValues<CheckpointKind>();

    /// <summary>Background jobs beside the workflow: sending the outbox's mail and sampling the office metrics (the
    /// self-host runs them as hosted services, the Functions app as timers of the same names).</summary>
    public static IReadOnlyList<string> Jobs { get; } = ["DispatchMail", "SampleMetrics"];

    /// <summary>Adds every orchestrator and activity to a worker's registry.</summary>
    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var type in Orchestrators)
        {
            registry.AddOrchestrator(type);
        }

        foreach (var type in Activities)
        {
            registry.AddActivity(type);
        }
    }
}
