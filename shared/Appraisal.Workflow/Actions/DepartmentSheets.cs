using Appraisal.Domain.Cycles;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Schemes;
using Appraisal.Storage.SelfEvaluations;
using Appraisal.Storage.Submissions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Microsoft.DurableTask.Client;

namespace Appraisal.Workflow.Actions;

/// <summary>An evidence file uploaded for a department's claims of a period, and who uploaded it (its head, or one of
/// its people for their self-evaluation).</summary>
public sealed record UploadedFile(string Sha256, string? FileName, string? ContentType, DateTimeOffset At, string? UploadedBy = null)
{
    /// <summary>The files a period's audit trail records as uploaded for a department, each once, in upload order.</summary>
    public static List<UploadedFile> Of(IEnumerable<AuditEntry> entries, string departmentId)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var files = new List<UploadedFile>();
        foreach (var entry in entries.Where(e => e.Action == "evidence.uploaded" && ObjectionHistory.Field(e.After, "departmentId") == departmentId))
        {
            if (files.All(e => e.Sha256 != entry.Target))
            {
                files.Add(new UploadedFile(entry.Target, ObjectionHistory.Field(entry.After, "fileName"), ObjectionHistory.Field(entry.After, "contentType"), entry.At, entry.Actor));
            }
        }

        return files;
    }
}

/// <summary>What a department head needs to prepare the department's submission: the department and its people under
/// the cycle's scheme, the scheme's quarter ledger items, the people's own self-evaluations, the files uploaded for the
/// department this period, and the submission so far (with the appraisal office's reason when it was returned).</summary>
public sealed record DepartmentSheet(
    string OfficeId, string Period, Department Department, IReadOnlyList<Person> People, Scheme Scheme, IReadOnlyList<AppraisalSubject> Subjects, CycleStage Stage, DateTime? DeadlineUtc,
    IReadOnlyList<SelfEvaluationRecord> SelfEvaluations, IReadOnlyList<UploadedFile> Evidence, SubmissionRecord? Submission, string? ReturnReason)
{
    /// <summary>The ledger items a quarter's claims may name (year-end-only ones are claimed in the year's ledger).</summary>
    public IEnumerable<LedgerItem> QuarterItems => Scheme.LedgerItems.Where(i => !i.YearEndOnly);

    /// <summary>Whether the appraisal office is to verify this department's submission now.</summary>
    public bool AwaitsVerification { get; init; }

    /// <summary>Whether the raters rate this cycle themselves (民主测评): the submission then carries no ratings.</summary>
    public bool RatersRate { get; init; }

    /// <summary>Whether the department is correcting the submission the office returned (while the office verifies the
    /// other departments, or at correction).</summary>
    public bool Correcting { get; init; }

    /// <summary>Whether the department's window is open: self-evaluation, or its own correction. Its head reviews the
    /// people's self-evaluations then.</summary>
    public bool WindowOpen => Stage == CycleStage.SelfEvaluation || Correcting;

    /// <summary>Whether the department may submit now: its window is open and no submission stands (none, or returned).</summary>
    public bool Open => WindowOpen && (Submission is null || Submission.Status == CycleRecords.Returned);
}

/// <summary>The department's sheet, from the running cycle of the period: for its head to prepare the submission (the
/// submission itself is <see cref="SubmitDepartmentAction"/>), and for the appraisal office of that office to verify it
/// (<see cref="VerifySubmissionAction"/>).</summary>
public sealed class DepartmentSheets(CycleRecords records, SchemeRepository schemes, SelfEvaluationRepository selfEvaluations, SubmissionRepository submissions, AuditLog audit)
{
    public Task<DepartmentSheet> SheetAsync(DurableTaskClient client, Caller caller, string officeId, string period, string departmentId, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.Submit, officeId, departmentId);
        return BuildAsync(client, officeId, period, departmentId, cancel);
    }

    /// <summary>The sheet as the appraisal office verifies it (and a supervisor reads it).</summary>
    public Task<DepartmentSheet> VerificationAsync(DurableTaskClient client, Caller caller, string officeId, string period, string departmentId, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.ReadVerification, officeId);
        return BuildAsync(client, officeId, period, departmentId, cancel);
    }

    private async Task<DepartmentSheet> BuildAsync(DurableTaskClient client, string officeId, string period, string departmentId, CancellationToken cancel)
    {
        var state = await CycleStates.RunningAsync(client, officeId, period, cancel).ConfigureAwait(false);
        if (state.Quarter is not { } quarter)
        {
            throw new RequestRefusedException(400, "period", $"expected a quarter's cycle, found {period}", $"应为季度考核周期，实际为 {period}");
        }

        var org = await records.OrganisationAsync(officeId, cancel).ConfigureAwait(false);
        var department = org.FindDepartment(departmentId)
            ?? throw new RequestRefusedException(404, "departmentId", $"expected a department of {officeId}, found '{departmentId}'", $"应为 {officeId} 的部门，实际为 '{departmentId}'");
        var scheme = await SubmitDepartmentAction.DecidedSchemeAsync(schemes, quarter, cancel).ConfigureAwait(false);
        var subjects = SubjectSet.For(scheme, org).Items.Where(s => s.DepartmentId == departmentId).ToList();
        var people = await selfEvaluations.ForDepartmentAsync(officeId, state.Period, departmentId, cancel).ConfigureAwait(false);
        var submission = (await submissions.ForDepartmentAsync(officeId, state.Period, departmentId, cancel).ConfigureAwait(false)).FirstOrDefault(s => s.Value.SubjectId is null)?.Value;
        var entries = await audit.ReadAsync(officeId, state.Period, cancel).ConfigureAwait(false);
        var evidence = UploadedFile.Of(entries, departmentId);
        string? reason = null;
        foreach (var entry in entries.Where(e => e.Action == "submission." + CycleRecords.Returned && e.Target == departmentId))
        {
            reason = ObjectionHistory.Field(entry.After, "reason");
        }

        var correction = state.CorrectionUntil(departmentId);
        DateTime? deadline = correction is { } until && until != DateTime.MaxValue ? until
            : state.Stage == CycleStage.SelfEvaluation ? state.UntilUtc ?? quarter.SelfEvaluationDeadlineUtc : null;
        return new DepartmentSheet(officeId, state.Period, department, org.People.Where(p => p.DepartmentId == departmentId).ToList(), scheme, subjects, state.Stage, deadline, people.Select(p => p.Value).ToList(), evidence, submission,
            submission?.Status == CycleRecords.Returned ? reason : null)
        {
            AwaitsVerification = state.Stage == CycleStage.Verification && state.Awaits(departmentId),
            Correcting = correction is not null,
            RatersRate = quarter.Rating is not null,
        };
    }
}
