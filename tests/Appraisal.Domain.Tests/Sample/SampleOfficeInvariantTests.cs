using System.Text.Json;
using Appraisal.Domain.Cases;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Sample;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Domain.Scoring;
using Appraisal.Domain.Text;

namespace Appraisal.Domain.Tests.Sample;

/// <summary>Properties every scorecard must have, over generated offices scored under templates A–D.</summary>
public sealed class SampleOfficeInvariantTests
{
    private static readonly Scheme[] Templates = new[] { "A", "B", "C", "D" }.Select(SchemeTemplates.Load).ToArray();

    public static TheoryData<int> Seeds => [1, 7, 20261, 424242];

    private static Dictionary<string, IReadOnlyList<Scorecard>> ScoreAll(SampleOptions options)
    {
        var data = SampleOffice.Generate(options, Templates);
        var log = CaseLog.From(data.Cases);
        return Templates.ToDictionary(s => s.Id, s => Scorer.Score(ScoringInput.Prepare(
            s, options.Period, SubjectSet.For(s, data.Organisation), log, data.Ratings[s.Id], data.Ledger[s.Id])));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EveryScorecard_AddsUp_NoCategoryIsNegative_AndNoPoolExceedsItsQuota(int seed)
    {
        var options = new SampleOptions { Seed = seed };

        var results = ScoreAll(options);

        foreach (var scheme in Templates)
        {
            var cards = results[scheme.Id];
            Assert.NotEmpty(cards);
            foreach (var card in cards)
            {
                Assert.Equal(card.Lines.Sum(l => l.Points), card.Total);
                Assert.Equal(card.Categories.Sum(c => c.Points), card.Total);
                Assert.Equal(scheme.Categories.Select(c => c.Id), card.Categories.Select(c => c.Category));
                foreach (var category in card.Categories)
                {
                    var lines = card.Lines.Where(l => l.Category == category.Category).ToList();
                    Assert.Equal(lines.Sum(l => l.Points), category.Points);
                    Assert.Equal(lines.Sum(l => l.Raw), category.Raw);
                    Assert.True(category.Points >= 0m, $"{scheme.Id} {card.SubjectId} {category.Category}: {category.Points}");
                    Assert.True(category.Raw >= 0m, $"{scheme.Id} {card.SubjectId} {category.Category}: raw {category.Raw}");
                }

                Assert.Equal(scheme.Grading.Qualify(card.Total), card.QualifiedGrade);
                Assert.True(card.Grade >= card.QualifiedGrade, "the quota may lower a grade, never raise it");
            }

            var pools = cards.GroupBy(c => scheme.SubjectKind == SubjectKind.Person ? c.StaffCategory : null);
            foreach (var pool in pools)
            {
                var quota = (int)Math.Floor(pool.Count() * scheme.Grading.ExcellentQuotaPercent / 100m);
                Assert.InRange(pool.Count(c => c.Grade == Grade.Excellent), 0, quota);
            }
        }
    }

    [Fact]
    public void TemplateB_WeighsTheSampleCasesBy第九条sClasses()
    {
        var options = new SampleOptions { Seed = 11 };
        var data = SampleOffice.Generate(options, Templates);
        var scheme = Templates.Single(s => s.Id == "template-b");
        var weights = scheme.TargetIndicators.Single(t => t.Id == "case-count").Weights;

        Assert.NotNull(weights);
        Assert.Equal(CaseWeightBasis.Class, weights.By);
        var classes = data.Cases.GroupBy(c => c.Class).ToDictionary(g => g.Key ?? "", g => g.Count());
        Assert.Equal(["实体性", "指导性", "程序性"], classes.Keys.Order(StringComparer.Ordinal));
        Assert.InRange(classes["实体性"] * 10, data.Cases.Count * 6, data.Cases.Count * 8);

        var cards = Scorer.Score(ScoringInput.Prepare(scheme, options.Period, SubjectSet.For(scheme, data.Organisation),
            CaseLog.From(data.Cases), data.Ratings[scheme.Id], data.Ledger[scheme.Id]));
        var lines = cards.Select(c => c.Lines.Single(l => l.Kind == LineKind.Target && l.Item == "case-count"))
            .Where(l => l.Outcome != LineOutcome.NoData).ToList();

        // Each person's counted cases weigh 0.5, 1 or 1.5: the weighted count is within half and one and a half times
        // the number of cases, and differs from it for someone (it would equal it everywhere were the weights ignored).
        Assert.All(lines, l => Assert.InRange(l.Input!.Value, l.Basis * 0.5m, l.Basis * 1.5m));
        Assert.Contains(lines, l => l.Input != l.Basis);
        Assert.Contains("按案件类别加权：实体性×1、指导性×1.5、程序性×0.5", ScorecardText.Line(lines[0], scheme, Language.Zh), StringComparison.Ordinal);
    }

    [Fact]
    public void PersonSchemes_AppraiseOnlyTheirStaffCategories()
    {
        var options = new SampleOptions { Seed = 3 };
        var data = SampleOffice.Generate(options, Templates);

        var results = ScoreAll(options);

        Assert.Equal(data.Organisation.Departments.Count, results["template-a"].Count);
        var prosecutors = data.Organisation.People.Count(p => p.Category == StaffCategory.QuotaProsecutor);
        Assert.Equal(prosecutors, results["template-b"].Count);
        Assert.Equal(data.Organisation.People.Count - prosecutors, results["template-c"].Count);
        Assert.All(results["template-b"], c => Assert.Equal(StaffCategory.QuotaProsecutor, c.StaffCategory));
    }

    [Fact]
    public void SameSeed_GivesIdenticalScorecards_AnotherSeed_DifferentOnes()
    {
        var first = JsonSerializer.Serialize(ScoreAll(new SampleOptions { Seed = 11 }), DomainJson.Compact);
        var second = JsonSerializer.Serialize(ScoreAll(new SampleOptions { Seed = 11 }), DomainJson.Compact);
        var other = JsonSerializer.Serialize(ScoreAll(new SampleOptions { Seed = 12 }), DomainJson.Compact);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void SameSeed_GivesIdenticalData()
    {
        var options = new SampleOptions { Seed = 5, People = 60, Departments = 8 };

        var a = SampleOffice.Generate(options, Templates);
        var b = SampleOffice.Generate(options, Templates);

        Assert.Equal(JsonSerializer.Serialize(a.Cases, DomainJson.Compact), JsonSerializer.Serialize(b.Cases, DomainJson.Compact));
        Assert.Equal(a.Organisation.People, b.Organisation.People);
        Assert.Equal(a.Ledger["template-a"], b.Ledger["template-a"]);
        Assert.Equal(a.Ratings["template-b"], b.Ratings["template-b"]);
    }

    [Fact]
    public void GeneratedOffice_HasTheRequestedSize_AndOneHeadPerDepartment()
    {
        var data = SampleOffice.Generate(new SampleOptions { Seed = 9 }, Templates);

        Assert.Equal(30, data.Organisation.Departments.Count);
        Assert.Equal(215, data.Organisation.People.Count);
        Assert.All(
            data.Organisation.People.Where(p => p.Post == LeadershipPost.DepartmentHead).GroupBy(p => p.DepartmentId),
            g => Assert.Single(g));
    }
}
