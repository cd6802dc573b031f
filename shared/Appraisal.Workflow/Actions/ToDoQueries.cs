using Appraisal.Domain.Cycles;
using Appraisal.Domain.Periods;
using Appraisal.Storage.Cycles;
using Appraisal.Storage.SelfEvaluations;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Microsoft.DurableTask.Client;

namespace Appraisal.Workflow.Actions;

/// <summary>What a task is, for the page that names it in the reader's language.</summary>
public enum ToDoKind
{
    DepartmentSubmission,
    DepartmentCorrection,
    SelfEvaluation,

    /// <summary>The person's self-evaluation was returned by their department head: revise and submit it again.</summary>
    SelfEvaluationReturned,
    Verification,
    SchemeDecision,
    Decision,
    ObjectionReview,
    Objection,

    /// <summary>The cycle awaits the scheme's decision and no version is submitted for it yet: the appraisal office drafts
    /// the office's scheme and submits it.</summary>
    SchemeDraft,

    /// <summary>The person's questionnaire of the raters (民主测评) has sections unanswered while its window is open.</summary>
    Rating,
}

/// <summary>One thing a cycle waits for from a person: the period, what, about whom (a department's name, a round),
/// until when, and the page that settles it (relative to the pages' root; none where it is settled elsewhere, e.g.
/// the mailed approval link).</summary>
public sealed record ToDoItem(string Period, ToDoKind Kind, string? About, DateTime? DeadlineUtc, bool Overdue, string? Page);

/// <summary>The signed-in person's to-do list (我的待办): for every running period of their office, what its stage awaits
/// from them — by role and by who is awaited (their department, themselves as a Party-group member, the appraisal
/// office's verifications) — oldest period first. Read from the cycles' own status, so it is what the workflow
/// waits for, never a copy that drifts.</summary>
public sealed class ToDoQueries(CycleRepository cycles, CycleRecords records, SelfEvaluationRepository selfEvaluations, Storage.Schemes.SchemeRepository schemes, Storage.Ballots.BallotBox box, TimeProvider clock)
{
    public async Task<IReadOnlyList<ToDoItem>> ForAsync(DurableTaskClient client, Caller caller, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.OfficeId is not { } office)
        {
            return [];
        }

        var org = await records.FindOrganisationAsync(office, cancel).ConfigureAwait(false);
        if (org is null)
        {
            return [];
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var items = new List<ToDoItem>();
        var person = org.FindPerson(caller.UserId);
        foreach (var cycle in (await cycles.ForOfficeAsync(office, cancel).ConfigureAwait(false)).Select(c => c.Value).Where(c => c.Stage != CycleStage.Final).OrderBy(c => c.Period, StringComparer.Ordinal))
        {
            if (!Period.TryParse(cycle.Period, out var period, out _) || period.Kind == PeriodKind.Month)
            {
                continue;
            }

            var instance = await client.GetInstanceAsync(CycleStarter.InstanceId(office, period), getInputsAndOutputs: true, cancel).ConfigureAwait(false);
            if (instance?.RuntimeStatus is not (OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending) || CycleStatus.Read(instance.SerializedCustomStatus) is not { } status)
            {
                continue;
            }

            var until = status.UntilUtc;
            if (status.Stage == CycleStage.SelfEvaluation && until is null && instance.ReadInputAs<CycleInput>() is { } input)
            {
                until = input.SelfEvaluationDeadlineUtc;
            }

            var awaiting = status.Awaiting ?? [];
            var p = cycle.Period;
            void Add(ToDoKind kind, string? about, string? page, DateTime? by = null) => items.Add(new ToDoItem(p, kind, about, by ?? until, (by ?? until) is { } u && now > u, page));

            if (caller.Has(Role.DepartmentHead) && caller.DepartmentId is { } own)
            {
                var name = org.FindDepartment(own)?.Name ?? own;
                if (status.Stage == CycleStage.SelfEvaluation && awaiting.Contains(own))
                {
                    Add(ToDoKind.DepartmentSubmission, name, $"cycles/{office}/{p}/departments/{own}/submission");
                }
                else if (status.Correcting?.FirstOrDefault(c => c.DepartmentId == own) is { } correction)
                {
                    Add(ToDoKind.DepartmentCorrection, name, $"cycles/{office}/{p}/departments/{own}/submission", correction.UntilUtc);
                }
                else if (status.Stage == CycleStage.Correction && awaiting.Contains(own))
                {
                    Add(ToDoKind.DepartmentCorrection, name, $"cycles/{office}/{p}/departments/{own}/submission");
                }
            }

            if (status.Stage == CycleStage.SelfEvaluation && person is not null && (caller.Has(Role.Staff) || caller.Has(Role.DepartmentHead)))
            {
                var written = await selfEvaluations.GetAsync(office, p, person.DepartmentId, person.Id, cancel).ConfigureAwait(false);
                if (written is null)
                {
                    Add(ToDoKind.SelfEvaluation, null, $"cycles/{office}/{p}/self-evaluation");
                }
                else if (written.Value.Review == SelfEvaluationReview.Returned)
                {
                    Add(ToDoKind.SelfEvaluationReturned, null, $"cycles/{office}/{p}/self-evaluation");
                }
            }

            if (person is not null && period.Kind == PeriodKind.Quarter && AccessRule.Rate.Allows(caller) && instance.ReadInputAs<CycleInput>() is { } rated
                && await UnansweredRatingsAsync(org, person, rated, p, now, cancel).ConfigureAwait(false) is { } closes)
            {
                Add(ToDoKind.Rating, p, $"cycles/{office}/{p}/ratings", closes);
            }

            if (caller.Has(Role.AppraisalOffice) && status.Stage == CycleStage.Verification)
            {
                foreach (var department in awaiting)
                {
                    Add(ToDoKind.Verification, org.FindDepartment(department)?.Name ?? department, $"cycles/{office}/{p}/departments/{department}/verification");
                }
            }

            if (caller.Has(Role.AppraisalOffice) && status.Stage == CycleStage.SchemeDecision && instance.ReadInputAs<CycleInput>() is { } awaited
                && !(await schemes.VersionsAsync(awaited.SchemeId, cancel).ConfigureAwait(false)).Any(v => v.Status == Storage.Schemes.SchemeStatus.Submitted))
            {
                Add(ToDoKind.SchemeDraft, null, $"offices/{office}/schemes");
            }

            if (caller.Has(Role.AppraisalOffice) && status.Stage == CycleStage.ObjectionReview)
            {
                Add(ToDoKind.ObjectionReview, null, $"cycles/{office}/{p}/objections");
            }

            if (caller.Has(Role.PartyGroup) && awaiting.Contains(caller.UserId))
            {
                if (status.Stage == CycleStage.SchemeDecision)
                {
                    Add(ToDoKind.SchemeDecision, null, null);
                }
                else if (status.Stage == CycleStage.Decision)
                {
                    Add(ToDoKind.Decision, status.Round?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "1", null);
                }
            }

            if (status.Stage == CycleStage.Publication && (caller.Has(Role.Staff) || caller.Has(Role.DepartmentHead)))
            {
                Add(ToDoKind.Objection, null, $"cycles/{office}/{p}/notice");
            }
        }

        return items;
    }

    /// <summary>The close of the period's rating window when it is open and the person has sections of their
    /// questionnaire unanswered; null otherwise (no window, closed, sealed, nothing to rate, all answered, scheme undecided).</summary>
    private async Task<DateTime?> UnansweredRatingsAsync(Domain.Organisation.OfficeOrganisation org, Domain.Organisation.Person person, CycleInput input, string period, DateTime now, CancellationToken cancel)
    {
        if (await box.WindowAsync(org.Office.Id, period, cancel).ConfigureAwait(false) is not { } closes || now >= closes
            || await box.SealOfAsync(org.Office.Id, period, cancel).ConfigureAwait(false) is not null)
        {
            return null;
        }

        Domain.Schemes.Scheme scheme;
        try
        {
            scheme = await SubmitDepartmentAction.DecidedSchemeAsync(schemes, input, cancel).ConfigureAwait(false);
        }
        catch (RequestRefusedException)
        {
            return null;
        }

        var sections = Ratings.Questionnaire.For(org, scheme, Domain.Scoring.SubjectSet.For(scheme, org), person, input.PartyGroup);
        if (sections.Count == 0)
        {
            return null;
        }

        var answered = await box.AnsweredAsync(org.Office.Id, period, person.Id, sections.Select(s => s.Id).ToList(), cancel).ConfigureAwait(false);
        return sections.All(s => answered.Contains(s.Id)) ? null : closes;
    }
}
