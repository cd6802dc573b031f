using Appraisal.Domain.Cases;
using Appraisal.Domain.Inputs;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Validation;
using Appraisal.Domain.Scoring;
using Appraisal.Domain.Text;

namespace Appraisal.Domain.Tests.Cases;

/// <summary>Case weights by class (第九条's 实体性 1, 程序性 0.5, 指导性 1.5) and by case type, computed by hand: the
/// weighted count is what the target compares, the basis stays the number of cases, and the explanation names the
/// weights; a class column read from the case file; a weight on a rate, or out of range, is an error at its path.</summary>
public sealed class CaseWeightTests
{
    private static readonly CaseWeights ByClass = new()
    {
        By = CaseWeightBasis.Class,
        Values = new Dictionary<string, decimal> { ["实体性"] = 1m, ["程序性"] = 0.5m, ["指导性"] = 1.5m },
    };

    private static TargetIndicator Count(CaseWeights? weights, CaseMetric metric = CaseMetric.CaseCount) => new()
    {
        Id = "cases",
        Name = new LocalizedText("办案数", "Cases closed"),
        Category = "business",
        Metric = metric,
        Target = 10,
        Points = 40,
        BonusPerUnit = 1,
        BonusCap = 10,
        DeductionPerUnit = 2,
        DeductionCap = 20,
        Weights = weights,
    };

    private static Scheme Scheme(params TargetIndicator[] targets) =>
        TestSchemes.Department(TestSchemes.Category("business", 100)) with { TargetIndicators = targets };

    /// <summary>Department D1 closes in the quarter: 6 实体性, 4 程序性, 2 指导性, 1 without a class, and one 实体性 still
    /// open (not counted); D2 closes 8 程序性.</summary>
    private static CaseLog Log()
    {
        var log = new CaseLog();
        var n = 0;
        void Add(string department, string? caseClass, int count, bool closed = true, string type = "审查起诉")
        {
            for (var i = 0; i < count; i++)
            {
                log.Add(new CaseRecord
                {
                    CaseId = $"C{++n:D3}",
                    HandlerId = "E1",
                    DepartmentId = department,
                    CaseType = type,
                    Class = caseClass,
                    Accepted = new DateOnly(2026, 1, 5),
                    Closed = closed ? new DateOnly(2026, 2, 5) : null,
                    TimeLimit = new DateOnly(2026, 6, 30),
                });
            }
        }

        Add("D1", "实体性", 6);
        Add("D1", "程序性", 4);
        Add("D1", "指导性", 2, type: "民事检察");
        Add("D1", null, 1);
        Add("D1", "实体性", 1, closed: false);
        Add("D2", "程序性", 8);
        return log;
    }

    private static IReadOnlyList<Scorecard> Score(Scheme scheme)
    {
        var subjects = TestScoring.Subjects(TestScoring.Subject("D1", "D1"), TestScoring.Subject("D2", "D2"));
        var table = CaseAggregator.Aggregate(scheme, subjects, Log(), TestScoring.Quarter);
        return Scorer.Score(new ScoringInput(scheme, TestScoring.Quarter, subjects, table, RatingTable.Build(scheme, subjects, Array.Empty<Rating>()), LedgerBook.Build(scheme, subjects, [])));
    }

    [Fact]
    public void WeightedByClass_TheTargetComparesTheWeightedCount()
    {
        // D1: 6×1 + 4×0.5 + 2×1.5 + 1×1 (no class: the default) = 12 ≥ 10 → 2 units × 1 = bonus 2; basis 13 cases.
        // D2: 8×0.5 = 4 < 10 → 6 units short × 2 = deduction 12; basis 8 cases.
        var cards = Score(Scheme(Count(ByClass)));

        var d1 = cards.Single(c => c.SubjectId == "D1");
        var target = d1.Lines.Single(l => l.Kind == LineKind.Target);
        Assert.Equal((12m, 13, 2), (target.Input, target.Basis, target.Units));
        Assert.Equal(2m, d1.Lines.Single(l => l.Kind == LineKind.TargetBonus).Points);
        var d2 = cards.Single(c => c.SubjectId == "D2");
        Assert.Equal((4m, 8, 6), (d2.Lines.Single(l => l.Kind == LineKind.Target).Input, d2.Lines.Single(l => l.Kind == LineKind.Target).Basis, d2.Lines.Single(l => l.Kind == LineKind.Target).Units));
        Assert.Equal(-12m, d2.Lines.Single(l => l.Kind == LineKind.TargetDeduction).Points);

        var zh = ScorecardText.Line(target, Scheme(Count(ByClass)), Language.Zh);
        Assert.Contains("（13 件）", zh, StringComparison.Ordinal);
        Assert.EndsWith("（按案件类别加权：实体性×1、指导性×1.5、程序性×0.5，其他×1）", zh, StringComparison.Ordinal);
        Assert.Contains("cases weighted by class", ScorecardText.Line(target, Scheme(Count(ByClass)), Language.En), StringComparison.Ordinal);
    }

    [Fact]
    public void WeightedByCaseType_AndUnweightedBeside_CountTheirOwnWay()
    {
        // By type: 民事检察 × 3, others × 1 → D1: 11×1 + 2×3 = 17. The unweighted indicator on the same cases counts 13.
        var byType = Count(new CaseWeights { By = CaseWeightBasis.CaseType, Values = new Dictionary<string, decimal> { ["民事检察"] = 3m } });
        var plain = Count(null) with { Id = "plain" };

        var d1 = Score(Scheme(byType, plain)).Single(c => c.SubjectId == "D1");

        Assert.Equal([17m, 13m], d1.Lines.Where(l => l.Kind == LineKind.Target).Select(l => l.Input));
    }

    [Fact]
    public void TheClassColumn_IsReadWhenPresent_AndAFileWithoutItReadsAsBefore()
    {
        const string With = "case_id,handler_id,department_id,case_type,accepted,closed,time_limit,status,quality_flags,class\n" +
            "C1,E1,D1,审查起诉,2026-01-05,2026-02-05,2026-06-30,closed,,程序性\nC2,E1,D1,审查起诉,2026-01-05,,2026-06-30,open,,\n";
        const string Without = "case_id,handler_id,department_id,case_type,accepted,closed,time_limit,status,quality_flags\n" +
            "C1,E1,D1,审查起诉,2026-01-05,2026-02-05,2026-06-30,closed,\n";
        var errors = new InputErrors();

        var with = CaseCsv.Read(new StringReader(With), "cases.csv", null, errors);
        var without = CaseCsv.Read(new StringReader(Without), "cases.csv", null, errors);

        Assert.Empty(errors.Items);
        Assert.Equal("程序性", with[0].Class);
        Assert.Null(with[1].Class);
        Assert.Null(without[0].Class);
        var written = new StringWriter();
        CaseCsv.Write(written, [with[0], with[1]]);
        Assert.Equal("程序性", CaseCsv.Read(new StringReader(written.ToString()), "again.csv", null, errors)[0].Class);
        Assert.Empty(errors.Items);
    }

    [Fact]
    public void AControlCharacterInTheClass_IsAnErrorNamingTheColumn()
    {
        var errors = new InputErrors();

        CaseCsv.Read(new StringReader("case_id,handler_id,department_id,case_type,accepted,closed,time_limit,status,quality_flags,class\n" +
            "C1,E1,D1,审查起诉,2026-01-05,2026-02-05,2026-06-30,closed,,程序\u0007性\n"), "cases.csv", null, errors);

        Assert.Equal(("cases.csv", 2, "class"), (errors.Items.Single().File, errors.Items.Single().Line, errors.Items.Single().Field));
    }

    [Theory]
    [InlineData("rate", "$.targetIndicators[0].weights", "只有 caseCount、flaggedCount 指标可按案件加权")]
    [InlineData("negative", "$.targetIndicators[0].weights.values.程序性", "权重应在 0 至 100 之间")]
    [InlineData("default", "$.targetIndicators[0].weights.default", "权重应在 0 至 100 之间")]
    [InlineData("empty", "$.targetIndicators[0].weights.values", "应至少给出一个")]
    public void ABrokenWeight_IsAnErrorAtItsPath(string broken, string path, string zh)
    {
        var indicator = broken switch
        {
            "rate" => Count(ByClass, CaseMetric.ClosureRate) with { Target = 90 },
            "negative" => Count(ByClass with { Values = new Dictionary<string, decimal> { ["程序性"] = -0.5m } }),
            "default" => Count(ByClass with { Default = 101 }),
            _ => Count(ByClass with { Values = new Dictionary<string, decimal>() }),
        };

        var errors = SchemeValidator.Validate(Scheme(indicator)).Where(i => i.Severity == IssueSeverity.Error).ToList();

        var error = Assert.Single(errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(zh, error.MessageZh, StringComparison.Ordinal);
    }
}
