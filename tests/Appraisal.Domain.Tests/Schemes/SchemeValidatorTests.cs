using System.Text.Json.Nodes;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Validation;
using static Appraisal.Domain.Tests.TestSchemes;

namespace Appraisal.Domain.Tests.Schemes;

/// <summary>The scheme rules beyond the JSON shape, each broken alone, reported at its JSON path.</summary>
public sealed class SchemeValidatorTests
{
    private static ValidationIssue SingleError(SchemeValidationResult result)
    {
        Assert.False(result.IsValid);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void BasesNotSummingTo100_IsAnErrorAtCategories()
    {
        var result = SchemeJson.Read(j => j["categories"]![0]!["base"] = 70);

        var error = SingleError(result);
        Assert.Equal("$.categories", error.Path);
        Assert.Contains("110", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BasesNotSummingTo100_Directly_IsAnErrorAtCategories()
    {
        var issues = SchemeValidator.Validate(Department(Category("a", 60), Category("b", 30)));

        var error = Assert.Single(issues);
        Assert.Equal(IssueSeverity.Error, error.Severity);
        Assert.Equal("$.categories", error.Path);
    }

    [Fact]
    public void WeightsNotSummingTo100_InWeightedMode_IsAnErrorAtCategories()
    {
        var scheme = Weighted(Category("case", 100, weight: 70), Category("conduct", 100, weight: 20));

        var error = Assert.Single(SchemeValidator.Validate(scheme));

        Assert.Equal("$.categories", error.Path);
        Assert.Contains("90", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WeightsSummingTo100_InWeightedMode_DoNotNeedBasesSummingTo100()
    {
        var scheme = Weighted(Category("case", 100, weight: 70), Category("conduct", 100, weight: 30));

        Assert.Empty(SchemeValidator.Validate(scheme));
    }

    [Fact]
    public void WeightedModeThroughJson_WeightsSumming90_IsAnErrorAtCategories()
    {
        var result = SchemeJson.Read(j =>
        {
            j["mode"] = "weighted";
            j["categories"]![0]!["base"] = 100;
            j["categories"]![0]!["weight"] = 70;
            j["categories"]![1]!["base"] = 100;
            j["categories"]![1]!["weight"] = 20;
        });

        Assert.Equal("$.categories", SingleError(result).Path);
    }

    [Fact]
    public void CategoryWithoutWeight_InWeightedMode_IsAnErrorAtItsWeight()
    {
        var scheme = Weighted(Category("case", 100, weight: 100), Category("conduct", 100));

        var error = Assert.Single(SchemeValidator.Validate(scheme));

        Assert.Equal("$.categories[1].weight", error.Path);
    }

    [Theory]
    [InlineData("targetIndicators", "$.targetIndicators[0].category")]
    [InlineData("ratedIndicators", "$.ratedIndicators[0].category")]
    [InlineData("ledgerItems", "$.ledgerItems[0].category")]
    public void UnknownCategoryReference_IsAnErrorAtTheReference(string list, string path)
    {
        var result = SchemeJson.Read(j => j[list]![0]!["category"] = "nowhere");

        var error = SingleError(result);
        Assert.Equal(path, error.Path);
        Assert.Contains("'nowhere'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCategoryInTieBreak_IsAnErrorAtItsIndex()
    {
        var result = SchemeJson.Read(j => j["grading"]!["tieBreak"] = new JsonArray("a", "zzz"));

        Assert.Equal("$.grading.tieBreak[1]", SingleError(result).Path);
    }

    [Fact]
    public void DuplicateItemId_IsAnErrorAtTheSecondId()
    {
        var result = SchemeJson.Read(j => j["ledgerItems"]![0]!["id"] = "t1");

        var error = SingleError(result);
        Assert.Equal("$.ledgerItems[0].id", error.Path);
        Assert.Contains("$.targetIndicators[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateCategoryId_IsAnErrorAtTheSecondCategory()
    {
        var result = SchemeJson.Read(j => j["categories"]![1]!["id"] = "a");

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Path == "$.categories[1].id");
    }

    [Fact]
    public void DuplicateRaterGroup_IsAnErrorAtTheSecondGroup()
    {
        var result = SchemeJson.Read(j => j["ratedIndicators"]![0]!["raterGroups"]![1]!["group"] = "staff");

        Assert.Equal("$.ratedIndicators[0].raterGroups[1].group", SingleError(result).Path);
    }

    [Fact]
    public void ThresholdsUnordered_IsAnErrorAtTheOffendingMin()
    {
        var result = SchemeJson.Read(j => j["grading"]!["thresholds"]![1]!["min"] = 95);

        var error = SingleError(result);
        Assert.Equal("$.grading.thresholds[1].min", error.Path);
    }

    [Fact]
    public void ThresholdsOverlapping_EqualMinimums_IsAnErrorAtTheSecond()
    {
        var result = SchemeJson.Read(j => j["grading"]!["thresholds"]![2]!["min"] = 80);

        Assert.Equal("$.grading.thresholds[2].min", SingleError(result).Path);
    }

    [Fact]
    public void GradesOutOfOrder_IsAnErrorAtTheGrade()
    {
        var result = SchemeJson.Read(j =>
        {
            j["grading"]!["thresholds"]![0]!["grade"] = "good";
            j["grading"]!["thresholds"]![1]!["grade"] = "excellent";
        });

        Assert.Contains(result.Errors, e => e.Path == "$.grading.thresholds[1].grade");
    }

    [Theory]
    [InlineData(120)]
    [InlineData(-5)]
    public void QuotaOutside0To100_IsAnErrorAtTheQuota(int quota)
    {
        var result = SchemeJson.Read(j => j["grading"]!["excellentQuotaPercent"] = quota);

        Assert.Equal("$.grading.excellentQuotaPercent", SingleError(result).Path);
    }

    [Fact]
    public void QuotaOutside0To100_Directly_IsAnErrorAtTheQuota()
    {
        var scheme = Department(Category("a", 100)) with { Grading = GradingRules.Default with { ExcellentQuotaPercent = 101m } };

        var error = Assert.Single(SchemeValidator.Validate(scheme));

        Assert.Equal("$.grading.excellentQuotaPercent", error.Path);
    }

    [Theory]
    [InlineData("targetIndicators", "points", "$.targetIndicators[0].points")]
    [InlineData("targetIndicators", "deductionCap", "$.targetIndicators[0].deductionCap")]
    [InlineData("targetIndicators", "bonusCap", "$.targetIndicators[0].bonusCap")]
    [InlineData("ratedIndicators", "points", "$.ratedIndicators[0].points")]
    [InlineData("ledgerItems", "points", "$.ledgerItems[0].points")]
    [InlineData("ledgerItems", "cap", "$.ledgerItems[0].cap")]
    public void NegativePointsOrCap_IsAnErrorAtIt(string list, string property, string path)
    {
        var result = SchemeJson.Read(j => j[list]![0]![property] = -1);

        Assert.Equal(path, SingleError(result).Path);
    }

    [Fact]
    public void NegativePointsAndCap_Directly_AreErrorsAtEach()
    {
        var scheme = Department(Category("a", 100)) with
        {
            TargetIndicators = [Target("t", "a", CaseMetric.CaseCount, 10, -5, deductionPerUnit: 1, deductionCap: -2)],
            LedgerItems = [Bonus("l", "a", -1, cap: -3)],
        };

        var paths = SchemeValidator.Validate(scheme).Select(i => i.Path).ToList();

        Assert.Equal(
            ["$.targetIndicators[0].points", "$.targetIndicators[0].deductionCap", "$.ledgerItems[0].points", "$.ledgerItems[0].cap"],
            paths);
    }

    [Fact]
    public void RaterGroupWeightsNot100_IsAnErrorAtTheGroups()
    {
        var result = SchemeJson.Read(j => j["ratedIndicators"]![0]!["raterGroups"]![1]!["weight"] = 40);

        var error = SingleError(result);
        Assert.Equal("$.ratedIndicators[0].raterGroups", error.Path);
        Assert.Contains("90", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IndicatorPointsExceedingTheCategoryBase_IsAnErrorAtTheBase()
    {
        // Target (20) plus rated (45) indicators in b: 65 > 40.
        var result = SchemeJson.Read(j =>
        {
            j["ratedIndicators"]![0]!["points"] = 45;
            j["targetIndicators"]![0]!["category"] = "b";
        });

        var error = SingleError(result);
        Assert.Equal("$.categories[1].base", error.Path);
        Assert.Contains("65", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IndicatorPointsEqualToTheBase_AreAllowed()
    {
        var result = SchemeJson.Read(j => j["targetIndicators"]![0]!["points"] = 60);

        Assert.True(result.IsValid, string.Join("; ", result.Issues));
    }

    [Fact]
    public void QuarterWeightsNotSummingTo100_IsAnErrorAtQuarterWeights()
    {
        var result = SchemeJson.Read(j => j["yearEnd"]!["quarterWeights"] = new JsonArray(20, 25, 25, 25));

        var error = SingleError(result);
        Assert.Equal("$.yearEnd.quarterWeights", error.Path);
    }

    [Fact]
    public void ThreeQuarterWeights_Directly_IsAnErrorAtQuarterWeights()
    {
        var scheme = Department(Category("a", 100)) with { YearEnd = new YearEndRules { QuarterWeights = [40m, 30m, 30m] } };

        var error = Assert.Single(SchemeValidator.Validate(scheme));

        Assert.Equal("$.yearEnd.quarterWeights", error.Path);
    }

    [Fact]
    public void BonusWithoutCap_IsAnErrorAtTheCap()
    {
        var result = SchemeJson.Read(j => j["targetIndicators"]![0]!.AsObject().Remove("bonusCap"));

        Assert.Equal("$.targetIndicators[0].bonusCap", SingleError(result).Path);
    }

    [Fact]
    public void FlaggedCountWithoutFlags_IsAnErrorAtTheFilter()
    {
        var scheme = Department(Category("a", 100)) with
        {
            TargetIndicators = [Target("defects", "a", CaseMetric.FlaggedCount, 0, 10, deductionPerUnit: 2)],
        };

        Assert.Equal("$.targetIndicators[0].filter.flags", Assert.Single(SchemeValidator.Validate(scheme)).Path);
    }

    [Fact]
    public void PersonSchemeWithoutStaffCategories_IsAnError()
    {
        var scheme = Person(Category("a", 100)) with { StaffCategories = [] };

        Assert.Equal("$.staffCategories", Assert.Single(SchemeValidator.Validate(scheme)).Path);
    }

    [Fact]
    public void LeaderWorkloadInADepartmentScheme_IsAnError()
    {
        var scheme = Department(Category("a", 100)) with { LeaderWorkload = Workload("a", 5, (LeadershipPost.DepartmentHead, 50)) };

        Assert.Equal("$.leaderWorkload", Assert.Single(SchemeValidator.Validate(scheme)).Path);
    }

    [Fact]
    public void LeaderShareOutsideTheSourceRange_IsAWarning_NotAnError()
    {
        var result = SchemeJson.Read(j =>
        {
            SchemeJson.MakePersonScheme(j);
            j["leaderWorkload"] = new JsonObject
            {
                ["category"] = "a",
                ["deduction"] = 5,
                ["rules"] = new JsonArray(
                    new JsonObject { ["post"] = "departmentHead", ["minSharePercent"] = 40 },
                    new JsonObject { ["post"] = "chiefProsecutor", ["minSharePercent"] = 5 }),
            };
        });

        Assert.True(result.IsValid, string.Join("; ", result.Issues));
        var warning = Assert.Single(result.Issues);
        Assert.Equal(IssueSeverity.Warning, warning.Severity);
        Assert.Equal("$.leaderWorkload.rules[0].minSharePercent", warning.Path);
        Assert.Contains("50–70", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OfficeLevel.Basic, LeadershipPost.ChiefProsecutor, 5, false)]
    [InlineData(OfficeLevel.Basic, LeadershipPost.ChiefProsecutor, 10, false)]
    [InlineData(OfficeLevel.Basic, LeadershipPost.ChiefProsecutor, 11, true)]
    [InlineData(OfficeLevel.Basic, LeadershipPost.DeputyChiefProsecutor, 30, false)]
    [InlineData(OfficeLevel.Basic, LeadershipPost.DeputyChiefProsecutor, 25, true)]
    [InlineData(OfficeLevel.Prefecture, LeadershipPost.ChiefProsecutor, 5, false)]
    [InlineData(OfficeLevel.Prefecture, LeadershipPost.ChiefProsecutor, 8, true)]
    [InlineData(OfficeLevel.Prefecture, LeadershipPost.DeputyChiefProsecutor, 20, false)]
    [InlineData(OfficeLevel.Prefecture, LeadershipPost.DeputyChiefProsecutor, 35, true)]
    [InlineData(OfficeLevel.Prefecture, LeadershipPost.DepartmentHead, 70, false)]
    [InlineData(OfficeLevel.Prefecture, LeadershipPost.DepartmentHead, 71, true)]
    public void LeaderShare_IsCheckedAgainstArticle10_ForTheOfficeLevel(OfficeLevel level, LeadershipPost post, int share, bool warned)
    {
        var scheme = Person(Category("a", 100)) with
        {
            OfficeLevel = level,
            LeaderWorkload = Workload("a", 5, (post, share)),
        };

        var issues = SchemeValidator.Validate(scheme);

        Assert.DoesNotContain(issues, i => i.Severity == IssueSeverity.Error);
        Assert.Equal(warned, issues.Any(i => i.Severity == IssueSeverity.Warning && i.Path == "$.leaderWorkload.rules[0].minSharePercent"));
    }

    [Fact]
    public void PerformanceUnder60Percent_WithTheSppGuideline_IsAWarning_NotAnError()
    {
        // Only a (base 50) is performance: 50% < 60%.
        var result = SchemeJson.Read(j =>
        {
            j["guideline"] = "SPP-2021";
            j["categories"]![0]!["base"] = 50;
            j["categories"]![1]!["base"] = 50;
        });

        Assert.True(result.IsValid, string.Join("; ", result.Issues));
        var warning = Assert.Single(result.Issues);
        Assert.Equal(IssueSeverity.Warning, warning.Severity);
        Assert.Equal("$.categories", warning.Path);
        Assert.Contains("50%", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PerformanceAtExactly60Percent_WithTheSppGuideline_IsFine()
    {
        var scheme = Department(Category("a", 60, performance: true), Category("b", 40)) with { Guideline = Scheme.SppGuideline2021 };

        Assert.Empty(SchemeValidator.Validate(scheme));
    }

    [Fact]
    public void PerformanceUnder60Percent_WithoutTheGuideline_IsNotChecked()
    {
        var scheme = Department(Category("a", 10, performance: true), Category("b", 90));

        Assert.Empty(SchemeValidator.Validate(scheme));
    }

    [Fact]
    public void PerformanceShare_InAWeightedScheme_IsTheWeight()
    {
        // Performance weight 50 < 60 although its raw base is 100.
        var scheme = Weighted(Category("case", 100, weight: 50, performance: true), Category("conduct", 100, weight: 50)) with
        {
            Guideline = Scheme.SppGuideline2021,
        };

        var warning = Assert.Single(SchemeValidator.Validate(scheme));

        Assert.Equal(IssueSeverity.Warning, warning.Severity);
        Assert.Equal("$.categories", warning.Path);
    }

    [Fact]
    public void TwoIndependentErrors_AreBothReported()
    {
        var result = SchemeJson.Read(j =>
        {
            j["categories"]![0]!["base"] = 70;
            j["ledgerItems"]![0]!["category"] = "nowhere";
        });

        Assert.False(result.IsValid);
        Assert.Equal(["$.categories", "$.ledgerItems[0].category"], result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ManyIndependentErrors_Directly_AreAllReported()
    {
        var scheme = Department(Category("a", 50), Category("b", 40)) with
        {
            RatedIndicators = [Rated("r", "b", 10, false, ("staff", 60), ("leaders", 60))],
            LedgerItems = [Bonus("l", "c", 1, cap: 2)],
            YearEnd = new YearEndRules { QuarterWeights = [25m, 25m, 25m, 30m] },
            Grading = GradingRules.Default with { ExcellentQuotaPercent = 150m },
        };

        var paths = SchemeValidator.Validate(scheme).Select(i => i.Path).ToHashSet();

        Assert.Equal(
            new HashSet<string> { "$.categories", "$.ratedIndicators[0].raterGroups", "$.ledgerItems[0].category", "$.yearEnd.quarterWeights", "$.grading.excellentQuotaPercent" },
            paths);
    }
}
