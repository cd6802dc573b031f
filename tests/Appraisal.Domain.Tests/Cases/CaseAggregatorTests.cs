using Appraisal.Domain.Cases;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using static Appraisal.Domain.Tests.TestSchemes;

namespace Appraisal.Domain.Tests.Cases;

/// <summary>Case records into indicator values for 2026-Q1 (1 January – 31 March).</summary>
public sealed class CaseAggregatorTests
{
    private const string Prosecution = "审查起诉";
    private const string Arrest = "审查逮捕";

    private static readonly Period Q1 = Period.Quarter(2026, 1);

    /// <summary>One indicator per metric, in this order: count, closure, overdue, days, flagged.</summary>
    private static Scheme Metrics(SubjectKind kind, CaseFilter? filter = null)
    {
        var f = filter ?? CaseFilter.All;
        var scheme = kind == SubjectKind.Department ? Department(Category("a", 100)) : Person(Category("a", 100));
        return scheme with
        {
            TargetIndicators =
            [
                Target("count", "a", CaseMetric.CaseCount, 10, 10, filter: f),
                Target("closure", "a", CaseMetric.ClosureRate, 95, 10, filter: f),
                Target("overdue", "a", CaseMetric.OverdueRate, 2, 10, filter: f),
                Target("days", "a", CaseMetric.AverageHandlingDays, 30, 10, filter: f),
                Target("flagged", "a", CaseMetric.FlaggedCount, 0, 10, filter: f with { Flags = ["defective", "returned"] }),
            ],
        };
    }

    private const int Count = 0, Closure = 1, Overdue = 2, Days = 3, Flagged = 4;

    private static DateOnly D(int month, int day, int year = 2026) => new(year, month, day);

    private static void Add(CaseLog log, string id, DateOnly accepted, DateOnly? closed, DateOnly limit,
        string handler = "E1", string department = "D1", string type = Prosecution, params string[] flags) =>
        log.Add(id, handler, department, type, accepted, closed, limit, flags);

    /// <summary>Nine cases of E1 in D1: seven active in Q1, three of them closed in it, two overdue.</summary>
    private static CaseLog OneHandlersCases()
    {
        var log = new CaseLog();
        Add(log, "c1", D(1, 5), D(1, 16), D(2, 4), flags: "defective");        // closed in time, 11 days, flagged
        Add(log, "c2", D(1, 10), D(3, 20), D(2, 9));                           // closed late: overdue, 69 days
        Add(log, "c3", D(3, 1), null, D(3, 15), type: Arrest, flags: "returned"); // open past its limit at the end: overdue, flagged
        Add(log, "c4", D(3, 20), null, D(4, 19), type: Arrest, flags: "complaint"); // open within its limit; flag not counted
        Add(log, "c5", D(12, 1, 2025), D(12, 20, 2025), D(12, 30, 2025), flags: "defective"); // closed before Q1: ignored
        Add(log, "c6", D(4, 2), null, D(4, 30));                                // accepted after Q1: ignored
        Add(log, "c7", D(12, 15, 2025), D(1, 4), D(1, 14), type: Arrest);     // accepted before, closed in Q1: 20 days
        Add(log, "c8", D(2, 1), D(4, 10), D(4, 5));                            // closed after Q1, limit after Q1's end: not overdue
        Add(log, "c9", D(3, 1), null, D(3, 31), type: Arrest);                 // open, limit on Q1's last day: not overdue
        return log;
    }

    private static IndicatorTable Aggregate(Scheme scheme, SubjectSet subjects, CaseLog log) =>
        CaseAggregator.Aggregate(scheme, subjects, log, Q1);

    [Fact]
    public void CaseCount_IsTheCasesClosedInThePeriod()
    {
        var table = Aggregate(Metrics(SubjectKind.Person), TestScoring.Subjects("E1"), OneHandlersCases());

        Assert.Equal(new MetricValue(3m, 3), table[0, Count]);
    }

    [Fact]
    public void ClosureRate_IsClosedOverActive_RoundedTo2Places()
    {
        var table = Aggregate(Metrics(SubjectKind.Person), TestScoring.Subjects("E1"), OneHandlersCases());

        // 3 closed of 7 active = 42.857…%
        Assert.Equal(new MetricValue(42.86m, 7), table[0, Closure]);
    }

    [Fact]
    public void OverdueRate_CountsClosedLate_AndOpenPastTheLimitAtPeriodEnd()
    {
        var table = Aggregate(Metrics(SubjectKind.Person), TestScoring.Subjects("E1"), OneHandlersCases());

        // c2 (closed late) and c3 (open past its limit) of 7 active = 28.571…%
        Assert.Equal(new MetricValue(28.57m, 7), table[0, Overdue]);
    }

    [Fact]
    public void AverageHandlingDays_AveragesTheCasesClosedInThePeriod()
    {
        var table = Aggregate(Metrics(SubjectKind.Person), TestScoring.Subjects("E1"), OneHandlersCases());

        // (11 + 69 + 20) / 3 = 33.333…
        Assert.Equal(new MetricValue(33.33m, 3), table[0, Days]);
    }

    [Fact]
    public void FlaggedCount_CountsActiveCasesWithAnyOfTheFiltersFlags()
    {
        var table = Aggregate(Metrics(SubjectKind.Person), TestScoring.Subjects("E1"), OneHandlersCases());

        // c1 (defective) and c3 (returned); c4's complaint is not a filter flag, c5 is outside Q1.
        Assert.Equal(new MetricValue(2m, 7), table[0, Flagged]);
    }

    [Fact]
    public void ClosedOnTheLimitDay_IsNotOverdue_ClosedTheDayAfter_Is()
    {
        var log = new CaseLog();
        Add(log, "on-time", D(1, 1), D(1, 31), D(1, 31));
        Add(log, "late", D(1, 1), D(2, 1), D(1, 31));

        var table = Aggregate(Metrics(SubjectKind.Person), TestScoring.Subjects("E1"), log);

        Assert.Equal(50m, table[0, Overdue].Value);
    }

    [Fact]
    public void CaseClosedOnThePeriodsFirstDay_IsActiveAndClosedInIt()
    {
        var log = new CaseLog();
        Add(log, "boundary", D(12, 20, 2025), D(1, 1), D(1, 10));

        var table = Aggregate(Metrics(SubjectKind.Person), TestScoring.Subjects("E1"), log);

        Assert.Equal(1m, table[0, Count].Value);
        Assert.Equal(12m, table[0, Days].Value);
    }

    [Fact]
    public void CaseTypeFilter_CountsOnlyThoseTypes()
    {
        var scheme = Metrics(SubjectKind.Person, new CaseFilter { CaseTypes = [Arrest] });

        var table = Aggregate(scheme, TestScoring.Subjects("E1"), OneHandlersCases());

        // Arrest cases active in Q1: c3, c4, c7, c9; closed: c7 (20 days); overdue: c3; flagged: c3.
        Assert.Equal(new MetricValue(1m, 1), table[0, Count]);
        Assert.Equal(new MetricValue(25m, 4), table[0, Closure]);
        Assert.Equal(new MetricValue(25m, 4), table[0, Overdue]);
        Assert.Equal(new MetricValue(20m, 1), table[0, Days]);
        Assert.Equal(new MetricValue(1m, 4), table[0, Flagged]);
    }

    [Fact]
    public void TwoIndicatorsWithDifferentFilters_CountIndependently()
    {
        var scheme = Person(Category("a", 100)) with
        {
            TargetIndicators =
            [
                Target("prosecution", "a", CaseMetric.CaseCount, 1, 10, filter: new CaseFilter { CaseTypes = [Prosecution] }),
                Target("arrest", "a", CaseMetric.CaseCount, 1, 10, filter: new CaseFilter { CaseTypes = [Arrest] }),
                Target("all", "a", CaseMetric.CaseCount, 1, 10),
            ],
        };

        var table = Aggregate(scheme, TestScoring.Subjects("E1"), OneHandlersCases());

        Assert.Equal(2m, table[0, 0].Value);
        Assert.Equal(1m, table[0, 1].Value);
        Assert.Equal(3m, table[0, 2].Value);
    }

    [Fact]
    public void PersonScheme_CreditsTheHandler()
    {
        var log = new CaseLog();
        Add(log, "a1", D(1, 5), D(1, 10), D(2, 5), handler: "E1", department: "D1");
        Add(log, "a2", D(1, 5), D(1, 10), D(2, 5), handler: "E1", department: "D1");
        Add(log, "b1", D(1, 5), D(1, 10), D(2, 5), handler: "E2", department: "D1");
        Add(log, "x1", D(1, 5), D(1, 10), D(2, 5), handler: "E9", department: "D1"); // not appraised

        var table = Aggregate(Metrics(SubjectKind.Person), TestScoring.Subjects("E1", "E2"), log);

        Assert.Equal(2m, table[0, Count].Value);
        Assert.Equal(1m, table[1, Count].Value);
    }

    [Fact]
    public void DepartmentScheme_CreditsTheCasesDepartment()
    {
        var log = new CaseLog();
        Add(log, "a1", D(1, 5), D(1, 10), D(2, 5), handler: "E1", department: "D1");
        Add(log, "a2", D(1, 5), D(1, 10), D(2, 5), handler: "E2", department: "D1");
        Add(log, "a3", D(1, 5), null, D(2, 5), handler: "E2", department: "D1");
        Add(log, "b1", D(1, 5), D(1, 10), D(2, 5), handler: "E3", department: "D2");
        var departments = new SubjectSet(
        [
            new AppraisalSubject { Id = "D1", Name = "第一检察部", DepartmentId = "D1" },
            new AppraisalSubject { Id = "D2", Name = "第二检察部", DepartmentId = "D2" },
        ]);

        var table = Aggregate(Metrics(SubjectKind.Department), departments, log);

        Assert.Equal(2m, table[0, Count].Value);
        Assert.Equal(new MetricValue(66.67m, 3), table[0, Closure]);
        Assert.Equal(new MetricValue(33.33m, 3), table[0, Overdue]);
        Assert.Equal(1m, table[1, Count].Value);
    }

    [Fact]
    public void NoCases_RatesAndDaysAreNull_CountsAreZero()
    {
        var table = Aggregate(Metrics(SubjectKind.Person), TestScoring.Subjects("E1", "E2"), OneHandlersCases());

        Assert.Equal(new MetricValue(0m, 0), table[1, Count]);
        Assert.Equal(new MetricValue(null, 0), table[1, Closure]);
        Assert.Equal(new MetricValue(null, 0), table[1, Overdue]);
        Assert.Equal(new MetricValue(null, 0), table[1, Days]);
        Assert.Equal(new MetricValue(0m, 0), table[1, Flagged]);
    }

    [Fact]
    public void ActiveButNoneClosed_ClosureIsZero_AverageDaysIsNull()
    {
        var log = new CaseLog();
        Add(log, "open", D(2, 1), null, D(5, 1));

        var table = Aggregate(Metrics(SubjectKind.Person), TestScoring.Subjects("E1"), log);

        Assert.Equal(new MetricValue(0m, 1), table[0, Closure]);
        Assert.Equal(new MetricValue(null, 0), table[0, Days]);
    }

    [Fact]
    public void Workload_IsTheClosedCasesUnderTheLeaderFilter()
    {
        var scheme = Person(Category("a", 100)) with
        {
            LeaderWorkload = Workload("a", 5, (LeadershipPost.DepartmentHead, 50)) with { Filter = new CaseFilter { CaseTypes = [Prosecution] } },
        };

        var table = Aggregate(scheme, TestScoring.Subjects("E1"), OneHandlersCases());

        // Prosecution cases closed in Q1: c1 and c2 (c8 closes after Q1).
        Assert.Equal(2, table.Workload(0));
    }

    [Fact]
    public void CaseLog_GivesBackTheRecordsItHolds()
    {
        var log = CaseLog.From(
        [
            new CaseRecord
            {
                CaseId = "c1", HandlerId = "E1", DepartmentId = "D1", CaseType = Prosecution,
                Accepted = D(1, 5), Closed = null, TimeLimit = D(2, 4), QualityFlags = ["returned", "defective"],
            },
        ]);

        var record = log[0];

        Assert.Equal(1, log.Count);
        Assert.Null(record.Closed);
        Assert.Equal(CaseStatus.Open, record.Status);
        Assert.Equal(["returned", "defective"], record.QualityFlags);
        Assert.Equal(D(2, 4), record.TimeLimit);
    }

    [Fact]
    public void CaseLog_RefusesA33rdDistinctFlag()
    {
        var log = new CaseLog();
        for (var i = 0; i < CaseLog.MaxFlags; i++)
        {
            Add(log, $"c{i}", D(1, 1), null, D(2, 1), flags: $"flag-{i}");
        }

        Assert.Throws<InvalidOperationException>(() => Add(log, "one-too-many", D(1, 1), null, D(2, 1), flags: "flag-32"));
    }
}
