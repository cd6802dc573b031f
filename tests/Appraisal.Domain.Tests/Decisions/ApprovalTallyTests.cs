using Appraisal.Domain.Decisions;

namespace Appraisal.Domain.Tests.Decisions;

public sealed class ApprovalTallyTests
{
    private static readonly string[] Five = ["chief", "m2", "m3", "m4", "m5"];

    private static Vote Yes(string member) => new(member, true);

    private static Vote No(string member) => new(member, false, "评分依据不足");

    [Fact]
    public void Majority_ThreeOfFiveApprove_IsApproved_EvenWithTwoStillAwaited()
    {
        var state = ApprovalTally.Evaluate(ApprovalRule.Majority, Five, "chief", [Yes("m2"), Yes("m3"), Yes("chief")]);

        Assert.Equal(DecisionOutcome.Approved, state.Outcome);
        Assert.Equal(["chief", "m2", "m3"], state.Approved);
        Assert.Equal(["m4", "m5"], state.Awaiting);
    }

    [Fact]
    public void Majority_TwoOfFiveApprove_IsPending()
    {
        Assert.Equal(DecisionOutcome.Pending, ApprovalTally.Evaluate(ApprovalRule.Majority, Five, "chief", [Yes("m2"), Yes("m3"), No("m4")]).Outcome);
    }

    [Fact]
    public void Majority_ThreeOfFiveReject_IsRejected_WithTheirReasons()
    {
        var state = ApprovalTally.Evaluate(ApprovalRule.Majority, Five, "chief", [No("m2"), Yes("chief"), No("m3"), No("m5")]);

        Assert.Equal(DecisionOutcome.Rejected, state.Outcome);
        Assert.Equal(["m2", "m3", "m5"], state.Rejected.Select(v => v.MemberId));
        Assert.All(state.Rejected, v => Assert.Equal("评分依据不足", v.Reason));
    }

    [Fact]
    public void Majority_OfAnEvenGroup_NeedsMoreThanHalf_AndHalfRejectingSettlesIt()
    {
        string[] four = ["a", "b", "c", "d"];

        Assert.Equal(DecisionOutcome.Pending, ApprovalTally.Evaluate(ApprovalRule.Majority, four, null, [Yes("a"), Yes("b")]).Outcome);
        Assert.Equal(DecisionOutcome.Approved, ApprovalTally.Evaluate(ApprovalRule.Majority, four, null, [Yes("a"), Yes("b"), Yes("c")]).Outcome);
        Assert.Equal(DecisionOutcome.Rejected, ApprovalTally.Evaluate(ApprovalRule.Majority, four, null, [No("a"), No("b")]).Outcome);
    }

    [Fact]
    public void All_OneRejection_Rejects_AndEveryoneApprovingApproves()
    {
        Assert.Equal(DecisionOutcome.Rejected, ApprovalTally.Evaluate(ApprovalRule.All, Five, "chief", [Yes("chief"), No("m5")]).Outcome);
        Assert.Equal(DecisionOutcome.Pending, ApprovalTally.Evaluate(ApprovalRule.All, Five, "chief", Five.Skip(1).Select(Yes)).Outcome);
        Assert.Equal(DecisionOutcome.Approved, ApprovalTally.Evaluate(ApprovalRule.All, Five, "chief", Five.Select(Yes)).Outcome);
    }

    [Fact]
    public void ChiefDecides_OthersAdvise_TheChiefsVoteSettlesIt()
    {
        Assert.Equal(DecisionOutcome.Pending, ApprovalTally.Evaluate(ApprovalRule.ChiefDecides, Five, "chief", Five.Skip(1).Select(Yes)).Outcome);
        Assert.Equal(DecisionOutcome.Rejected, ApprovalTally.Evaluate(ApprovalRule.ChiefDecides, Five, "chief", [.. Five.Skip(1).Select(Yes), No("chief")]).Outcome);
        Assert.Equal(DecisionOutcome.Approved, ApprovalTally.Evaluate(ApprovalRule.ChiefDecides, Five, "chief", [No("m2"), Yes("chief")]).Outcome);
    }

    [Fact]
    public void AMembersFirstVoteCounts_AndVotesOfNonMembersAreIgnored()
    {
        var state = ApprovalTally.Evaluate(ApprovalRule.Majority, Five, "chief", [No("m2"), Yes("m2"), Yes("intruder"), Yes("outsider"), Yes("chief")]);

        Assert.Equal(["chief"], state.Approved);
        Assert.Equal(["m2"], state.Rejected.Select(v => v.MemberId));
        Assert.Equal(["m3", "m4", "m5"], state.Awaiting);
        Assert.Equal(DecisionOutcome.Pending, state.Outcome);
    }

    [Fact]
    public void ChiefDecides_WithoutTheChiefAmongTheMembers_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => ApprovalTally.Evaluate(ApprovalRule.ChiefDecides, Five, "nobody", []));

        Assert.Contains("'nobody'", error.Message, StringComparison.Ordinal);
    }
}
