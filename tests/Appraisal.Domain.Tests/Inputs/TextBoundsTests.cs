using System.Text.Json.Nodes;
using Appraisal.Domain.Inputs;

namespace Appraisal.Domain.Tests.Inputs;

/// <summary>Names and other text of the input files within their bounds — no control characters, no half of a
/// surrogate pair, at most their length; ids as storage keys take them — refused at the file, line and field, with
/// nothing read.</summary>
public sealed class TextBoundsTests
{
    public static TheoryData<string, string, string> OrganisationChanges => new()
    {
        { "$.office.name", "示例区\u0007人民检察院", "U+0007" },
        { "$.office.id", "basic 1", "'basic 1'" },
        { "$.departments[1].name", "第二\u0000检察部", "U+0000" },
        { "$.positions[0].title", "检察官\n", "U+000A" },
        { "$.people[2].name", new string('张', TextRules.MaxName + 1), $"found {TextRules.MaxName + 1}" },
        { "$.people[0].name", " ", "found an empty one" },
        { "$.people[0].email", "wang@example.org\r\nBcc: x@example.org", "U+000D" },
    };

    [Theory]
    [MemberData(nameof(OrganisationChanges))]
    public void OrganisationText_OutOfBounds_IsRefusedAtItsField_AndNothingIsRead(string field, string value, string found)
    {
        var root = JsonNode.Parse(OrganisationDocumentTests.Valid)!.AsObject();
        var path = field[2..].Replace("[", ".", StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal).Split('.');
        JsonNode node = root;
        foreach (var step in path[..^1])
        {
            node = int.TryParse(step, out var index) ? node[index]! : node[step]!;
        }

        node[path[^1]] = value;
        var errors = new InputErrors();

        var organisation = OrganisationDocument.Read(root.ToJsonString(), "organisation.json", errors);

        Assert.Null(organisation);
        var error = Assert.Single(errors.Items);
        Assert.Equal(("organisation.json", field), (error.File, error.Field));
        Assert.Contains(found, error.Message, StringComparison.Ordinal);
        Assert.NotEqual(error.Message, error.MessageZh);
    }

    [Fact]
    public void AnEntryOutOfBounds_IsReportedOnTheLineItStartsOn()
    {
        var json = OrganisationDocumentTests.Valid.Replace("\"name\": \"李芳\"", "\"name\": \"李\\u001b[31m芳\"", StringComparison.Ordinal);
        var errors = new InputErrors();

        Assert.Null(OrganisationDocument.Read(json, "organisation.json", errors));

        var error = Assert.Single(errors.Items);
        Assert.Equal(("$.people[1].name", 14), (error.Field, error.Line));
    }

    private const string CaseHeader = "case_id,handler_id,department_id,case_type,accepted,closed,time_limit,status,quality_flags";

    [Theory]
    [InlineData("c1/2,E1,D1,审查起诉,2026-01-05,,2026-02-04,open,", "case_id", "'/'")]
    [InlineData("c1~2,E1,D1,审查起诉,2026-01-05,,2026-02-04,open,", "case_id", "'~'")]
    [InlineData("\"c1\u0007\",E1,D1,审查起诉,2026-01-05,,2026-02-04,open,", "case_id", "U+0007")]
    [InlineData("c1,E 1,D1,审查起诉,2026-01-05,,2026-02-04,open,", "handler_id", "'E 1'")]
    [InlineData("c1,E1,D1#,审查起诉,2026-01-05,,2026-02-04,open,", "department_id", "'D1#'")]
    [InlineData("c1,E1,D1,\"审查\n起诉\",2026-01-05,,2026-02-04,open,", "case_type", "U+000A")]
    [InlineData("c1,E1,D1,审查起诉,2026-01-05,,2026-02-04,open,defective;re\u0000turned", "quality_flags", "U+0000")]
    public void CaseText_OutOfBounds_IsRefusedAtItsLineAndField_AndTheRowIsNotRead(string row, string field, string found)
    {
        var errors = new InputErrors();

        var log = CaseCsv.Read(new StringReader($"{CaseHeader}\nc0,E1,D1,审查起诉,2026-01-05,,2026-02-04,open,\n{row}\n"), "cases.csv", CaseCsvTests.Organisation, errors);

        var error = Assert.Single(errors.Items);
        Assert.Equal(("cases.csv", 3, field), (error.File, error.Line, error.Field));
        Assert.Contains(found, error.Message, StringComparison.Ordinal);
        Assert.Equal(["c0"], Enumerable.Range(0, log.Count).Select(i => log[i].CaseId));
    }

    [Fact]
    public void ACaseNumberInChinese_IsAKey()
    {
        var errors = new InputErrors();

        var log = CaseCsv.Read(new StringReader($"{CaseHeader}\n京检刑诉〔2026〕12号,E1,D1,审查起诉,2026-01-05,,2026-02-04,open,\n"), "cases.csv", CaseCsvTests.Organisation, errors);

        Assert.Empty(errors.Items);
        Assert.Equal(["京检刑诉〔2026〕12号"], Enumerable.Range(0, log.Count).Select(i => log[i].CaseId));
    }

    [Theory]
    [InlineData("ab", 2, false, true)]
    [InlineData("abc", 2, false, false)]
    [InlineData("a\nb", 10, true, true)]
    [InlineData("a\nb", 10, false, false)]
    [InlineData("a\u0085b", 10, true, false)]
    [InlineData("😀", 10, false, true)]
    [InlineData("", 0, false, true)]
    public void TextRules_TakeWhatTheySay(string text, int max, bool paragraph, bool valid)
    {
        Assert.Equal(valid, TextRules.IsValid(text, max, paragraph, out var reason, out var reasonZh));
        Assert.Equal(valid, reason.Length == 0 && reasonZh.Length == 0);
    }

    [Fact]
    public void HalfASurrogatePair_IsRefused()
    {
        Assert.False(TextRules.IsValid("李" + '\uD800' + "芳", 10, false, out var reason, out _));
        Assert.Contains("surrogate", reason, StringComparison.Ordinal);
        Assert.False(TextRules.IsValid("a" + '\uDE00', 10, false, out _, out _));
    }
}
