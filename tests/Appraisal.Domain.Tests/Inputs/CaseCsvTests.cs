using Appraisal.Domain.Cases;
using Appraisal.Domain.Inputs;
using Appraisal.Domain.Organisation;

namespace Appraisal.Domain.Tests.Inputs;

/// <summary>Case records from CSV: every malformed row reported with file, line and field.</summary>
public sealed class CaseCsvTests
{
    private const string File = "cases.csv";
    private const string Header = "case_id,handler_id,department_id,case_type,accepted,closed,time_limit,status,quality_flags";

    internal static OfficeOrganisation Organisation { get; } = new(
        new Office { Id = "basic-1", Name = "示例区人民检察院", Level = OfficeLevel.Basic },
        [new Department { Id = "D1", Name = "第一检察部" }, new Department { Id = "D2", Name = "第二检察部" }],
        [],
        [
            new Person { Id = "E1", Name = "王伟", DepartmentId = "D1", Category = StaffCategory.QuotaProsecutor },
            new Person { Id = "E2", Name = "李芳", DepartmentId = "D2", Category = StaffCategory.QuotaProsecutor },
        ]);

    private static (CaseLog Log, InputErrors Errors) Read(params string[] rows)
    {
        var errors = new InputErrors();
        var log = CaseCsv.Read(new StringReader(string.Join("\n", [Header, .. rows]) + "\n"), File, Organisation, errors);
        return (log, errors);
    }

    private static void AssertError(InputError error, int line, string field)
    {
        Assert.Equal(File, error.File);
        Assert.Equal(line, error.Line);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void WellFormedRows_AreRead()
    {
        var (log, errors) = Read(
            "c1,E1,D1,审查起诉,2026-01-05,2026-01-16,2026-02-04,closed,defective;returned",
            "c2,E2,D2,审查逮捕,2026-03-01,,2026-03-08,在办,");

        Assert.Empty(errors.Items);
        Assert.Equal(2, log.Count);
        Assert.Equal(new DateOnly(2026, 1, 16), log[0].Closed);
        Assert.Equal(["defective", "returned"], log[0].QualityFlags);
        Assert.Equal(CaseStatus.Open, log[1].Status);
        Assert.Equal("D2", log[1].DepartmentId);
    }

    [Theory]
    [InlineData("c1,E1,D1,审查起诉,2026-13-01,,2026-02-04,open,", "accepted")]
    [InlineData("c1,E1,D1,审查起诉,2026/01/05,,2026-02-04,open,", "accepted")]
    [InlineData("c1,E1,D1,审查起诉,,,2026-02-04,open,", "accepted")]
    [InlineData("c1,E1,D1,审查起诉,2026-01-05,2026-02-30,2026-02-04,closed,", "closed")]
    [InlineData("c1,E1,D1,审查起诉,2026-01-05,,05.02.2026,open,", "time_limit")]
    public void BadDate_IsReportedAtItsField(string row, string field)
    {
        var (log, errors) = Read("c0,E1,D1,审查起诉,2026-01-05,,2026-02-04,open,", row);

        var error = Assert.Single(errors.Items);
        AssertError(error, 3, field);
        Assert.Equal(1, log.Count);
    }

    [Fact]
    public void ClosedBeforeAccepted_IsReportedAtClosed()
    {
        var (_, errors) = Read("c1,E1,D1,审查起诉,2026-01-10,2026-01-05,2026-02-04,closed,");

        var error = Assert.Single(errors.Items);
        AssertError(error, 2, "closed");
        Assert.Contains("2026-01-10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TimeLimitBeforeAccepted_IsReportedAtTimeLimit()
    {
        var (_, errors) = Read("c1,E1,D1,审查起诉,2026-01-10,,2026-01-01,open,");

        AssertError(Assert.Single(errors.Items), 2, "time_limit");
    }

    [Fact]
    public void ClosedStatusWithoutClosingDate_IsReportedAtClosed()
    {
        var (_, errors) = Read("c1,E1,D1,审查起诉,2026-01-10,,2026-02-04,closed,");

        AssertError(Assert.Single(errors.Items), 2, "closed");
    }

    [Fact]
    public void OpenStatusWithAClosingDate_IsReportedAtClosed()
    {
        var (_, errors) = Read("c1,E1,D1,审查起诉,2026-01-10,2026-01-20,2026-02-04,在办,");

        AssertError(Assert.Single(errors.Items), 2, "closed");
    }

    [Fact]
    public void UnknownStatus_IsReportedAtStatus()
    {
        var (_, errors) = Read("c1,E1,D1,审查起诉,2026-01-10,2026-01-20,2026-02-04,done,");

        var error = Assert.Single(errors.Items);
        AssertError(error, 2, "status");
        Assert.Contains("'done'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateCaseId_IsReportedOnTheSecondRow()
    {
        var (log, errors) = Read(
            "c1,E1,D1,审查起诉,2026-01-05,,2026-02-04,open,",
            "c2,E1,D1,审查起诉,2026-01-05,,2026-02-04,open,",
            "c1,E2,D2,审查逮捕,2026-01-06,,2026-02-05,open,");

        AssertError(Assert.Single(errors.Items), 4, "case_id");
        Assert.Equal(2, log.Count);
    }

    [Fact]
    public void UnknownHandler_IsReportedAtHandlerId()
    {
        var (_, errors) = Read("c1,E9,D1,审查起诉,2026-01-05,,2026-02-04,open,");

        var error = Assert.Single(errors.Items);
        AssertError(error, 2, "handler_id");
        Assert.Contains("'E9'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownDepartment_IsReportedAtDepartmentId()
    {
        var (_, errors) = Read("c1,E1,D7,审查起诉,2026-01-05,,2026-02-04,open,");

        AssertError(Assert.Single(errors.Items), 2, "department_id");
    }

    [Fact]
    public void WithoutAnOrganisation_HandlersAreNotChecked()
    {
        var errors = new InputErrors();

        var log = CaseCsv.Read(new StringReader(Header + "\nc1,E9,D7,审查起诉,2026-01-05,,2026-02-04,open,\n"), File, null, errors);

        Assert.Empty(errors.Items);
        Assert.Equal(1, log.Count);
    }

    [Fact]
    public void EmptyRequiredField_IsReportedAtIt()
    {
        var (_, errors) = Read("c1,E1,D1,,2026-01-05,,2026-02-04,open,");

        AssertError(Assert.Single(errors.Items), 2, "case_type");
    }

    [Fact]
    public void WrongFieldCount_IsReportedAsTheRow()
    {
        var (log, errors) = Read(
            "c1,E1,D1,审查起诉,2026-01-05,,2026-02-04,open",
            "c2,E1,D1,审查起诉,2026-01-05,,2026-02-04,open,,extra");

        Assert.Equal([2, 3], errors.Items.Select(e => e.Line));
        Assert.All(errors.Items, e => Assert.Equal("row", e.Field));
        Assert.Equal(0, log.Count);
    }

    [Fact]
    public void MissingHeaderColumn_IsReportedOnLine1_AndNoRowIsRead()
    {
        var errors = new InputErrors();
        var text = "case_id,handler_id,department_id,case_type,accepted,closed,time_limit,quality_flags\nc1,E1,D1,审查起诉,2026-01-05,,2026-02-04,\n";

        var log = CaseCsv.Read(new StringReader(text), File, Organisation, errors);

        var error = Assert.Single(errors.Items);
        AssertError(error, 1, "header");
        Assert.Contains("missing status", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, log.Count);
    }

    [Fact]
    public void EmptyFile_IsReportedAsAMissingHeader()
    {
        var errors = new InputErrors();

        CaseCsv.Read(new StringReader(string.Empty), File, Organisation, errors);

        AssertError(Assert.Single(errors.Items), 1, "header");
    }

    [Fact]
    public void ColumnsInAnyOrder_WithExtraColumns_AreReadByName()
    {
        var errors = new InputErrors();
        var text = "status,extra,case_id,handler_id,department_id,case_type,accepted,closed,time_limit,quality_flags\n"
            + "closed,x,c1,E1,D1,审查起诉,2026-01-05,2026-01-07,2026-02-04,\n";

        var log = CaseCsv.Read(new StringReader(text), File, Organisation, errors);

        Assert.Empty(errors.Items);
        Assert.Equal("c1", log[0].CaseId);
        Assert.Equal(new DateOnly(2026, 1, 7), log[0].Closed);
    }

    [Fact]
    public void QuotedFieldsWithCommasAndLineBreaks_ParseRight_AndLaterLinesStayCounted()
    {
        var (log, errors) = Read(
            "c1,E1,D1,\"审查起诉,附带民事\",2026-01-05,,2026-02-04,open,\"defective;\nreturned\"",
            "c2,E1,D1,\"say \"\"hi\"\"\",2026-01-05,,2026-02-04,open,",
            "c3,E9,D1,审查起诉,2026-01-05,,2026-02-04,open,");

        Assert.Equal(2, log.Count);
        Assert.Equal("审查起诉,附带民事", log[0].CaseType);
        Assert.Equal(["defective", "returned"], log[0].QualityFlags);
        Assert.Equal("say \"hi\"", log[1].CaseType);
        // The first record spans lines 2–3, so c3 is on line 5.
        AssertError(Assert.Single(errors.Items), 5, "handler_id");
    }

    [Fact]
    public void CrLfLineEndings_AndAByteOrderMark_AreAccepted()
    {
        var errors = new InputErrors();
        var text = "\uFEFF" + Header + "\r\nc1,E1,D1,审查起诉,2026-01-05,,2026-02-04,open,\r\nc1,E1,D1,审查起诉,2026-01-05,,2026-02-04,open,\r\n";

        var log = CaseCsv.Read(new StringReader(text), File, Organisation, errors);

        Assert.Equal(1, log.Count);
        AssertError(Assert.Single(errors.Items), 3, "case_id");
    }

    [Fact]
    public void UnterminatedQuote_IsReportedWithTheLineItStartsOn()
    {
        var (log, errors) = Read(
            "c1,E1,D1,审查起诉,2026-01-05,,2026-02-04,open,",
            "c2,E1,D1,\"审查起诉,2026-01-05,,2026-02-04,open,");

        var error = Assert.Single(errors.Items);
        AssertError(error, 3, "csv");
        Assert.Contains("not closed", error.Message, StringComparison.Ordinal);
        Assert.Equal("cases.csv:3: csv: " + error.Message, error.ToString());
        Assert.Equal(1, log.Count);
    }

    [Fact]
    public void SeveralBadRows_AreAllReported()
    {
        var (log, errors) = Read(
            "c1,E9,D1,审查起诉,2026-01-05,,2026-02-04,open,",
            "c2,E1,D1,审查起诉,2026-01-05,,2026-02-04,open,",
            "c3,E1,D1,审查起诉,bad,,2026-02-04,open,",
            "c4,E1,D1,审查起诉,2026-01-05,,2026-02-04,maybe,");

        Assert.Equal([(2, "handler_id"), (4, "accepted"), (5, "status")], errors.Items.Select(e => (e.Line, e.Field)));
        Assert.Equal(1, log.Count);
    }

    [Fact]
    public void WrittenRecords_ReadBackTheSame()
    {
        CaseRecord[] records =
        [
            new() { CaseId = "c1", HandlerId = "E1", DepartmentId = "D1", CaseType = "审查起诉,附带民事", Accepted = new(2026, 1, 5), Closed = new(2026, 1, 9), TimeLimit = new(2026, 2, 4), QualityFlags = ["defective"] },
            new() { CaseId = "c2", HandlerId = "E2", DepartmentId = "D2", CaseType = "审查逮捕", Accepted = new(2026, 1, 6), TimeLimit = new(2026, 1, 13) },
        ];
        var writer = new StringWriter();
        CaseCsv.Write(writer, records);
        var errors = new InputErrors();

        var log = CaseCsv.Read(new StringReader(writer.ToString()), File, Organisation, errors);

        Assert.Empty(errors.Items);
        Assert.Equal(2, log.Count);
        Assert.Equal(records.Select(Fields), Enumerable.Range(0, log.Count).Select(i => Fields(log[i])));
        Assert.Equal(["defective"], log[0].QualityFlags);
        Assert.Empty(log[1].QualityFlags);
    }

    private static (string, string, string, string, DateOnly, DateOnly?, DateOnly, CaseStatus) Fields(CaseRecord r) =>
        (r.CaseId, r.HandlerId, r.DepartmentId, r.CaseType, r.Accepted, r.Closed, r.TimeLimit, r.Status);
}
