using System.Text.Json.Nodes;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Validation;
using static Appraisal.Domain.Tests.TestSchemes;

namespace Appraisal.Domain.Tests.Schemes;

/// <summary>The period rules' fields (issue 19) read and checked at their paths: a target's <c>relativeTo</c> and the
/// leader workload's <c>assessed</c>.</summary>
public sealed class PeriodRuleValidationTests
{
    private static TargetIndicator Relative(decimal percent) =>
        Target("days", "work", CaseMetric.AverageHandlingDays, 45m, 20m) with { RelativeTo = new RelativeTarget { Period = ReferencePeriod.PreviousQuarter, Percent = percent } };

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1001)]
    public void APercentOutOfRange_IsAnErrorAtItsPath(double percent)
    {
        var errors = SchemeValidator.Validate(Person(Category("work", 100)) with { TargetIndicators = [Relative((decimal)percent)] }).Where(i => i.Severity == IssueSeverity.Error).ToList();

        var error = Assert.Single(errors);
        Assert.Equal("$.targetIndicators[0].relativeTo.percent", error.Path);
        Assert.Contains("相对目标", error.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDocument_ReadsRelativeTo_AndRefusesAnUnknownPeriodAtItsPath()
    {
        var valid = SchemeJson.Read(j => j["targetIndicators"]![0]!["relativeTo"] = new JsonObject { ["period"] = "sameQuarterLastYear", ["percent"] = 105 });
        var unknown = SchemeJson.Read(j => j["targetIndicators"]![0]!["relativeTo"] = new JsonObject { ["period"] = "previousMonth", ["percent"] = 85 });
        var missing = SchemeJson.Read(j => j["targetIndicators"]![0]!["relativeTo"] = new JsonObject { ["period"] = "previousQuarter" });

        Assert.True(valid.IsValid, string.Join("; ", valid.Issues));
        Assert.Equal(new RelativeTarget { Period = ReferencePeriod.SameQuarterLastYear, Percent = 105m }, valid.Scheme!.TargetIndicators[0].RelativeTo);
        Assert.Contains(unknown.Errors, e => e.Path == "$.targetIndicators[0].relativeTo.period");
        Assert.Contains(missing.Errors, e => e.Path.StartsWith("$.targetIndicators[0].relativeTo", StringComparison.Ordinal));
    }

    [Fact]
    public void TheDocument_ReadsAssessed_AndRefusesAnUnknownValueAtItsPath()
    {
        static JsonObject Workload(string assessed) => new()
        {
            ["category"] = "a",
            ["deduction"] = 5,
            ["assessed"] = assessed,
            ["rules"] = new JsonArray(new JsonObject { ["post"] = "departmentHead", ["minSharePercent"] = 50 }),
        };

        var yearly = SchemeJson.Read(j =>
        {
            SchemeJson.MakePersonScheme(j);
            j["leaderWorkload"] = Workload("yearly");
        });
        var monthly = SchemeJson.Read(j =>
        {
            SchemeJson.MakePersonScheme(j);
            j["leaderWorkload"] = Workload("monthly");
        });

        Assert.True(yearly.IsValid, string.Join("; ", yearly.Issues));
        Assert.Equal(WorkloadAssessment.Yearly, yearly.Scheme!.LeaderWorkload!.Assessed);
        Assert.Contains(monthly.Errors, e => e.Path == "$.leaderWorkload.assessed");
    }
}
