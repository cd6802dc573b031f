using Appraisal.Storage.Audit;
using Appraisal.Workflow.Cycle;

namespace Appraisal.Workflow.Tests.Cycle;

/// <summary>Objections read back from a period's audit chain: each decided by the first review after it, reopened
/// only when that review names the person's department; a second round's objection waits for its own review.</summary>
public sealed class ObjectionHistoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 4, 10, 1, 0, 0, TimeSpan.Zero);

    private static AuditEntry Entry(long sequence, string actor, string action, string target, string? after) =>
        new(sequence, Start.AddHours(sequence), actor, action, target, null, after, "prev", "hash");

    [Fact]
    public void EachObjection_TakesTheOutcomeOfTheFirstReviewAfterIt()
    {
        IReadOnlyList<AuditEntry> chain =
        [
            Entry(1, "office", "cycle.started", "cycle", null),
            Entry(2, "p1", "objection.filed", "p1", """{"reason":"办案数统计有误"}"""),
            Entry(3, "p2", "objection.filed", "p2", """{"reason":"other person"}"""),
            Entry(4, "office", "objections.reviewed", "cycle", """{"reopen":["d2"]}"""),
            Entry(5, "p1", "objection.filed", "p1", """{"reason":"第二轮"}"""),
        ];

        var inD1 = ObjectionHistory.Of("2026-Q1", chain, "p1", "d1");
        Assert.Equal(
            [("objection-2", "p1", "办案数统计有误", ObjectionOutcome.Stands, (DateTimeOffset?)Start.AddHours(4)), ("objection-5", "p1", "第二轮", ObjectionOutcome.Pending, null)],
            inD1.Select(o => (o.Key, o.FiledBy, o.Reason, o.Outcome, o.ReviewedAt)));
        Assert.All(inD1, o => Assert.Equal("2026-Q1", o.Period));

        var inD2 = ObjectionHistory.Of("2026-Q1", chain, "p2", "d2");
        Assert.Equal(ObjectionOutcome.Reopened, Assert.Single(inD2).Outcome);
        Assert.Empty(ObjectionHistory.Of("2026-Q1", chain, "p3", "d1"));
    }

    [Fact]
    public void AnObjectionFiledByAnother_IsStillTheSubjects()
    {
        IReadOnlyList<AuditEntry> chain = [Entry(1, "head-1", "objection.filed", "p1", """{"reason":"x"}""")];
        var only = Assert.Single(ObjectionHistory.Of("2026", chain, "p1", "d1"));
        Assert.Equal(("head-1", ObjectionOutcome.Pending, (DateTimeOffset?)null), (only.FiledBy, only.Outcome, only.ReviewedAt));
    }
}
