using Appraisal.Domain.Cases;
using Appraisal.Domain.Inputs;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using Appraisal.Storage.Ballots;
using Appraisal.Storage.Cases;
using Appraisal.Storage.Organisation;
using Appraisal.Storage.Schemes;
using Appraisal.Storage.Submissions;

namespace Appraisal.Workflow.Cycle;

/// <summary>Reads what a cycle's steps work on from storage: the scheme version, the organisation, the period's case
/// records, the departments' submitted claims and — where the raters rated — the sealed ballots. One place, so scoring,
/// publication and the HTTP handlers agree.</summary>
public sealed class CycleRecords(SchemeRepository schemes, OrganisationRepository organisation, CaseRepository cases, SubmissionRepository submissions, BallotBox? ballots = null)
{
    /// <summary>The status of a submission the office returned for correction; its claims are not scored.</summary>
    public const string Returned = "returned";

    public async Task<Scheme> SchemeAsync(string schemeId, int version, CancellationToken cancel) =>
        (await schemes.GetAsync(schemeId, version, cancel).ConfigureAwait(false))?.Scheme
        ?? throw new InvalidOperationException($"scheme {schemeId} v{version} is not stored");

    /// <summary>The office's imported organisation, or null when none is.</summary>
    public Task<OfficeOrganisation?> FindOrganisationAsync(string officeId, CancellationToken cancel) => organisation.LoadAsync(officeId, cancel);

    public async Task<OfficeOrganisation> OrganisationAsync(string officeId, CancellationToken cancel) =>
        await organisation.LoadAsync(officeId, cancel).ConfigureAwait(false)
        ?? throw new InvalidOperationException($"office {officeId} has no imported organisation");

    /// <summary>The scoring input of a quarter or month: case records from storage, ledger entries from the departments'
    /// submissions that were not returned, ratings from the period's sealed ballots and paper results (none while its
    /// rating window is open: they count only once sealed) — with one department's ledger given instead of what it
    /// stored, for the preview of claims not yet submitted (<see cref="Actions.DepartmentPreview"/>).</summary>
    public Task<ScoringInput> ScoringInputAsync(string officeId, string period, Scheme scheme, OfficeOrganisation org, CancellationToken cancel,
        (string DepartmentId, IReadOnlyList<LedgerEntry> Ledger)? instead = null) =>
        ScoringInputAsync(officeId, period, scheme, org, null, cancel, instead);

    /// <summary>The scoring input of a quarter or month as above; with <paramref name="skipped"/>, claims that do not read
    /// under <paramref name="scheme"/> (a draft that dropped an item or a rater group) are left out and listed there
    /// instead of stopping the reading — for a what-if preview, never for scoring a cycle.</summary>
    public async Task<ScoringInput> ScoringInputAsync(string officeId, string period, Scheme scheme, OfficeOrganisation org, InputErrors? skipped, CancellationToken cancel,
        (string DepartmentId, IReadOnlyList<LedgerEntry> Ledger)? instead = null)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        var p = Period.Parse(period);
        var subjects = SubjectSet.For(scheme, org);
        var log = await cases.ForPeriodAsync(officeId, p, cancel).ConfigureAwait(false);
        var ledger = new List<LedgerEntry>();
        foreach (var submission in await submissions.ForCycleAsync(officeId, period, cancel).ConfigureAwait(false))
        {
            if (submission.Value.SubjectId is not null || submission.Value.Status == Returned || submission.Value.DepartmentId == instead?.DepartmentId)
            {
                continue;
            }

            var errors = new InputErrors();
            var l = DepartmentClaims.FromPayload(submission.Value.Payload).Read(scheme, subjects, submission.Value.DepartmentId, p, errors);
            if (errors.Any && skipped is not null)
            {
                foreach (var error in errors.Items)
                {
                    skipped.Add(error.File, error.Line, error.Field, $"{submission.Value.DepartmentId}: {error.Message}", $"{submission.Value.DepartmentId}：{error.MessageZh}");
                }
            }
            else if (errors.Any)
            {
                // Checked when submitted; a stored submission that no longer reads means the scheme changed under it.
                throw new InvalidOperationException($"submission of {submission.Value.DepartmentId} for {officeId} {period}: {errors.Items[0]}");
            }

            ledger.AddRange(l);
        }

        if (instead is { } given)
        {
            ledger.AddRange(given.Ledger);
        }

        // A relative target's reference period (the previous quarter, the same quarter last year): its case records, read
        // only where the scheme has relative targets.
        var referenceCases = await cases.ForPeriodsAsync(officeId, ReferenceValues.PeriodsOf(scheme, p), cancel).ConfigureAwait(false);

        return ScoringInput.Prepare(scheme, p, subjects, log, await BallotCellsAsync(officeId, period, scheme, subjects, cancel).ConfigureAwait(false), ledger, referenceCases);
    }

    /// <summary>The year's case records for a year-end that assesses 第十条 on the year's workload
    /// (<see cref="YearEndScorer.NeedsYearCases"/>); null, and nothing read, for any other scheme.</summary>
    public async Task<CaseLog?> YearEndCasesAsync(string officeId, int year, Scheme scheme, CancellationToken cancel) =>
        YearEndScorer.NeedsYearCases(scheme) ? await cases.ForPeriodAsync(officeId, Period.OfYear(year), cancel).ConfigureAwait(false) : null;

    /// <summary>The period's sealed cells and paper results as the scorer reads them — a cell below its group's minimum
    /// keeps only its count, which is what the scorer needs to leave it out with its warning; cells of a subject,
    /// indicator or group the scheme does not have (a changed organisation) are left out. None while a rating window is
    /// open or waits for its seal; paper results alone where no window was opened.</summary>
    private async Task<List<RatingCell>> BallotCellsAsync(string officeId, string period, Scheme scheme, SubjectSet subjects, CancellationToken cancel)
    {
        if (ballots is null || !scheme.RatedIndicators.Any()
            || (await ballots.WindowAsync(officeId, period, cancel).ConfigureAwait(false) is not null && await ballots.SealOfAsync(officeId, period, cancel).ConfigureAwait(false) is null))
        {
            return [];
        }

        var groups = scheme.RatedIndicators.SelectMany(i => i.RaterGroups.Select(g => (i.Id, g.Group))).ToHashSet();
        return (await ballots.CellsAsync(officeId, period, cancel).ConfigureAwait(false))
            .Where(c => c.Count > 0 && subjects.IndexOf(c.SubjectId) >= 0 && groups.Contains((c.IndicatorId, c.Group)))
            .Select(c => c.Paper
                ? RatingCell.FromPaper(c.SubjectId, c.IndicatorId, c.Group, c.Count, c.Sum!.Value / c.Count)
                : new RatingCell(c.SubjectId, c.IndicatorId, c.Group, c.Count, c.Sum ?? 0m, c.Min ?? 0m, c.Max ?? 0m))
            .ToList();
    }

    /// <summary>The Party group: the configured members, or else the office's chief and deputy chief prosecutors.</summary>
    public static (IReadOnlyList<string> Members, string? Chief) PartyGroup(OfficeOrganisation org, CycleOptions options)
    {
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(options);
        var chief = options.ChiefId ?? org.People.FirstOrDefault(p => p.Post == LeadershipPost.ChiefProsecutor)?.Id;
        var members = options.PartyGroup.Count > 0
            ? options.PartyGroup.ToList()
            : org.People.Where(p => p.Post is LeadershipPost.ChiefProsecutor or LeadershipPost.DeputyChiefProsecutor).Select(p => p.Id).ToList();
        return (members, chief);
    }
}
