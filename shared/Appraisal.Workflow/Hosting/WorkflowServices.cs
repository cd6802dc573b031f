using Appraisal.Storage;
using Appraisal.Storage.Approvals;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Cases;
using Appraisal.Storage.Cycles;
using Appraisal.Storage.Evidence;
using Appraisal.Storage.Ledger;
using Appraisal.Storage.Organisation;
using Appraisal.Storage.Outbox;
using Appraisal.Storage.Reports;
using Appraisal.Storage.Schemes;
using Appraisal.Storage.Scorecards;
using Appraisal.Storage.Secrets;
using Appraisal.Storage.SelfEvaluations;
using Appraisal.Storage.Submissions;
using Appraisal.Storage.Timers;
using Appraisal.Workflow.Approvals;
using Appraisal.Workflow.Bulletins;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Mail;
using Appraisal.Workflow.Notifications;
using Appraisal.Workflow.Province;
using Appraisal.Workflow.Schedules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Appraisal.Workflow.Hosting;

/// <summary>One call that gives either host the workflow's services: storage (section <c>Storage</c>), the cycle's
/// settings (<c>Cycle</c>), mail settings (<c>Notifications</c>, <c>Smtp</c>), approval links (<c>Approvals</c>), the calendar (<c>Schedules</c>), the activities'
/// services, and the starters and event handlers the HTTP endpoints and timers use.</summary>
public static class WorkflowServices
{
    public static IServiceCollection AddAppraisalWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection("Storage"))
            .PostConfigure(o =>
            {
                if (string.IsNullOrWhiteSpace(o.ConnectionString) && o.TableServiceUri is null && o.BlobServiceUri is null)
                {
                    o.ConnectionString = StorageOptions.DevelopmentConnectionString;
                }
            })
            .Validate(o => { o.Validate(); return true; }).ValidateOnStart();
        services.AddOptions<CycleOptions>().Bind(configuration.GetSection(CycleOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<CycleOptions>, CycleOptionsValidation>();
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection("Notifications")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section)).ValidateDataAnnotations()
            .Validate(o => Enum.TryParse<MailKit.Security.SecureSocketOptions>(o.Security, ignoreCase: true, out _), "Smtp:Security: expected None, Auto, StartTls, StartTlsWhenAvailable or SslOnConnect")
            .Validate(o => o.SecureOrAllowed(), SmtpOptions.InsecureRefused).ValidateOnStart();
        services.AddOptions<ApprovalOptions>().Bind(configuration.GetSection(ApprovalOptions.Section))
            .Validate(o => o.LinkLifetime > TimeSpan.Zero, "Approvals:LinkLifetime: expected a positive duration such as 72:00:00").ValidateOnStart();
        services.AddOptions<ScheduleOptions>().Bind(configuration.GetSection(ScheduleOptions.Section)).ValidateDataAnnotations()
            .Validate(o => Checkpoints.Zone(o.TimeZone) is not null, "Schedules:TimeZone: expected a time zone id such as Asia/Shanghai").ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<CycleOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<NotificationOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ScheduleOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SmtpOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ApprovalOptions>>().Value);
        services.AddOptions<Health.HealthOptions>().Bind(configuration.GetSection(Health.HealthOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<Health.HealthOptions>>().Value);
        services.AddSingleton<StorageProbe>();
        services.AddSingleton<Health.HealthProbe>();
        services.AddSingleton(sp => new StorageAccount(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddHostedService<StorageInitializer>();
        services.AddSingleton(TimeProvider.System);
        // The calendar in force: the shipped years and those an administrator stored, read at the first deadline counted.
        services.AddSingleton<Storage.Calendar.CalendarRepository>();
        services.AddSingleton<Calendar.StoredCalendarSource>();
        services.AddSingleton<Calendar.IWorkingCalendarSource>(sp => sp.GetRequiredService<Calendar.StoredCalendarSource>());
        services.AddSingleton<Calendar.CalendarAdministration>();

        services.AddSingleton<OrganisationRepository>();
        services.AddSingleton<SchemeRepository>();
        services.AddSingleton<CaseRepository>();
        services.AddSingleton<LedgerRepository>();
        services.AddSingleton<CycleRepository>();
        services.AddSingleton<SubmissionRepository>();
        services.AddSingleton<ScorecardRepository>();
        services.AddSingleton<OutboxRepository>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<NonceRepository>();
        services.AddSingleton<EvidenceStore>();
        services.AddSingleton<ReportStore>();
        services.AddSingleton<SecretStore>();
        services.AddSingleton<SelfEvaluationRepository>();
        services.AddSingleton<TimerFireRepository>();
        services.AddSingleton<Storage.Ballots.BallotBox>();
        services.AddSingleton<CycleSnapshots>();
        services.AddSingleton<Exports.AnnualArchive>();

        services.AddSingleton<CycleRecords>();
        services.AddSingleton<ICycleServices, StorageCycleServices>();
        services.AddSingleton<ICycleNotifications, OutboxCycleNotifications>();
        services.AddSingleton<Ratings.IRatingServices, Ratings.StorageRatingServices>();
        services.AddSingleton<StorageBulletinServices>();
        services.AddSingleton<IBulletinServices>(sp => sp.GetRequiredService<StorageBulletinServices>());
        services.AddSingleton<CycleStarter>();
        services.AddSingleton<ProvinceStarter>();
        services.AddSingleton<Actions.ImportActions>();
        services.AddSingleton<Actions.SelfEvaluationActions>();
        services.AddSingleton<Actions.RatingActions>();
        services.AddSingleton<Actions.StoreScorecardsAction>();
        services.AddSingleton<Actions.ResultQueries>();
        services.AddSingleton<Mail.SetAsideMail>();
        services.AddSingleton<Actions.RunningScoreQueries>();
        services.AddSingleton<Actions.StartActions>();
        services.AddSingleton<Actions.ToDoQueries>();
        services.AddSingleton<Actions.DepartmentSheets>();
        services.AddSingleton<Actions.SubmitDepartmentAction>();
        services.AddSingleton<Actions.DepartmentPreview>();
        services.AddSingleton<Actions.SchemeDraftActions>();
        services.AddSingleton<Actions.SchemeDraftQueries>();
        services.AddSingleton<Actions.SchemePreviewQueries>();
        services.AddSingleton<Actions.EvidenceActions>();
        services.AddSingleton<Actions.VerifySubmissionAction>();
        services.AddSingleton<Actions.DecideSchemeAction>();
        services.AddSingleton<Actions.CastVoteAction>();
        services.AddSingleton<Actions.FileObjectionAction>();
        services.AddSingleton<Actions.ReviewObjectionsAction>();
        services.AddSingleton<Actions.RatingResultsActions>();
        services.AddSingleton<CheckpointStarter>();
        services.AddSingleton<ApprovalKeys>();
        services.AddSingleton<ApprovalLinks>();
        services.AddSingleton<ApprovalService>();
        services.AddSingleton<MailDispatcher>();

        // The office gauges and their sampler (section Telemetry); each host runs the sampler its own way.
        services.AddOptions<Telemetry.TelemetryOptions>().Bind(configuration.GetSection(Telemetry.TelemetryOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<Telemetry.TelemetryOptions>>().Value);
        services.AddMetrics();
        services.AddSingleton<Telemetry.OfficeMetrics>();
        services.AddSingleton<Telemetry.OfficeMetricsSampler>();
        return services;
    }
}
