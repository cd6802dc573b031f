using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using Appraisal.Domain.Text;
using static Appraisal.Domain.Tests.TestSchemes;
using static Appraisal.Domain.Tests.TestScoring;

namespace Appraisal.Domain.Tests.Scoring;

/// <summary>Ledger items (台帐): per occurrence, with uplift, each item within its own cap, only with evidence.</summary>
public sealed class ScorerLedgerTests
{
    /// <summary>honours 10 (prefecture honour: 2 points + 20% = 2.4 an occurrence, capped at 6); rest 90.</summary>
    private static readonly Scheme Honours = Department(Category("honours", 10), Category("rest", 90)) with
    {
        LedgerItems =
        [
            Bonus("honour-pref", "honours", 2m, cap: 6m, uplift: 20m),
            Bonus("annual-honour", "honours", 5m, cap: 12m, uplift: 20m, yearEndOnly: true),
            Bonus("innovation", "honours", 1.5m, evidenceRequired: false),
            Deduction("absence", "honours", 0.5m, cap: 2m),
        ],
    };

    [Fact]
    public void Bonus_WithUplift_Is120PercentOfThePointsPerOccurrence()
    {
        var card = ScoreOne(Honours, ledger: [Entry("S1", "honour-pref", occurrences: 2)]);

        var line = Assert.Single(card.LinesOf(LineKind.LedgerBonus));
        Assert.Equal(LineOutcome.Applied, line.Outcome);
        Assert.Equal(4.8m, line.Points);
        Assert.Equal(2, line.Units);
        Assert.Equal(14.8m, card.PointsOf("honours"));
    }

    [Fact]
    public void PerItemCap_AcrossEntries_TheEntryCrossingItIsReduced_LaterOnesGiveNothing()
    {
        // 2.4 + 2.4 = 4.8; the third would make 7.2 > 6, so it gives 1.2; the fourth gives 0.
        var card = ScoreOne(Honours, ledger:
        [
            Entry("S1", "honour-pref", evidence: "台帐-1"),
            Entry("S1", "honour-pref", evidence: "台帐-2"),
            Entry("S1", "honour-pref", evidence: "台帐-3"),
            Entry("S1", "honour-pref", occurrences: 2, evidence: "台帐-4"),
        ]);

        var lines = card.LinesOf(LineKind.LedgerBonus);
        Assert.Equal([2.4m, 2.4m, 1.2m, 0m], lines.Select(l => l.Points));
        Assert.Equal([LineOutcome.Applied, LineOutcome.Applied, LineOutcome.Capped, LineOutcome.Capped], lines.Select(l => l.Outcome));
        Assert.Equal(["台帐-1", "台帐-2", "台帐-3", "台帐-4"], lines.Select(l => l.Entry!.Evidence));
        Assert.Equal(16m, card.PointsOf("honours"));
        Assert.Equal(106m, card.Total);
    }

    [Fact]
    public void ClaimRejectedAtVerification_GivesNoPoints_AndItsLineSaysWhy()
    {
        var rejected = Entry("S1", "honour-pref", occurrences: 2) with { Verification = new(LedgerVerdict.Rejected, 2, "通报系内部表扬，非市级表彰") };
        var card = ScoreOne(Honours, ledger: [rejected, Entry("S1", "honour-pref")]);

        var lines = card.LinesOf(LineKind.LedgerBonus);
        Assert.Equal([LineOutcome.Rejected, LineOutcome.Applied], lines.Select(l => l.Outcome));
        Assert.Equal([0m, 2.4m], lines.Select(l => l.Points));
        Assert.Equal(12.4m, card.PointsOf("honours")); // the rejected claim uses none of the item's cap either
        Assert.Empty(card.Warnings);
        var text = ScorecardText.Line(lines[0], Honours, Language.Zh);
        Assert.Contains("2 次", text, StringComparison.Ordinal);
        Assert.Contains("考核办核查不予认定，不计分（理由：通报系内部表扬，非市级表彰）", text, StringComparison.Ordinal);
        Assert.Contains("rejected at verification, not counted (reason: 通报系内部表扬，非市级表彰)", ScorecardText.Line(lines[0], Honours, Language.En), StringComparison.Ordinal);
    }

    [Fact]
    public void ClaimAdjustedAtVerification_CountsTheVerifiedOccurrences_AndShowsTheClaimedOnes()
    {
        // Claimed 3 (7.2, over the cap of 6); the office found 1: 2.4.
        var adjusted = Entry("S1", "honour-pref", occurrences: 1) with { Verification = new(LedgerVerdict.Adjusted, 3, "两次表彰为同一事项") };
        var card = ScoreOne(Honours, ledger: [adjusted]);

        var line = Assert.Single(card.LinesOf(LineKind.LedgerBonus));
        Assert.Equal((LineOutcome.Applied, 2.4m, 1), (line.Outcome, line.Points, line.Units));
        Assert.Contains("1 次 × 2.4 分（含上浮 20%）（申报 3 次，考核办核定 1 次：两次表彰为同一事项）", ScorecardText.Line(line, Honours, Language.Zh), StringComparison.Ordinal);
    }

    [Fact]
    public void DeductionItem_IsCappedToo_AndCountsNegative()
    {
        // 5 × 0.5 = 2.5, capped at 2.
        var card = ScoreOne(Honours, ledger: [Entry("S1", "absence", occurrences: 5)]);

        var line = Assert.Single(card.LinesOf(LineKind.LedgerDeduction));
        Assert.Equal(LineOutcome.Capped, line.Outcome);
        Assert.Equal(-2m, line.Points);
        Assert.Equal(8m, card.PointsOf("honours"));
    }

    [Fact]
    public void EvidenceRequiredButMissing_GivesNoPoints_WithAWarning()
    {
        var card = ScoreOne(Honours, ledger: [Entry("S1", "honour-pref", evidence: null)]);

        var line = Assert.Single(card.LinesOf(LineKind.LedgerBonus));
        Assert.Equal(LineOutcome.EvidenceMissing, line.Outcome);
        Assert.Equal(0m, line.Points);
        Assert.Equal(10m, card.PointsOf("honours"));
        var warning = Assert.Single(card.Warnings);
        Assert.Equal(WarningCode.EvidenceMissing, warning.Code);
        Assert.Equal("honour-pref", warning.Item);
    }

    [Fact]
    public void BlankEvidence_CountsAsMissing()
    {
        var card = ScoreOne(Honours, ledger: [Entry("S1", "honour-pref", evidence: "   ")]);

        Assert.Equal(LineOutcome.EvidenceMissing, Assert.Single(card.LinesOf(LineKind.LedgerBonus)).Outcome);
        Assert.Equal(100m, card.Total);
    }

    [Fact]
    public void EntryWithoutEvidence_DoesNotUseUpTheCap()
    {
        var card = ScoreOne(Honours, ledger:
        [
            Entry("S1", "honour-pref", occurrences: 2, evidence: null),
            Entry("S1", "honour-pref", occurrences: 2),
        ]);

        Assert.Equal([0m, 4.8m], card.LinesOf(LineKind.LedgerBonus).Select(l => l.Points));
    }

    [Fact]
    public void ItemNotRequiringEvidence_CountsWithoutIt()
    {
        var card = ScoreOne(Honours, ledger: [Entry("S1", "innovation", occurrences: 3, evidence: null)]);

        Assert.Equal(4.5m, Assert.Single(card.LinesOf(LineKind.LedgerBonus)).Points);
        Assert.Empty(card.Warnings);
    }

    [Fact]
    public void YearEndOnlyItem_InAQuarter_GivesNoPoints_WithAWarning()
    {
        var card = ScoreOne(Honours, ledger: [Entry("S1", "annual-honour")]);

        var line = Assert.Single(card.LinesOf(LineKind.LedgerBonus));
        Assert.Equal(LineOutcome.YearEndOnly, line.Outcome);
        Assert.Equal(0m, line.Points);
        Assert.Equal(100m, card.Total);
        Assert.Equal([WarningCode.YearEndOnlyItem], card.WarningCodes());
    }

    [Fact]
    public void YearEndOnlyItem_InAYearPeriod_Counts()
    {
        var card = ScoreOne(Honours, ledger: [Entry("S1", "annual-honour")], period: Period.OfYear(2026));

        Assert.Equal(6m, Assert.Single(card.LinesOf(LineKind.LedgerBonus)).Points);
        Assert.Equal("2026", card.Period);
    }

    [Fact]
    public void LedgerEntry_CountsOnlyForItsOwnSubject()
    {
        var cards = Score(Honours, Subjects("S1", "S2"), ledger: [Entry("S2", "honour-pref")]);

        Assert.Equal(100m, cards[0].Total);
        Assert.Equal(102.4m, cards[1].Total);
    }

    [Fact]
    public void LedgerEntryForSomeoneNotAppraised_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => LedgerBook.Build(Honours, Subjects("S1"), [Entry("S9", "honour-pref")]));
    }

    [Fact]
    public void LedgerEntryForAnItemTheSchemeLacks_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => LedgerBook.Build(Honours, Subjects("S1"), [Entry("S1", "no-such-item")]));

        Assert.Contains("no-such-item", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PerItemCap_WithAnUpliftOfManyDecimals_LinesAddUpToTheCapExactly()
    {
        // 0.35 × 1.25 = 0.4375 an occurrence, 0.44 on a line. Five single entries hold 2.20; the sixth is cut to 5 − 2.20 = 2.80.
        // Tracking the cap on unrounded points would leave 5 − 2.1875 = 2.8125 → 2.81, and the lines would add up to 5.01.
        var scheme = Honours with { LedgerItems = [Bonus("minor", "honours", 0.35m, cap: 5m, uplift: 25m)] };
        var entries = Enumerable.Repeat(Entry("S1", "minor"), 5).Append(Entry("S1", "minor", occurrences: 10)).ToArray();

        var card = ScoreOne(scheme, ledger: entries);

        var lines = card.LinesOf(LineKind.LedgerBonus).ToList();
        Assert.Equal([0.44m, 0.44m, 0.44m, 0.44m, 0.44m, 2.80m], lines.Select(l => l.Points));
        Assert.Equal(5m, lines.Sum(l => l.Points));
    }
}
