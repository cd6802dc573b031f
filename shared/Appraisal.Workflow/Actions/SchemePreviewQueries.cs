using Appraisal.Domain.Cycles;
using Appraisal.Domain.Inputs;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using Appraisal.Storage.Cycles;
using Appraisal.Storage.Schemes;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;

namespace Appraisal.Workflow.Actions;

/// <summary>Where a subject's total moves most between two schemes: a category's line for an item (or for the base,
/// when <see cref="Item"/> is none), its points under each.</summary>
public sealed record PreviewLine(string Category, string? Item, LineKind Kind, decimal Old, decimal New)
{
    public decimal Change => New - Old;
}

/// <summary>Why a subject's grade differs: appraised under one scheme only; the total moved (its lines show how); the
/// same total meets other grade thresholds; or the total qualifies for the same grade but the Excellent quota (or its
/// tie-break) now decides otherwise.</summary>
public enum PreviewReason
{
    Appraisal,
    Total,
    Thresholds,
    Quota,
}

/// <summary>A subject whose grade differs under the draft: total and grade under each (none: not appraised under that
/// scheme), why, and the lines that differ most.</summary>
public sealed record PreviewSubject(string SubjectId, string Name, string DepartmentId, decimal? OldTotal, Grade? OldGrade, decimal? NewTotal, Grade? NewGrade,
    PreviewReason Reason, IReadOnlyList<PreviewLine> Lines);

/// <summary>A what-if preview (试算): a draft and the scheme in force, each scored on the last completed period's data —
/// the grade counts of both and the subjects whose grade would change. No period when none is completed yet;
/// <see cref="Skipped"/> lists the stored claims a scheme could not read (an item the draft dropped).</summary>
public sealed record SchemePreview(
    string OfficeId, StoredScheme Draft, StoredScheme? InForce, string? Period,
    IReadOnlyDictionary<Grade, int> OldCounts, IReadOnlyDictionary<Grade, int> NewCounts, int OldScored, int NewScored,
    IReadOnlyList<PreviewSubject> Changed, IReadOnlyList<InputError> Skipped);

/// <summary>The what-if preview of a draft scheme (方案试算): the last completed quarter of the office (its
/// organisation, case records and the sealed ratings and paper results, the departments' submitted ledgers as stored) scored by the domain's
/// <see cref="Scorer"/> — the one the cycle's scoring activity and <c>appraisal score</c> use — under the draft and
/// under the scheme in force. Reads only; for those who may read the office's drafts.</summary>
public sealed class SchemePreviewQueries(SchemeDraftQueries drafts, CycleRepository cycles, CycleRecords records)
{
    /// <summary>How many of a changed subject's lines are shown: those that move the total most.</summary>
    public const int LinesShown = 3;

    public async Task<SchemePreview> PreviewAsync(Caller caller, string officeId, string schemeId, int version, CancellationToken cancel)
    {
        Access.Authorize(caller, AccessRule.ReviewSchemeDrafts, officeId);
        var (draft, _) = await drafts.GetAsync(caller, officeId, schemeId, version, cancel).ConfigureAwait(false);
        var inForce = (await drafts.OverviewAsync(caller, officeId, cancel).ConfigureAwait(false)).InForce;
        var none = new Dictionary<Grade, int>();
        var period = (await cycles.ForOfficeAsync(officeId, cancel).ConfigureAwait(false)).Select(c => c.Value)
            .Where(c => c.Stage == CycleStage.Final && Period.TryParse(c.Period, out var p, out _) && p.Kind == PeriodKind.Quarter)
            .Select(c => c.Period).Order(StringComparer.Ordinal).LastOrDefault();
        var org = period is null ? null : await records.FindOrganisationAsync(officeId, cancel).ConfigureAwait(false);
        if (period is null || org is null)
        {
            return new SchemePreview(officeId, draft, inForce, null, none, none, 0, 0, [], []);
        }

        var skipped = new InputErrors();
        var newCards = Scorer.Score(await records.ScoringInputAsync(officeId, period, draft.Scheme, org, skipped, cancel).ConfigureAwait(false));
        var oldCards = inForce is null ? [] : Scorer.Score(await records.ScoringInputAsync(officeId, period, inForce.Scheme, org, skipped, cancel).ConfigureAwait(false));
        return new SchemePreview(officeId, draft, inForce, period, Counts(oldCards), Counts(newCards), oldCards.Count, newCards.Count,
            Changed(oldCards, newCards), skipped.Items.DistinctBy(e => (e.File, e.Line, e.Field, e.Message)).ToList());
    }

    /// <summary>How many subjects got each grade.</summary>
    public static IReadOnlyDictionary<Grade, int> Counts(IEnumerable<Scorecard> cards) =>
        cards.GroupBy(c => c.Grade).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The subjects whose grade differs (or who are appraised under one scheme only), the largest change of
    /// total first, each with the lines that differ most.</summary>
    public static IReadOnlyList<PreviewSubject> Changed(IReadOnlyList<Scorecard> oldCards, IReadOnlyList<Scorecard> newCards)
    {
        ArgumentNullException.ThrowIfNull(oldCards);
        ArgumentNullException.ThrowIfNull(newCards);
        var before = oldCards.ToDictionary(c => c.SubjectId, StringComparer.Ordinal);
        var after = newCards.ToDictionary(c => c.SubjectId, StringComparer.Ordinal);
        return before.Keys.Union(after.Keys, StringComparer.Ordinal)
            .Select(id => (Old: before.GetValueOrDefault(id), New: after.GetValueOrDefault(id)))
            .Where(p => p.Old?.Grade != p.New?.Grade)
            .Select(p =>
            {
                var card = (p.New ?? p.Old)!;
                var reason = p.Old is null || p.New is null ? PreviewReason.Appraisal
                    : p.Old.Total != p.New.Total ? PreviewReason.Total
                    : p.Old.QualifiedGrade != p.New.QualifiedGrade ? PreviewReason.Thresholds
                    : PreviewReason.Quota;
                return new PreviewSubject(card.SubjectId, card.SubjectName, card.DepartmentId, p.Old?.Total, p.Old?.Grade, p.New?.Total, p.New?.Grade, reason, Lines(p.Old, p.New));
            })
            .OrderByDescending(s => Math.Abs((s.NewTotal ?? 0m) - (s.OldTotal ?? 0m)))
            .ThenBy(s => s.SubjectId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Lines summed by category, item and kind under each scheme; those that differ most.</summary>
    private static List<PreviewLine> Lines(Scorecard? oldCard, Scorecard? newCard)
    {
        static Dictionary<(string, string?, LineKind), decimal> Sum(Scorecard? card) =>
            (card?.Lines ?? []).GroupBy(l => (l.Category, l.Item, l.Kind)).ToDictionary(g => g.Key, g => g.Sum(l => l.Points));
        var before = Sum(oldCard);
        var after = Sum(newCard);
        return before.Keys.Union(after.Keys)
            .Select(k => new PreviewLine(k.Item1, k.Item2, k.Item3, before.GetValueOrDefault(k), after.GetValueOrDefault(k)))
            .Where(l => l.Change != 0m)
            .OrderByDescending(l => Math.Abs(l.Change))
            .ThenBy(l => l.Category, StringComparer.Ordinal)
            .Take(LinesShown)
            .ToList();
    }
}
