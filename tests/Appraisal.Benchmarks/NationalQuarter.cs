using System.Globalization;
using Appraisal.Domain.Cases;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;

namespace Appraisal.Benchmarks;

/// <summary>A national quarter in memory: 70,000 quota prosecutors in 7,000 departments, a scheme of 30 indicators
/// (24 computed from cases, 6 rated), 3,000,000 case records, six ratings per rated indicator, a ledger entry for one in three.</summary>
public sealed class NationalQuarter
{
    public const int People = 70_000;
    public const int PeoplePerDepartment = 10;
    public const int CaseRecords = 3_000_000;

    private static readonly string[] CaseTypes = ["审查逮捕", "审查起诉", "民事检察", "行政检察", "公益诉讼", "控告申诉"];

    public NationalQuarter(int seed = 42)
    {
        Scheme = BuildScheme();
        Subjects = BuildSubjects();
        Cases = BuildCases(seed);
        var random = new Random(seed);
        Ratings = BuildRatings(random);
        Ledger = BuildLedger(random);
    }

    public Period Period { get; } = Period.Quarter(2026, 1);

    public Scheme Scheme { get; }

    public SubjectSet Subjects { get; }

    public CaseLog Cases { get; }

    public List<Rating> Ratings { get; }

    public List<LedgerEntry> Ledger { get; }

    public int IndicatorCount => Scheme.TargetIndicators.Count + Scheme.RatedIndicators.Count;

    private static Scheme BuildScheme()
    {
        var targets = new List<TargetIndicator>();
        foreach (var type in CaseTypes)
        {
            var filter = new CaseFilter { CaseTypes = [type] };
            targets.Add(Target($"{type}-count", CaseMetric.CaseCount, filter, 5m, bonus: 0.2m, deduction: 0.5m));
            targets.Add(Target($"{type}-closure", CaseMetric.ClosureRate, filter, 90m, bonus: 0.1m, deduction: 0.2m));
            targets.Add(Target($"{type}-overdue", CaseMetric.OverdueRate, filter, 5m, bonus: 0m, deduction: 0.2m));
            targets.Add(Target($"{type}-days", CaseMetric.AverageHandlingDays, filter, 30m, bonus: 0.05m, deduction: 0.1m));
        }

        RatedIndicator Rated(string id, string category, decimal points) => new()
        {
            Id = id,
            Name = new(id),
            Category = category,
            Points = points,
            DropExtremes = true,
            RaterGroups = [new() { Group = "colleagues", Weight = 60 }, new() { Group = "leaders", Weight = 40 }],
        };

        LedgerItem Item(string id, string category, LedgerKind kind, decimal points, decimal? cap) =>
            new() { Id = id, Name = new(id), Category = category, Kind = kind, Points = points, Cap = cap };

        return new Scheme
        {
            Id = "national-benchmark",
            Version = 1,
            Name = new("全国季度考核基准", "National quarter benchmark"),
            SubjectKind = SubjectKind.Person,
            StaffCategories = [StaffCategory.QuotaProsecutor],
            Categories =
            [
                new() { Id = "case-handling", Name = new("司法办案"), Base = 60m, Performance = true },
                new() { Id = "conduct", Name = new("司法作风"), Base = 20m },
                new() { Id = "skills", Name = new("司法技能"), Base = 10m },
                new() { Id = "ethics", Name = new("职业操守"), Base = 10m },
            ],
            TargetIndicators = targets,
            RatedIndicators =
            [
                Rated("conduct-1", "conduct", 10m), Rated("conduct-2", "conduct", 10m),
                Rated("skills-1", "skills", 5m), Rated("skills-2", "skills", 5m),
                Rated("ethics-1", "ethics", 5m), Rated("ethics-2", "ethics", 5m),
            ],
            LedgerItems =
            [
                Item("honour", "case-handling", LedgerKind.Bonus, 2m, 6m),
                Item("research", "skills", LedgerKind.Bonus, 1m, 3m),
                Item("overdue-case", "case-handling", LedgerKind.Deduction, 1m, 10m),
                Item("violation", "ethics", LedgerKind.Deduction, 5m, null),
            ],
            LeaderWorkload = new LeaderWorkloadRules
            {
                Category = "case-handling",
                Deduction = 5m,
                Rules = [new() { Post = LeadershipPost.DepartmentHead, MinSharePercent = 50m }],
            },
            Grading = new GradingRules { TieBreak = ["case-handling", "conduct"] },
        };
    }

    private static TargetIndicator Target(string id, CaseMetric metric, CaseFilter filter, decimal target, decimal bonus, decimal deduction) => new()
    {
        Id = id,
        Name = new(id),
        Category = "case-handling",
        Metric = metric,
        Filter = filter,
        Target = target,
        Points = 2.5m,
        BonusPerUnit = bonus,
        BonusCap = bonus > 0 ? 1m : null,
        DeductionPerUnit = deduction,
        DeductionCap = 2.5m,
    };

    private static SubjectSet BuildSubjects() => new(Enumerable.Range(0, People).Select(i => new AppraisalSubject
    {
        Id = Id("E", i),
        Name = Id("E", i),
        DepartmentId = Id("D", i / PeoplePerDepartment),
        StaffCategory = StaffCategory.QuotaProsecutor,
        Post = i % PeoplePerDepartment == 0 ? LeadershipPost.DepartmentHead : LeadershipPost.None,
    }).ToList());

    private static CaseLog BuildCases(int seed)
    {
        var random = new Random(seed);
        var log = new CaseLog(CaseRecords);
        var start = new DateOnly(2026, 1, 1);
        string[][] flags = [[], [], [], [], [], [], [], [], [], ["defective"]];
        for (var i = 0; i < CaseRecords; i++)
        {
            var person = random.Next(People);
            var accepted = start.AddDays(random.Next(-30, 85));
            var days = 3 + random.Next(60);
            DateOnly? closed = random.Next(10) < 8 ? accepted.AddDays(days) : null;
            log.Add(Id("C", i), Id("E", person), Id("D", person / PeoplePerDepartment), CaseTypes[random.Next(CaseTypes.Length)],
                accepted, closed, accepted.AddDays(45), flags[random.Next(flags.Length)]);
        }

        return log;
    }

    private List<Rating> BuildRatings(Random random)
    {
        var ratings = new List<Rating>(People * Scheme.RatedIndicators.Count * 6);
        foreach (var subject in Subjects.Items)
        {
            foreach (var indicator in Scheme.RatedIndicators)
            {
                for (var r = 0; r < 6; r++)
                {
                    ratings.Add(new Rating
                    {
                        SubjectId = subject.Id,
                        IndicatorId = indicator.Id,
                        Group = r < 4 ? "colleagues" : "leaders",
                        RaterId = Id("R", r),
                        Score = 70 + random.Next(31),
                    });
                }
            }
        }

        return ratings;
    }

    private List<LedgerEntry> BuildLedger(Random random)
    {
        var items = Scheme.LedgerItems;
        return Subjects.Items.Where((_, i) => i % 3 == 0).Select((s, n) => new LedgerEntry
        {
            SubjectId = s.Id,
            ItemId = items[random.Next(items.Count)].Id,
            Occurrences = 1 + random.Next(3),
            Evidence = Id("EV", n),
        }).ToList();
    }

    private static string Id(string prefix, int n) => prefix + n.ToString("D7", CultureInfo.InvariantCulture);
}
