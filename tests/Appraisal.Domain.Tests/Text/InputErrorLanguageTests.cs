using System.Text.Json.Nodes;
using Appraisal.Domain.Cases;
using Appraisal.Domain.Inputs;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Tests.Inputs;
using Appraisal.Domain.Text;
using static Appraisal.Domain.Tests.TestSchemes;

namespace Appraisal.Domain.Tests.Text;

/// <summary>Input errors in Chinese (the default for users) as precise as in English: the same file, line and field,
/// what was expected and what was found.</summary>
public sealed class InputErrorLanguageTests
{
    private const string CaseHeader = "case_id,handler_id,department_id,case_type,accepted,closed,time_limit,status,quality_flags";

    private static InputError SingleCaseError(params string[] rows)
    {
        var errors = new InputErrors();
        CaseCsv.Read(new StringReader(string.Join("\n", [CaseHeader, .. rows]) + "\n"), "cases.csv", CaseCsvTests.Organisation, errors);
        return Assert.Single(errors.Items);
    }

    [Fact]
    public void BadDate_InChinese_KeepsFileLineAndField()
    {
        var error = SingleCaseError("c1,E1,D1,审查起诉,2026-13-05,,2026-02-04,open,");

        Assert.Equal("expected a date like 2026-01-31, found '2026-13-05'", error.Message);
        Assert.Equal("应为 2026-01-31 格式的日期，实际为 '2026-13-05'", error.MessageZh);
        Assert.Equal("cases.csv:2: accepted：应为 2026-01-31 格式的日期，实际为 '2026-13-05'", error.ToString(Language.Zh));
        Assert.Equal("cases.csv:2: accepted: expected a date like 2026-01-31, found '2026-13-05'", error.ToString(Language.En));
        Assert.Equal(error.ToString(Language.En), error.ToString());
    }

    [Theory]
    [InlineData("c1,E9999,D1,审查起诉,2026-01-05,,2026-02-04,open,", "handler_id", "未知的承办人 'E9999'（不属于 basic-1 院）")]
    [InlineData("c1,E1,D9,审查起诉,2026-01-05,,2026-02-04,open,", "department_id", "未知的部门 'D9'（不属于 basic-1 院）")]
    [InlineData("c1,E1,D1,审查起诉,2026-01-05,,2026-02-04,done,", "status", "应为 open 或 closed（在办/办结），实际为 'done'")]
    [InlineData("c1,E1,D1,审查起诉,2026-01-05,2026-01-04,2026-02-04,closed,", "closed", "应为受理日期 2026-01-05 当日或之后的日期，实际为 2026-01-04")]
    [InlineData("c1,E1,D1,审查起诉,2026-01-05,,2026-02-04,closed,", "closed", "已办结案件应填写办结日期，实际为空")]
    [InlineData(",E1,D1,审查起诉,2026-01-05,,2026-02-04,open,", "case_id", "此项必填，实际为空")]
    public void CaseRowErrors_InChinese(string row, string field, string zh)
    {
        var error = SingleCaseError(row);

        Assert.Equal(field, error.Field);
        Assert.Equal(zh, error.MessageZh);
    }

    [Fact]
    public void TooManyQualityFlags_InChinese_NamesTheOneOverTheLimit()
    {
        var rows = Enumerable.Range(0, CaseLog.MaxFlags + 1)
            .Select(i => $"c{i},E1,D1,审查起诉,2026-01-05,,2026-02-04,open,flag{i}")
            .ToArray();

        var error = SingleCaseError(rows);

        Assert.Equal("quality_flags", error.Field);
        Assert.Equal($"质量标记至多 {CaseLog.MaxFlags} 种，实际更多（超出的为 'flag{CaseLog.MaxFlags}'）", error.MessageZh);
    }

    [Fact]
    public void CsvShapeErrors_InChinese()
    {
        var missing = new InputErrors();
        CaseCsv.Read(new StringReader("case_id,handler_id\nc1,E1\n"), "cases.csv", null, missing);
        var count = new InputErrors();
        CaseCsv.Read(new StringReader(CaseHeader + "\nc1,E1\n"), "cases.csv", null, count);
        var quote = new InputErrors();
        CaseCsv.Read(new StringReader(CaseHeader + "\nc1,E1,D1,\"审查起诉,2026-01-05,,2026-02-04,open,\n"), "cases.csv", null, quote);

        Assert.Equal(
            "表头应包含列 case_id,handler_id,department_id,case_type,accepted,closed,time_limit,status,quality_flags，"
            + "缺少 department_id,case_type,accepted,closed,time_limit,status,quality_flags（实际为 case_id,handler_id）",
            Assert.Single(missing.Items).MessageZh);
        Assert.Equal("应有 9 个字段（与表头一致），实际为 2 个", Assert.Single(count.Items).MessageZh);
        var unterminated = Assert.Single(quote.Items);
        Assert.Equal("cases.csv:2: csv：引号未闭合：本行开始的带引号字段直到文件末尾仍未闭合", unterminated.ToString(Language.Zh));
    }

    [Fact]
    public void RatingAndLedgerErrors_InChinese()
    {
        var scheme = Person(Category("a", 60), Category("b", 40)) with
        {
            RatedIndicators = [Rated("team", "b", 10, true, ("staff", 50), ("leaders", 50))],
            LedgerItems = [Bonus("honour", "a", 2m, cap: 6m)],
        };
        var subjects = TestScoring.Subjects("E1");
        var ratingErrors = new InputErrors();
        RatingCsv.Read(new StringReader("subject_id,indicator_id,rater_group,rater_id,score\nE1,team,peers,r1,105\n"), "ratings.csv", scheme, subjects, ratingErrors);
        var ledgerErrors = new InputErrors();
        LedgerCsv.Read(new StringReader("subject_id,item_id,occurrences,evidence,note\nE1,honour,1,,\n"), "ledger.csv", scheme, subjects, Period.OfYear(2026), ledgerErrors);

        Assert.Equal(
            ["team 的评价主体组应为 staff、leaders 之一，实际为 'peers'", "应为 0 至 100 的评分，实际为 '105'"],
            ratingErrors.Items.Select(e => e.MessageZh));
        Assert.Equal("年终台帐只应记仅在年终计分的项目，实际为 'honour'（应记入季度台帐）", Assert.Single(ledgerErrors.Items).MessageZh);
    }

    [Fact]
    public void OrganisationErrors_InChinese_WithTheirJsonPath()
    {
        var root = JsonNode.Parse(OrganisationDocumentTests.Valid)!.AsObject();
        root["people"]![1]!["departmentId"] = "D9";
        root["positions"]![0]!["id"] = "P 1";
        var errors = new InputErrors();

        OrganisationDocument.Read(root.ToJsonString(), "organisation.json", errors);

        Assert.Contains(errors.Items, e => e.ToString(Language.Zh) == "organisation.json:1: $.people[1].departmentId：未知的部门 'D9'（departments 中没有此标识）");
        Assert.Contains(errors.Items, e => e.Field == "$.positions[0].id" && e.MessageZh == "标识只能包含字母、数字、'.'、'_' 或 '-'，实际为 'P 1'");
    }

    [Theory]
    [InlineData("", "expected an id, found an empty value", "应填写标识，实际为空")]
    [InlineData("a b", "expected letters, digits, '.', '_' or '-' in an id, found 'a b'", "标识只能包含字母、数字、'.'、'_' 或 '-'，实际为 'a b'")]
    public void IdRules_GiveTheReasonInBothLanguages(string id, string en, string zh)
    {
        Assert.False(IdRules.IsValid(id, out var reason, out var reasonZh));
        Assert.Equal(en, reason);
        Assert.Equal(zh, reasonZh);
        Assert.False(IdRules.IsValid(id, out var reasonOnly));
        Assert.Equal(en, reasonOnly);
        Assert.False(IdRules.IsValid(new string('x', 65), out _, out var tooLong));
        Assert.Equal("标识应不超过 64 个字符，实际为 65 个", tooLong);
    }
}
