using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;

namespace Appraisal.Domain.Cases;

/// <summary>Turns case records into indicator values for one period in a single pass.</summary>
/// <remarks>
/// A case is <em>active</em> in a period when accepted by its last day and not closed before its first;
/// <em>closed</em> in it when its closing day falls inside; <em>overdue</em> when closed after its time limit,
/// or still open at the period's end with the time limit passed. Handling days are counted for cases closed
/// in the period. Person schemes credit the handler, department schemes the case's department.
/// </remarks>
public static class CaseAggregator
{
    private const int ParallelThreshold = 200_000;

    public static IndicatorTable Aggregate(Scheme scheme, SubjectSet subjects, CaseLog log, Period period)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(log);

        var plan = Plan.Create(scheme, subjects, log);
        var start = period.Start.DayNumber;
        var end = period.End.DayNumber;

        Counters[] totals;
        var chunks = log.Count >= ParallelThreshold ? Math.Max(1, Environment.ProcessorCount) : 1;
        if (chunks == 1)
        {
            totals = new Counters[subjects.Count * plan.SlotCount];
            Accumulate(log, plan, start, end, 0, log.Count, totals);
        }
        else
        {
            var partials = new Counters[chunks][];
            var size = (log.Count + chunks - 1) / chunks;
            Parallel.For(0, chunks, c =>
            {
                partials[c] = new Counters[subjects.Count * plan.SlotCount];
                var from = c * size;
                Accumulate(log, plan, start, end, from, Math.Min(log.Count, from + size), partials[c]);
            });
            totals = partials[0];
            for (var c = 1; c < chunks; c++)
            {
                var part = partials[c];
                for (var i = 0; i < totals.Length; i++)
                {
                    totals[i].Add(part[i]);
                }
            }
        }

        var table = new IndicatorTable(subjects.Count, scheme.TargetIndicators.Count);
        for (var s = 0; s < subjects.Count; s++)
        {
            var row = s * plan.SlotCount;
            for (var t = 0; t < scheme.TargetIndicators.Count; t++)
            {
                var indicator = scheme.TargetIndicators[t];
                table[s, t] = Value(indicator.Metric, totals[row + plan.IndicatorSlots[t]], indicator.Weights is not null);
            }

            if (plan.WorkloadSlot >= 0)
            {
                table.SetWorkload(s, totals[row + plan.WorkloadSlot].Closed);
            }
        }

        return table;
    }

    private static void Accumulate(CaseLog log, Plan plan, int start, int end, int from, int to, Counters[] counters)
    {
        var subjectOf = plan.SubjectOf;
        var keys = plan.ByDepartment ? log.Department : log.Handler;
        var caseTypes = log.CaseType;
        var accepted = log.AcceptedDay;
        var closed = log.ClosedDay;
        var due = log.DueDay;
        var flags = log.FlagMask;
        var slotCount = plan.SlotCount;
        var slotFlags = plan.SlotFlags;
        var slotWeights = plan.SlotWeights;
        var classes = log.Class;

        for (var i = from; i < to; i++)
        {
            var subject = subjectOf[keys[i]];
            if (subject < 0)
            {
                continue;
            }

            var closedDay = closed[i];
            if (accepted[i] > end || closedDay < start)
            {
                continue;
            }

            var slots = plan.TypeSlots[caseTypes[i]];
            if (slots.Length == 0)
            {
                continue;
            }

            var closedIn = closedDay <= end;
            var overdue = closedIn ? closedDay > due[i] : due[i] < end;
            var days = closedIn ? closedDay - accepted[i] : 0;
            var mask = flags[i];
            var row = subject * slotCount;
            foreach (var slot in slots)
            {
                ref var c = ref counters[row + slot];
                var flagged = (mask & slotFlags[slot]) != 0;
                c.Active++;
                if (closedIn)
                {
                    c.Closed++;
                    c.Days += days;
                }

                if (overdue)
                {
                    c.Overdue++;
                }

                if (flagged)
                {
                    c.Flagged++;
                }

                if (slotWeights[slot] is { } weights)
                {
                    var weight = weights.ByClass ? weights.Of[classes[i]] : weights.Of[caseTypes[i]];
                    c.WeightedClosed += closedIn ? weight : 0m;
                    c.WeightedFlagged += flagged ? weight : 0m;
                }
            }
        }
    }

    internal static MetricValue Value(CaseMetric metric, Counters c, bool weighted = false) => metric switch
    {
        CaseMetric.CaseCount when weighted => new(c.WeightedClosed, c.Closed),
        CaseMetric.FlaggedCount when weighted => new(c.WeightedFlagged, c.Active),
        CaseMetric.CaseCount => new(c.Closed, c.Closed),
        CaseMetric.ClosureRate => c.Active == 0 ? new(null, 0) : new(Percent(c.Closed, c.Active), c.Active),
        CaseMetric.OverdueRate => c.Active == 0 ? new(null, 0) : new(Percent(c.Overdue, c.Active), c.Active),
        CaseMetric.AverageHandlingDays => c.Closed == 0 ? new(null, 0) : new(Math.Round((decimal)c.Days / c.Closed, 2, MidpointRounding.AwayFromZero), c.Closed),
        CaseMetric.FlaggedCount => new(c.Flagged, c.Active),
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    private static decimal Percent(int part, int whole) => Math.Round(part * 100m / whole, 2, MidpointRounding.AwayFromZero);

    /// <summary>Per-subject counts for one filter.</summary>
    internal struct Counters
    {
        public int Active;
        public int Closed;
        public int Overdue;
        public int Flagged;
        public long Days;
        public decimal WeightedClosed;
        public decimal WeightedFlagged;

        public void Add(Counters other)
        {
            WeightedClosed += other.WeightedClosed;
            WeightedFlagged += other.WeightedFlagged;
            Active += other.Active;
            Closed += other.Closed;
            Overdue += other.Overdue;
            Flagged += other.Flagged;
            Days += other.Days;
        }
    }

    /// <summary>Which distinct filters (slots) to count, which case types feed each, and where subjects sit.</summary>
    private sealed class Plan
    {
        public required int SlotCount { get; init; }

        public required int[] IndicatorSlots { get; init; }

        public required int WorkloadSlot { get; init; }

        public required uint[] SlotFlags { get; init; }

        /// <summary>Per slot, the weight of each case type or class of the log (null: every case counts one).</summary>
        public required SlotWeight?[] SlotWeights { get; init; }

        public required int[][] TypeSlots { get; init; }

        public required int[] SubjectOf { get; init; }

        public required bool ByDepartment { get; init; }

        public static Plan Create(Scheme scheme, SubjectSet subjects, CaseLog log)
        {
            var filters = new List<CaseFilter>();
            var weights = new List<CaseWeights?>();
            var keys = new Dictionary<string, int>(StringComparer.Ordinal);
            int SlotOf(CaseFilter filter, CaseWeights? weighted)
            {
                var key = filter.Key + "|" + weighted?.Key;
                if (!keys.TryGetValue(key, out var slot))
                {
                    slot = filters.Count;
                    keys.Add(key, slot);
                    filters.Add(filter);
                    weights.Add(weighted);
                }

                return slot;
            }

            var indicatorSlots = scheme.TargetIndicators.Select(t => SlotOf(t.Filter, t.Weights)).ToArray();
            var workloadSlot = scheme.LeaderWorkload is { } workload ? SlotOf(workload.Filter, null) : -1;

            var slotFlags = filters.Select(f => f.Flags
                .Select(log.FindFlag)
                .Where(i => i >= 0)
                .Aggregate(0u, (mask, i) => mask | (1u << i))).ToArray();

            var typeSlots = new int[log.CaseTypes.Count][];
            for (var type = 0; type < typeSlots.Length; type++)
            {
                var name = log.CaseTypes[type];
                typeSlots[type] = Enumerable.Range(0, filters.Count)
                    .Where(s => filters[s].CaseTypes.Count == 0 || filters[s].CaseTypes.Contains(name, StringComparer.Ordinal))
                    .ToArray();
            }

            var byDepartment = scheme.SubjectKind == SubjectKind.Department;
            var ids = byDepartment ? log.DepartmentIds : log.HandlerIds;
            var subjectOf = ids.Select(subjects.IndexOf).ToArray();

            return new Plan
            {
                SlotCount = Math.Max(1, filters.Count),
                IndicatorSlots = indicatorSlots,
                WorkloadSlot = workloadSlot,
                SlotFlags = slotFlags,
                SlotWeights = [.. weights.Select(w => w is null ? null : new SlotWeight(w.By == CaseWeightBasis.Class,
                    [.. (w.By == CaseWeightBasis.Class ? log.Classes : log.CaseTypes).Select(w.Of)]))],
                TypeSlots = typeSlots,
                SubjectOf = subjectOf,
                ByDepartment = byDepartment,
            };
        }
    }

    /// <summary>A slot's weights, by case type or class index of the log.</summary>
    private sealed record SlotWeight(bool ByClass, decimal[] Of);
}
