using Appraisal.Domain.Cycles;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Pages;

namespace Appraisal.Workflow.Tests.Pages;

/// <summary>The appraisal office returns a submission with one reason in its own words: the sheet repeats it beside
/// the ledger rows it names — by row number, subject or ledger item — and beside no other.</summary>
public sealed class ReturnReasonTests
{
    private static readonly DepartmentSheet Sheet = new("o", "2026-Q1", new Department { Id = "D1", Name = "第一检察部" }, [], SchemeTemplates.Load("B"),
        [new AppraisalSubject { Id = "P001", Name = "王小明", DepartmentId = "D1" }, new AppraisalSubject { Id = "P002", Name = "李华", DepartmentId = "D1" }],
        CycleStage.Correction, null, [], [], null, "reason");

    private static readonly LedgerRow First = new("P001", "typical-case", "1", "", "");
    private static readonly LedgerRow Second = new("P002", "other-item", "2", "", "");

    [Theory]
    [InlineData("第 2 行证明材料不清，请补充。", false, true)]
    [InlineData("Row 1: the evidence is unreadable.", true, false)]
    [InlineData("王小明的加分缺少省院通报文号。", true, false)]
    [InlineData("P002 不属于本部门。", false, true)]
    [InlineData("“办理案件入选典型案例”须附省院通报。", true, false)]
    [InlineData("typical-case needs the province's notice.", true, false)]
    [InlineData("请全面核对后重新提交。", false, false)]
    public void ARow_IsConcerned_WhenTheReasonNamesIt(string reason, bool first, bool second)
    {
        Assert.Equal(first, ReturnReason.Concerns(reason, Sheet, First, 1));
        Assert.Equal(second, ReturnReason.Concerns(reason, Sheet, Second, 2));
    }

    [Fact]
    public void AnEmptyRow_OrNoReason_ConcernsNothing()
    {
        Assert.False(ReturnReason.Concerns("第 3 行", Sheet, LedgerRow.Empty, 3));
        Assert.False(ReturnReason.Concerns(null, Sheet, First, 1));
    }
}
