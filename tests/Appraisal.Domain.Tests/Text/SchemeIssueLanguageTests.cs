using System.Text.Json.Nodes;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Domain.Schemes.Validation;
using Appraisal.Domain.Tests.Schemes;
using Appraisal.Domain.Text;

namespace Appraisal.Domain.Tests.Text;

/// <summary>Scheme issues in Chinese (the default for users) as precise as in English: the same path, what was
/// expected and what was found.</summary>
public sealed class SchemeIssueLanguageTests
{
    /// <summary>Reads <see cref="SchemeJson.Minimal"/> with the value at <paramref name="at"/> (a JSON Pointer) set
    /// to <paramref name="json"/>, or removed when it is null.</summary>
    private static SchemeValidationResult ReadWith(string at, string? json)
    {
        var segments = at.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return SchemeJson.Read(root =>
        {
            JsonNode parent = root;
            foreach (var segment in segments[..^1])
            {
                parent = int.TryParse(segment, out var i) ? parent[i]! : parent[segment]!;
            }

            if (json is null)
            {
                parent.AsObject().Remove(segments[^1]);
            }
            else if (parent is JsonArray array)
            {
                array[int.Parse(segments[^1], System.Globalization.CultureInfo.InvariantCulture)] = JsonNode.Parse(json);
            }
            else
            {
                parent[segments[^1]] = JsonNode.Parse(json);
            }
        });
    }

    [Theory]
    [InlineData("/categories/0/base", "\"60\"", "$.categories[0].base", "应为 number，实际为 string")]
    [InlineData("/version", "1.5", "$.version", "应为 integer，实际为 number")]
    [InlineData("/categories", null, "$", "缺少必填属性 'categories'")]
    [InlineData("/targetIndicators/0/points", "-1", "$.targetIndicators[0].points", "应不小于 0，实际为 -1")]
    [InlineData("/grading/excellentQuotaPercent", "120", "$.grading.excellentQuotaPercent", "应不大于 100，实际为 120")]
    [InlineData("/targetIndicators/0/unit", "0", "$.targetIndicators[0].unit", "应大于 0，实际为 0")]
    [InlineData("/targetIndicators/0/metric", "\"speed\"", "$.targetIndicators[0].metric",
        "应为以下之一：caseCount、closureRate、overdueRate、averageHandlingDays、flaggedCount，实际为 'speed'")]
    [InlineData("/id", "\"a b\"", "$.id", "应匹配正则表达式 ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$，实际为 'a b'")]
    [InlineData("/categories", "[]", "$.categories", "应至少有 1 项，实际为 0 项")]
    [InlineData("/yearEnd/quarterWeights", "[20, 20, 20, 20, 20]", "$.yearEnd.quarterWeights", "应至多有 4 项，实际为 5 项")]
    [InlineData("/staffCategories", "[\"quotaProsecutor\", \"quotaProsecutor\"]", "$.staffCategories", "各项应互不相同，实际 [0] 与 [1] 重复：'quotaProsecutor'")]
    [InlineData("/name/zh", "\"\"", "$.name.zh", "应至少有 1 个字符，实际为 0 个")]
    [InlineData("/targetIndicators/0/colour", "\"red\"", "$.targetIndicators[0].colour", "不应有此属性 'colour'")]
    public void ShapeError_IsWordedInChinese_FromItsKeyword(string at, string? json, string path, string zh)
    {
        var result = ReadWith(at, json);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors, e => e.Path == path);
        Assert.Equal(zh, error.MessageZh);
        Assert.Equal(zh, error.Text(Language.Zh));
        Assert.NotEqual(zh, error.Text(Language.En));
    }

    [Fact]
    public void ShapeError_KeepsTheEnglishOfTheSchemaLibrary()
    {
        var error = Assert.Single(ReadWith("/categories/0/base", "\"60\"").Errors);

        Assert.Equal("Value is \"string\" but should be \"number\"", error.Message);
        Assert.Equal("错误 $.categories[0].base：应为 number，实际为 string", error.ToString(Language.Zh));
        Assert.Equal("error $.categories[0].base: Value is \"string\" but should be \"number\"", error.ToString(Language.En));
    }

    [Fact]
    public void MalformedJson_GivesLineAndCharacter_InChinese()
    {
        const string Json = "{\n  \"id\": \"x\",\n  \"version\": 1\n  \"name\": { \"zh\": \"方案\" }\n}";

        var error = Assert.Single(SchemeDocument.Read(Json).Errors);

        Assert.StartsWith("JSON 格式错误（第 4 行，第 3 个字符）：", error.MessageZh, StringComparison.Ordinal);
        Assert.Contains("(line 4, position 3)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void BasesNotSummingTo100_InChinese()
    {
        var error = Assert.Single(ReadWith("/categories/0/base", "65").Errors);

        Assert.Equal("$.categories", error.Path);
        Assert.Equal("expected category bases summing to 100, found 105", error.Message);
        Assert.Equal("期望类别基础分之和为 100，实际为 105", error.MessageZh);
        Assert.Equal("错误 $.categories：期望类别基础分之和为 100，实际为 105", error.ToString(Language.Zh));
        Assert.Equal("error $.categories: expected category bases summing to 100, found 105", error.ToString());
    }

    [Fact]
    public void UnknownCategory_InChinese_ListsTheCategories()
    {
        var error = Assert.Single(ReadWith("/ledgerItems/0/category", "\"nowhere\"").Errors);

        Assert.Equal("$.ledgerItems[0].category", error.Path);
        Assert.Equal("应为本方案的类别之一（a、b），实际为 'nowhere'", error.MessageZh);
    }

    [Fact]
    public void OverlappingThresholds_InChinese()
    {
        var error = Assert.Single(ReadWith("/grading/thresholds/1/min", "95").Errors);

        Assert.Equal("$.grading.thresholds[1].min", error.Path);
        Assert.Equal("分数线应低于 90（'Excellent' 的分数线），实际为 95：分数线重叠", error.MessageZh);
    }

    [Fact]
    public void LeaderShareWarning_InChinese_NamesThePostAndTheSourceRange()
    {
        var result = SchemeJson.Read(j =>
        {
            SchemeJson.MakePersonScheme(j);
            j["leaderWorkload"] = new JsonObject
            {
                ["category"] = "a",
                ["deduction"] = 5,
                ["rules"] = new JsonArray(new JsonObject { ["post"] = "departmentHead", ["minSharePercent"] = 40 }),
            };
        });

        var warning = Assert.Single(result.Issues);
        Assert.Equal(IssueSeverity.Warning, warning.Severity);
        Assert.Equal("第十条规定基层院部门负责人（DepartmentHead）办案量应为同类平均的 50–70%，实际为 40%", warning.MessageZh);
        Assert.StartsWith("警告 $.leaderWorkload.rules[0].minSharePercent：", warning.ToString(Language.Zh), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryValidatorIssue_HasAChineseMessageOfItsOwn()
    {
        // Many rules broken at once: each issue carries Chinese text, not the English again.
        var result = SchemeJson.Read(j =>
        {
            j["version"] = 1;
            j["categories"]![0]!["base"] = 65;
            j["categories"]![1]!["weight"] = 10;
            j["targetIndicators"]![0]!["target"] = 120;
            j["targetIndicators"]![0]!.AsObject().Remove("bonusCap");
            j["ratedIndicators"]![0]!["raterGroups"]![1]!["group"] = "staff";
            j["ledgerItems"]![0]!["id"] = "t1";
            j["grading"]!["thresholds"]![1]!["grade"] = "excellent";
            j["grading"]!["tieBreak"] = new JsonArray("zzz");
            j["yearEnd"]!["quarterWeights"] = new JsonArray(10, 20, 30, 30);
        });

        Assert.True(result.Errors.Count() >= 9, string.Join("; ", result.Errors));
        Assert.All(result.Issues, i =>
        {
            Assert.NotEqual(i.Message, i.MessageZh);
            Assert.DoesNotContain("expected", i.MessageZh, StringComparison.Ordinal);
        });
    }
}
