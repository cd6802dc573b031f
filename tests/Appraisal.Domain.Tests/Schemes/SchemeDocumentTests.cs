using System.Text.Json.Nodes;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Domain.Schemes.Validation;

namespace Appraisal.Domain.Tests.Schemes;

/// <summary>Reading scheme documents: syntax and shape errors, each at its place in the text.</summary>
public sealed class SchemeDocumentTests
{
    [Fact]
    public void MinimalDocument_IsValid()
    {
        var result = SchemeDocument.Read(SchemeJson.Minimal);

        Assert.True(result.IsValid, string.Join("; ", result.Issues));
        Assert.Empty(result.Issues);
        Assert.Equal(["a", "b"], result.Scheme!.Categories.Select(c => c.Id));
    }

    [Fact]
    public void MalformedJson_ReportsTheLine()
    {
        // Line 4 lacks the comma after "version": 1.
        const string Json = "{\n  \"id\": \"x\",\n  \"version\": 1\n  \"name\": { \"zh\": \"方案\" }\n}";

        var result = SchemeDocument.Read(Json);

        Assert.False(result.IsValid);
        Assert.Null(result.Scheme);
        var error = Assert.Single(result.Errors);
        Assert.Equal("$", error.Path);
        Assert.Contains("line 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrailingComma_IsMalformed()
    {
        var result = SchemeDocument.Read("{ \"id\": \"x\", }");

        var error = Assert.Single(result.Errors);
        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StringForNumber_IsReportedAtItsPath()
    {
        var result = SchemeJson.Read(j => j["categories"]![0]!["base"] = "60");

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Path == "$.categories[0].base");
        Assert.All(result.Errors, e => Assert.Equal("$.categories[0].base", e.Path));
    }

    [Fact]
    public void UnknownProperty_IsReportedAtItsPath()
    {
        var result = SchemeJson.Read(j => j["targetIndicators"]![0]!["colour"] = "red");

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal("$.targetIndicators[0].colour", error.Path);
    }

    [Fact]
    public void UnknownTopLevelProperty_IsReportedAtItsPath()
    {
        var result = SchemeJson.Read(j => j["owner"] = "office");

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.owner", error.Path);
    }

    [Fact]
    public void MissingRequiredProperty_IsAnError()
    {
        var result = SchemeJson.Read(j => j.Remove("categories"));

        Assert.False(result.IsValid);
        Assert.NotEmpty(result.Errors);
    }

    [Fact]
    public void UnknownEnumValue_IsReportedAtItsPath()
    {
        var result = SchemeJson.Read(j => j["targetIndicators"]![0]!["metric"] = "speed");

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Path == "$.targetIndicators[0].metric");
    }

    [Fact]
    public void TwoShapeErrors_AreBothReported()
    {
        var result = SchemeJson.Read(j =>
        {
            j["targetIndicators"]![0]!["points"] = -1;
            j["grading"]!["excellentQuotaPercent"] = 120;
        });

        var paths = result.Errors.Select(e => e.Path).ToList();
        Assert.Contains("$.targetIndicators[0].points", paths);
        Assert.Contains("$.grading.excellentQuotaPercent", paths);
    }

    [Fact]
    public void Parse_OfAnInvalidScheme_ThrowsWithEveryError()
    {
        var root = JsonNode.Parse(SchemeJson.Minimal)!.AsObject();
        root["categories"]![0]!["base"] = 70;
        root["ledgerItems"]![0]!["category"] = "nowhere";

        var ex = Assert.Throws<FormatException>(() => SchemeDocument.Parse(root.ToJsonString()));

        Assert.Contains("$.categories", ex.Message, StringComparison.Ordinal);
        Assert.Contains("$.ledgerItems[0].category", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IssuesCarrySeverity_AndPrintWithTheirPath()
    {
        var issue = new ValidationIssue(IssueSeverity.Error, "$.categories", "expected category bases summing to 100, found 110");

        Assert.Equal("error $.categories: expected category bases summing to 100, found 110", issue.ToString());
    }

    [Theory]
    [InlineData("/categories/1/base", "$.categories[1].base")]
    [InlineData("", "$")]
    [InlineData("/grading/thresholds/0/min", "$.grading.thresholds[0].min")]
    [InlineData("/a~1b/c~0d", "$.a/b.c~d")]
    public void JsonPointer_BecomesAJsonPath(string pointer, string path)
    {
        Assert.Equal(path, SchemeDocument.ToJsonPath(pointer));
    }

    [Fact]
    public void Write_UsesCamelCaseAndEnumNames_AndKeepsChineseReadable()
    {
        var json = SchemeDocument.Write(TestSchemes.Department(TestSchemes.Category("business", 100)));

        Assert.Contains("\"subjectKind\": \"department\"", json, StringComparison.Ordinal);
        Assert.Contains("\"mode\": \"basePlusAdjustment\"", json, StringComparison.Ordinal);
        Assert.Contains("测试方案", json, StringComparison.Ordinal);
        Assert.True(SchemeDocument.Read(json).IsValid);
    }
}
