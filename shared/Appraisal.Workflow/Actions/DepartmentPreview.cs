using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Microsoft.DurableTask.Client;

namespace Appraisal.Workflow.Actions;

/// <summary>The department's claims scored before they are submitted: the scorecards of the department's subjects
/// (its people under a person scheme, the department itself under a department scheme) and the department's score —
/// its own total, or its people's average as the bulletins and exports give it.</summary>
/// <remarks>Grades here are what each total qualifies for under the scheme's thresholds: the Excellent quota is applied
/// over the whole office (or each staff category of it) once every department's claims are verified and scored.</remarks>
public sealed record DepartmentPreviewResult(SubjectKind SubjectKind, IReadOnlyList<Scorecard> Cards, decimal? DepartmentScore)
{
    /// <summary>The decimals its scores are shown with: the scheme's.</summary>
    public int Decimals { get; init; } = Scheme.DefaultDecimals;
}

/// <summary>预览: a department head's claims checked exactly as <see cref="SubmitDepartmentAction"/> checks them (the
/// same guard — the head of that department, the self-evaluation or correction stage — and the same reading against
/// the cycle's decided scheme), then scored by the domain's <see cref="Scorer"/> over the office's stored
/// organisation and the period's case records, as the cycle's scoring will — and nothing stored.</summary>
public sealed class DepartmentPreview(SubmitDepartmentAction submit, CycleRecords records)
{
    public async Task<DepartmentPreviewResult> PreviewAsync(DurableTaskClient client, Caller caller, string officeId, string period, string departmentId, DepartmentClaims claims, CancellationToken cancel)
    {
        var checkedClaims = await submit.CheckAsync(client, caller, officeId, period, departmentId, claims, cancel).ConfigureAwait(false);
        var scheme = checkedClaims.Scheme;

        // The whole office is scored (peers' workload averages are office-wide), with the other departments' claims as
        // stored and this department's as entered: its subjects' totals are what the cycle's scoring will give them.
        var input = await records.ScoringInputAsync(officeId, checkedClaims.State.Period, scheme, checkedClaims.Organisation, cancel,
            (departmentId, checkedClaims.Ledger)).ConfigureAwait(false);
        var cards = Scorer.Score(input).Where(c => c.DepartmentId == departmentId).OrderBy(c => c.SubjectId, StringComparer.Ordinal).ToList();
        decimal? score = cards.Count == 0 ? null
            : scheme.SubjectKind == SubjectKind.Department ? cards[0].Total
            : Scorecard.Average(cards.Select(c => c.Total), scheme.Decimals);
        return new DepartmentPreviewResult(scheme.SubjectKind, cards, score) { Decimals = scheme.Decimals };
    }
}
