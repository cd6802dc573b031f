using Appraisal.Workflow.Bulletins;
using Appraisal.Workflow.Calendar;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Province;
using Appraisal.Workflow.Ratings;
using Appraisal.Workflow.Schedules;
using Appraisal.Workflow.YearEnd;
using Microsoft.Azure.Functions.Worker;

namespace Appraisal.Functions.Workflow;

/// <summary>An activity trigger for every activity of <c>WorkflowCatalog.Activities</c>, under its class name (the
/// name the orchestrators call it by). The worker builds this class per invocation from the container, so the
/// activities get the same singletons <c>AddAppraisalWorkflow</c> registers for the self-host.</summary>
public sealed class ActivityFunctions(ICycleServices cycles, ICycleNotifications notifications, IBulletinServices bulletins, IRatingServices ratings, CycleStarter starter,
    IWorkingCalendarSource calendars, ScheduleOptions schedule)
{
    [Function(nameof(RequestSchemeDecisionActivity))]
    public Task<bool> RequestSchemeDecisionActivity([ActivityTrigger] CycleRequest input, string instanceId) =>
        new RequestSchemeDecisionActivity(cycles).RunAsync(Context(nameof(RequestSchemeDecisionActivity), instanceId), input);

    [Function(nameof(SendSelfEvaluationReminderActivity))]
    public Task<bool> SendSelfEvaluationReminderActivity([ActivityTrigger] DepartmentNotice input, string instanceId) =>
        new SendSelfEvaluationReminderActivity(notifications).RunAsync(Context(nameof(SendSelfEvaluationReminderActivity), instanceId), input);

    [Function(nameof(RemindDepartmentsActivity))]
    public Task<int> RemindDepartmentsActivity([ActivityTrigger] DepartmentNotices input, string instanceId) =>
        new RemindDepartmentsActivity(notifications).RunAsync(Context(nameof(RemindDepartmentsActivity), instanceId), input);

    [Function(nameof(EscalateDepartmentsActivity))]
    public Task<int> EscalateDepartmentsActivity([ActivityTrigger] DepartmentNotices input, string instanceId) =>
        new EscalateDepartmentsActivity(notifications).RunAsync(Context(nameof(EscalateDepartmentsActivity), instanceId), input);

    [Function(nameof(EscalateMissedDeadlineActivity))]
    public Task<bool> EscalateMissedDeadlineActivity([ActivityTrigger] DepartmentNotice input, string instanceId) =>
        new EscalateMissedDeadlineActivity(notifications).RunAsync(Context(nameof(EscalateMissedDeadlineActivity), instanceId), input);

    [Function(nameof(ScoreCycleActivity))]
    public Task<string> ScoreCycleActivity([ActivityTrigger] CycleRequest input, string instanceId) =>
        new ScoreCycleActivity(cycles).RunAsync(Context(nameof(ScoreCycleActivity), instanceId), input);

    [Function(nameof(RequestDecisionActivity))]
    public Task<bool> RequestDecisionActivity([ActivityTrigger] CycleRequest input, string instanceId) =>
        new RequestDecisionActivity(cycles).RunAsync(Context(nameof(RequestDecisionActivity), instanceId), input);

    [Function(nameof(PublishNoticeActivity))]
    public Task<bool> PublishNoticeActivity([ActivityTrigger] CycleRequest input, string instanceId) =>
        new PublishNoticeActivity(cycles).RunAsync(Context(nameof(PublishNoticeActivity), instanceId), input);

    [Function(nameof(FinaliseResultsActivity))]
    public Task<bool> FinaliseResultsActivity([ActivityTrigger] CycleRequest input, string instanceId) =>
        new FinaliseResultsActivity(cycles).RunAsync(Context(nameof(FinaliseResultsActivity), instanceId), input);

    [Function(nameof(CombineYearActivity))]
    public Task<string> CombineYearActivity([ActivityTrigger] CycleRequest input, string instanceId) =>
        new CombineYearActivity(cycles).RunAsync(Context(nameof(CombineYearActivity), instanceId), input);

    [Function(nameof(ComposeBulletinActivity))]
    public Task<BulletinOutcome> ComposeBulletinActivity([ActivityTrigger] BulletinInput input, string instanceId) =>
        new ComposeBulletinActivity(bulletins).RunAsync(Context(nameof(ComposeBulletinActivity), instanceId), input);

    [Function(nameof(PrepareOfficeCycleActivity))]
    public Task<CycleInput> PrepareOfficeCycleActivity([ActivityTrigger] CycleStart input, string instanceId) =>
        new PrepareOfficeCycleActivity(starter).RunAsync(Context(nameof(PrepareOfficeCycleActivity), instanceId), input);

    [Function(nameof(OpenRatingsActivity))]
    public Task<bool> OpenRatingsActivity([ActivityTrigger] RatingRequest input, string instanceId) =>
        new OpenRatingsActivity(ratings).RunAsync(Context(nameof(OpenRatingsActivity), instanceId), input);

    [Function(nameof(RemindRatingsActivity))]
    public Task<int> RemindRatingsActivity([ActivityTrigger] RatingRequest input, string instanceId) =>
        new RemindRatingsActivity(ratings).RunAsync(Context(nameof(RemindRatingsActivity), instanceId), input);

    [Function(nameof(PurgeRatingsActivity))]
    public Task<bool> PurgeRatingsActivity([ActivityTrigger] RatingRequest input, string instanceId) =>
        new PurgeRatingsActivity(ratings).RunAsync(Context(nameof(PurgeRatingsActivity), instanceId), input);

    [Function(nameof(SealRatingsActivity))]
    public Task<string> SealRatingsActivity([ActivityTrigger] RatingRequest input, string instanceId) =>
        new SealRatingsActivity(ratings).RunAsync(Context(nameof(SealRatingsActivity), instanceId), input);

    [Function(nameof(ResolveDeadlineActivity))]
    public Task<DateTime> ResolveDeadlineActivity([ActivityTrigger] DeadlineRequest input, string instanceId) =>
        new ResolveDeadlineActivity(calendars, schedule).RunAsync(Context(nameof(ResolveDeadlineActivity), instanceId), input);

    private static FunctionActivityContext Context(string name, string instanceId) => new(name, instanceId);
}
