using Appraisal.Domain.Cycles;
using Appraisal.Domain.Decisions;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Cases;
using Appraisal.Storage.Organisation;
using Appraisal.Storage.Schemes;
using Appraisal.Storage.Submissions;
using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Tests.Notifications;

namespace Appraisal.Workflow.Tests.Actions;

/// <summary>A department head's submission against a cycle that keeps its departments' windows in itself, held at a
/// stage in the in-process durable host on Azurite: taken while the status names the department's window open (and
/// raised to the cycle with the window's attempt), refused 409 once the window has closed, "not yet" (503) while the
/// cycle has not opened its windows — nothing stored when refused.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SubmitDepartmentActionTests
{
    private const string Quarter = "2026-Q1";

    [Theory]
    [InlineData(CycleStage.Started, new string[0], 0, 503)]
    [InlineData(CycleStage.SelfEvaluation, new[] { "D03" }, 0, 409)]
    [InlineData(CycleStage.SelfEvaluation, new[] { "D02", "D03" }, 0, 202)]
    [InlineData(CycleStage.Verification, new[] { "D01" }, 2, 202)]
    public async Task ASubmission_IsTakenOnlyWhileTheCycleNamesTheWindowOpen(CycleStage stage, string[] awaiting, int correction, int expected)
    {
        var (account, scheme, sample) = await HeldQuarter.SampleAsync(Quarter);
        var office = sample.Organisation.Office.Id;
        var input = new CycleInput(office, Quarter, scheme.Id, scheme.Version, [.. sample.Organisation.Departments.Select(d => d.Id)], DateTime.UtcNow.AddHours(1),
            TimeSpan.Zero, LateSubmissionPolicy.Refuse, TimeSpan.Zero, TimeSpan.FromHours(1), ApprovalRule.Majority, [], null, TimeSpan.FromHours(1), WindowsInCycle: true);
        CorrectionWindow[]? correcting = correction > 0 ? [new CorrectionWindow("D02", DateTime.UtcNow.AddHours(1), correction)] : null;
        if (correction > 0)
        {
            // A correction replaces the submission the office returned.
            await new SubmissionRepository(account).SubmitAsync(new SubmissionRecord(office, Quarter, "D02", null, "head", DateTimeOffset.UtcNow, "first", CycleRecords.Returned, new DepartmentClaims(null).ToPayload()));
        }

        await using var host = await HeldQuarter.HoldAsync(input, new CycleStatus(stage, awaiting, Correcting: correcting));
        var submissions = new SubmissionRepository(account);
        var action = new SubmitDepartmentAction(new CycleRecords(new SchemeRepository(account), new OrganisationRepository(account), new CaseRepository(account), submissions),
            submissions, new SchemeRepository(account), new AuditLog(account), TimeProvider.System);
        var head = sample.Organisation.People.First(p => p.DepartmentId == "D02" && p.Post == Domain.Organisation.LeadershipPost.DepartmentHead);
        var caller = new Caller(head.Id, new HashSet<Role> { Role.DepartmentHead }, office, "D02");

        var status = 202;
        try
        {
            await action.RunAsync(host.Client, caller, office, Quarter, "D02", new DepartmentClaims(LedgerCsv: null), "key-1", default);
        }
        catch (RequestRefusedException ex)
        {
            status = ex.Status;
        }

        Assert.Equal(expected, status);
        var stored = (await submissions.ForDepartmentAsync(office, Quarter, "D02")).SingleOrDefault(s => s.Value.SubjectId is null)?.Value;
        Assert.Equal(expected == 202 ? "key-1" : correction > 0 ? "first" : null, stored?.IdempotencyKey);
    }
}
