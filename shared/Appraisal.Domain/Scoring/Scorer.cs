using Appraisal.Domain.Organisation;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes;

namespace Appraisal.Domain.Scoring;

/// <summary>Scores every subject of a period, then ranks and grades them.</summary>
/// <remarks>
/// Per category: its unassigned base, each indicator's points (target met or not; rated × rating / 100),
/// bonuses and deductions each within its own cap. Deductions stop at what the category holds
/// (减分直至减完基础分为止) and never spill into another category; bonuses are not capped at the base
/// (加分不封顶). In a weighted scheme each line counts with its category's weight.
/// </remarks>
public static class Scorer
{
    private const int ParallelThreshold = 2_000;

    /// <summary>A scratch list per thread: each scorecard keeps an exact-size copy of its lines.</summary>
    [ThreadStatic]
    private static List<ScoreLine>? _scratchLines;

    public static IReadOnlyList<Scorecard> Score(ScoringInput input, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var plan = new SchemePlan(input.Scheme);
        var peers = PeerAverages.Compute(input.Scheme, input.Subjects, input.Indicators);
        var cards = new Scorecard[input.Subjects.Count];
        var done = 0;

        void ScoreRange(int from, int to)
        {
            for (var s = from; s < to; s++)
            {
                cards[s] = ScoreSubject(input, plan, peers, s);
            }

            if (progress is not null)
            {
                progress.Report(Interlocked.Add(ref done, to - from));
            }
        }

        if (cards.Length < ParallelThreshold)
        {
            ScoreRange(0, cards.Length);
        }
        else
        {
            const int ChunkSize = 1_000;
            var chunks = (cards.Length + ChunkSize - 1) / ChunkSize;
            Parallel.For(0, chunks, c => ScoreRange(c * ChunkSize, Math.Min(cards.Length, (c + 1) * ChunkSize)));
        }

        return Grader.GradeAndRank(input.Scheme, cards);
    }

    private static Scorecard ScoreSubject(ScoringInput input, SchemePlan plan, PeerAverages peers, int s)
    {
        var scheme = input.Scheme;
        var subject = input.Subjects[s];
        var lines = _scratchLines ??= new List<ScoreLine>(64);
        lines.Clear();
        var warnings = new List<ScoreWarning>(0);
        var categories = new CategoryScore[scheme.Categories.Count];
        var entries = input.Ledger.For(s);
        var used = entries.Count == 0 ? null : new decimal[scheme.LedgerItems.Count];
        var total = 0m;

        for (var c = 0; c < scheme.Categories.Count; c++)
        {
            var category = scheme.Categories[c];
            var lineBuilder = new LineBuilder(lines, category.Id, plan.Factor[c], scheme.Decimals);
            var first = lines.Count;

            if (plan.Unallocated[c] != 0 || (plan.Targets[c].Length == 0 && plan.Rated[c].Length == 0))
            {
                lineBuilder.Add(LineKind.Base, LineOutcome.Applied, null, plan.Unallocated[c]);
            }

            foreach (var t in plan.Targets[c])
            {
                var indicator = scheme.TargetIndicators[t];
                var value = input.Indicators[s, t];
                ScoreTarget(indicator, value, indicator.RelativeTo is null ? null : Reference(input, indicator, s, t, value, warnings), lineBuilder, warnings);
            }

            foreach (var r in plan.Rated[c])
            {
                ScoreRated(scheme.RatedIndicators[r], input.Ratings, s, r, lineBuilder, warnings);
            }

            if (used is not null)
            {
                ScoreLedger(plan, input.Period, entries, c, used, lineBuilder, warnings);
            }

            if (c == plan.WorkloadCategory)
            {
                ScoreWorkload(scheme.LeaderWorkload!, plan, input.Period, subject, input.Indicators.Workload(s), peers, lineBuilder, warnings);
            }

            categories[c] = Settle(lines, first, lineBuilder, warnings);
            total += categories[c].Points;
        }

        return Scorecard.Ungraded(scheme, subject, input.Period.ToString(), lines.ToArray(), categories, total, warnings);
    }

    /// <summary>A relative target's reference: the subject's own value in the reference period and the effective target
    /// (reference × percent / 100), or — with no reference value — the scheme's absolute fallback and a warning.</summary>
    private static LineReference Reference(ScoringInput input, TargetIndicator t, int s, int index, Cases.MetricValue value, List<ScoreWarning> warnings)
    {
        var relative = t.RelativeTo!;
        var period = relative.ReferenceOf(input.Period);
        if (period is { } p && input.References.Value(p, s, index) is { Value: { } reference, Basis: > 0 })
        {
            return new LineReference(p.ToString(), relative.EffectiveTarget(reference), reference);
        }

        if (value.Value is not null)
        {
            warnings.Add(new(WarningCode.NoReferenceValue, t.Id, null, t.Target));
        }

        return new LineReference(period?.ToString() ?? string.Empty, t.Target);
    }

    private static void ScoreTarget(TargetIndicator t, Cases.MetricValue value, LineReference? reference, LineBuilder lines, List<ScoreWarning> warnings)
    {
        if (value.Value is not { } v)
        {
            lines.Add(LineKind.Target, LineOutcome.NoData, t.Id, t.Points, null, 0, value.Basis, reference: reference);
            warnings.Add(new(WarningCode.NoCaseData, t.Id));
            return;
        }

        var target = reference?.Target ?? t.Target;
        var margin = t.Direction == Better.Higher ? v - target : target - v;
        if (margin >= 0)
        {
            // Each full unit beyond the target earns the bonus.
            var units = (int)Math.Floor(t.Unit == 1m ? margin : margin / t.Unit);
            var bonus = units * t.BonusPerUnit;
            lines.Add(LineKind.Target, bonus > 0 ? LineOutcome.Above : LineOutcome.Met, t.Id, t.Points, v, units, value.Basis, reference: reference);
            if (bonus > 0)
            {
                // Compared as the line will hold them: a bonus that rounds past the cap is the cap.
                var capped = t.BonusCap is { } cap && Rounded(bonus, lines) > Within(cap, lines);
                lines.Add(LineKind.TargetBonus, capped ? LineOutcome.Capped : LineOutcome.Above, t.Id, capped ? Within(t.BonusCap!.Value, lines) : bonus, v, units, value.Basis);
            }
        }
        else
        {
            // Each unit or part of a unit short of the target costs the deduction (不足一个单位按一个单位计).
            var units = (int)Math.Ceiling(t.Unit == 1m ? -margin : -margin / t.Unit);
            var deduction = units * t.DeductionPerUnit;
            lines.Add(LineKind.Target, LineOutcome.Below, t.Id, t.Points, v, units, value.Basis, reference: reference);
            if (deduction > 0)
            {
                var capped = t.DeductionCap is { } cap && Rounded(deduction, lines) > Within(cap, lines);
                lines.Add(LineKind.TargetDeduction, capped ? LineOutcome.Capped : LineOutcome.Below, t.Id, -(capped ? Within(t.DeductionCap!.Value, lines) : deduction), v, units, value.Basis);
            }
        }
    }

    private static void ScoreRated(RatedIndicator r, RatingTable ratings, int s, int index, LineBuilder lines, List<ScoreWarning> warnings)
    {
        decimal weighted = 0m, weights = 0m;
        var count = 0;
        for (var g = 0; g < r.RaterGroups.Count; g++)
        {
            var group = r.RaterGroups[g];
            var cell = ratings[s, index, g];
            if (cell.Count == 0)
            {
                warnings.Add(new(WarningCode.MissingRatings, r.Id + "/" + group.Group));
                continue;
            }

            // Too few responses to count (and, for an anonymous evaluation, to be shown): left out like a missing group.
            var minimum = group.EffectiveMinResponses;
            if (cell.Count < minimum)
            {
                warnings.Add(new(WarningCode.BelowMinimumResponses, r.Id + "/" + group.Group, cell.Count, minimum));
                continue;
            }

            weighted += group.Weight * cell.Mean(r.DropExtremes);
            weights += group.Weight;
            count += cell.Count;
        }

        if (weights == 0)
        {
            if (r.FallbackRating is { } fallback)
            {
                lines.Add(LineKind.Rated, LineOutcome.Fallback, r.Id, r.Points * fallback * 0.01m, fallback, 0, 0);
                warnings.Add(new(WarningCode.FallbackRating, r.Id, fallback));
                return;
            }

            lines.Add(LineKind.Rated, LineOutcome.MissingRatings, r.Id, 0m, null, 0, 0);
            return;
        }

        // Groups without (enough) ratings are left out and the others' weights scaled up (a warning says which).
        // The rating is an input (0–100), held to two decimals at least: whole points round the line, not the rating too.
        var rating = Math.Round(weighted / weights, Math.Max(2, lines.Decimals), MidpointRounding.AwayFromZero);
        lines.Add(LineKind.Rated, LineOutcome.Applied, r.Id, r.Points * rating * 0.01m, rating, 0, count);
    }

    internal static void ScoreLedger(SchemePlan plan, Period period, IReadOnlyList<LedgerEntry> entries, int category, decimal[] used, LineBuilder lines, List<ScoreWarning> warnings)
    {
        var scheme = plan.Scheme;
        foreach (var entry in entries)
        {
            var i = plan.LedgerItemIndex[entry.ItemId];
            var item = scheme.LedgerItems[i];
            if (plan.CategoryIndex[item.Category] != category)
            {
                continue;
            }

            var kind = item.Kind == LedgerKind.Bonus ? LineKind.LedgerBonus : LineKind.LedgerDeduction;
            var sign = item.Kind == LedgerKind.Bonus ? 1m : -1m;
            if (entry.Verification is { Verdict: LedgerVerdict.Rejected })
            {
                lines.Add(kind, LineOutcome.Rejected, item.Id, 0m, null, entry.Occurrences, 0, entry);
                continue;
            }

            if (item.YearEndOnly && period.Kind != PeriodKind.Year)
            {
                lines.Add(kind, LineOutcome.YearEndOnly, item.Id, 0m, null, entry.Occurrences, 0, entry);
                warnings.Add(new(WarningCode.YearEndOnlyItem, item.Id));
                continue;
            }

            if (item.EvidenceRequired && string.IsNullOrWhiteSpace(entry.Evidence))
            {
                lines.Add(kind, LineOutcome.EvidenceMissing, item.Id, 0m, null, entry.Occurrences, 0, entry);
                warnings.Add(new(WarningCode.EvidenceMissing, item.Id));
                continue;
            }

            // Rounded before the cap is tracked, so the item's lines add up to its cap exactly.
            var points = Math.Round(entry.Occurrences * item.PointsPerOccurrence, lines.Decimals, MidpointRounding.AwayFromZero);
            var outcome = LineOutcome.Applied;
            if (item.Cap is { } cap && used[i] + points > cap)
            {
                points = Math.Max(0m, Within(cap - used[i], lines));
                outcome = LineOutcome.Capped;
            }

            used[i] += points;
            lines.Add(kind, outcome, item.Id, sign * points, null, entry.Occurrences, 0, entry);
        }
    }

    /// <summary>第十条 for one leader. Assessed yearly, a quarter (or month) below the share is a warning only with a line of
    /// 0 points; the year-end (<paramref name="period"/> a year, on the year's workload and peer average) deducts once,
    /// its line naming the year's peer average.</summary>
    internal static void ScoreWorkload(LeaderWorkloadRules rules, SchemePlan plan, Period period, AppraisalSubject subject, int workload, PeerAverages peers, LineBuilder lines, List<ScoreWarning> warnings)
    {
        // 第十条 binds leaders who hold a prosecutor quota (入额); others have no workload share to reach.
        if (subject.StaffCategory != StaffCategory.QuotaProsecutor || !plan.ShareRules.TryGetValue(subject.Post, out var minShare))
        {
            return;
        }

        var average = subject.Post == LeadershipPost.DepartmentHead ? peers.OfDepartment(subject.DepartmentId) : peers.Office;
        if (average is not > 0m)
        {
            return;
        }

        var share = Math.Round(workload * 100m / average.Value, 2, MidpointRounding.AwayFromZero);
        var year = period.Kind == PeriodKind.Year ? new LineReference(period.ToString(), minShare, Math.Round(average.Value, 2, MidpointRounding.AwayFromZero)) : null;
        if (share >= minShare)
        {
            lines.Add(LineKind.LeaderWorkload, LineOutcome.Met, subject.Post.ToString(), 0m, share, 0, workload, reference: year);
            return;
        }

        if (rules.Assessed == WorkloadAssessment.Yearly && period.Kind != PeriodKind.Year)
        {
            lines.Add(LineKind.LeaderWorkload, LineOutcome.Below, subject.Post.ToString(), 0m, share, 0, workload);
            warnings.Add(new(WarningCode.LeaderBelowWorkloadShareUntilYearEnd, subject.Post.ToString(), share, minShare));
            return;
        }

        lines.Add(LineKind.LeaderWorkload, LineOutcome.Below, subject.Post.ToString(), -rules.Deduction, share, 0, workload, reference: year);
        warnings.Add(new(WarningCode.LeaderBelowWorkloadShare, subject.Post.ToString(), share, minShare));
    }

    /// <summary>A cap (or what is left of one) to the scheme's decimals, rounded toward zero: a cap finer than the decimals
    /// (1.5 in whole points) is never passed by rounding.</summary>
    private static decimal Within(decimal cap, LineBuilder lines) => Math.Round(cap, lines.Decimals, MidpointRounding.ToZero);

    /// <summary>A figure as a line holds it: rounded half away from zero to the scheme's decimals.</summary>
    private static decimal Rounded(decimal value, LineBuilder lines) => Math.Round(value, lines.Decimals, MidpointRounding.AwayFromZero);

    /// <summary>Closes a category: deductions beyond what it holds are given back in one line, so it never drops below 0.</summary>
    internal static CategoryScore Settle(List<ScoreLine> lines, int first, LineBuilder builder, List<ScoreWarning> warnings)
    {
        long held = 0, heldRaw = 0, deducted = 0, deductedRaw = 0;
        for (var i = first; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.PointsFixed < 0)
            {
                deducted -= line.PointsFixed;
                deductedRaw -= line.RawFixed;
            }
            else if (line.Kind is LineKind.Base or LineKind.Target or LineKind.Rated or LineKind.Quarter)
            {
                held += line.PointsFixed;
                heldRaw += line.RawFixed;
            }
        }

        if (deducted > held)
        {
            // Sums of lines already rounded: the give-back is exact, not rounded again.
            lines.Add(new ScoreLine(builder.Category, LineKind.BaseExhausted, LineOutcome.Applied, ScoreLine.ToDecimal(deductedRaw - heldRaw), ScoreLine.ToDecimal(deducted - held)));
            warnings.Add(new(WarningCode.BaseExhausted, builder.Category, ScoreLine.ToDecimal(deducted), ScoreLine.ToDecimal(held)));
        }

        long raw = 0, points = 0;
        for (var i = first; i < lines.Count; i++)
        {
            raw += lines[i].RawFixed;
            points += lines[i].PointsFixed;
        }

        return new CategoryScore(builder.Category, ScoreLine.ToDecimal(raw), ScoreLine.ToDecimal(points));
    }

    /// <summary>Adds lines to one category, rounding raw points to the scheme's decimals (half away from zero) and weighting
    /// them into the total's scale, rounded to the same decimals: the only rounding of a line's points.</summary>
    internal readonly struct LineBuilder(List<ScoreLine> lines, string category, decimal factor, int decimals)
    {
        private readonly bool _weighted = factor != 1m;

        public string Category => category;

        /// <summary>The scheme's decimals of scores.</summary>
        public int Decimals => decimals;

        public void Add(LineKind kind, LineOutcome outcome, string? item, decimal raw, decimal? input = null, int units = 0, int basis = 0, LedgerEntry? entry = null,
            LineReference? reference = null)
        {
            var r = ScoreLine.Fixed(raw, decimals);
            var points = _weighted ? ScoreLine.Weigh(r, factor, decimals) : r;
            lines.Add(new ScoreLine(category, kind, outcome, item, r, points, ScoreLine.FixedOrNone(input), units, basis, (object?)entry ?? reference));
        }
    }

    /// <summary>Peers' average workload for 第十条: the department's and the office's quota prosecutors without a leadership
    /// post, or with the leaders too when the scheme says so (<see cref="PeerAverage.WithLeaders"/>).</summary>
    internal sealed class PeerAverages
    {
        private readonly Dictionary<string, decimal> _departments = new(StringComparer.Ordinal);

        public decimal? Office { get; private set; }

        public decimal? OfDepartment(string id) => _departments.TryGetValue(id, out var value) ? value : null;

        public static PeerAverages Compute(Scheme scheme, SubjectSet subjects, Cases.IndicatorTable indicators)
        {
            var result = new PeerAverages();
            if (scheme.LeaderWorkload is not { } rules)
            {
                return result;
            }

            var leadersCount = rules.PeerAverage == PeerAverage.WithLeaders;

            var sums = new Dictionary<string, (long Sum, int Count)>(StringComparer.Ordinal);
            long officeSum = 0;
            var officeCount = 0;
            for (var s = 0; s < subjects.Count; s++)
            {
                var subject = subjects[s];
                if ((subject.Post != LeadershipPost.None && !leadersCount) || subject.StaffCategory != StaffCategory.QuotaProsecutor)
                {
                    continue;
                }

                var workload = indicators.Workload(s);
                var (sum, count) = sums.GetValueOrDefault(subject.DepartmentId);
                sums[subject.DepartmentId] = (sum + workload, count + 1);
                officeSum += workload;
                officeCount++;
            }

            foreach (var (department, (sum, count)) in sums)
            {
                result._departments[department] = (decimal)sum / count;
            }

            result.Office = officeCount == 0 ? null : (decimal)officeSum / officeCount;
            return result;
        }
    }
}
