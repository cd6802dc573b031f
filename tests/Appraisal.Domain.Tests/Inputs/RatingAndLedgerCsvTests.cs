using Appraisal.Domain.Inputs;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using static Appraisal.Domain.Tests.TestSchemes;

namespace Appraisal.Domain.Tests.Inputs;

/// <summary>Ratings and ledger entries from CSV, checked against the scheme and the subjects appraised.</summary>
public sealed class RatingAndLedgerCsvTests
{
    private static readonly Scheme Scheme = Person(Category("a", 60), Category("b", 40)) with
    {
        RatedIndicators = [Rated("team", "b", 10, true, ("staff", 50), ("leaders", 50))],
        LedgerItems = [Bonus("honour", "a", 2m, cap: 6m, uplift: 20m), Bonus("annual-honour", "a", 5m, cap: 12m, yearEndOnly: true)],
    };

    private static readonly SubjectSet Subjects = TestScoring.Subjects("E1", "E2");

    private static (List<Rating> Ratings, InputErrors Errors) ReadRatings(params string[] rows)
    {
        var errors = new InputErrors();
        var text = string.Join("\n", ["subject_id,indicator_id,rater_group,rater_id,score", .. rows]);
        return (RatingCsv.Read(new StringReader(text), "ratings.csv", Scheme, Subjects, errors), errors);
    }

    private static (List<LedgerEntry> Entries, InputErrors Errors) ReadLedger(Period period, params string[] rows)
    {
        var errors = new InputErrors();
        var text = string.Join("\n", ["subject_id,item_id,occurrences,evidence,note", .. rows]);
        return (LedgerCsv.Read(new StringReader(text), "ledger.csv", Scheme, Subjects, period, errors), errors);
    }

    private static void AssertError(InputError error, string file, int line, string field)
    {
        Assert.Equal(file, error.File);
        Assert.Equal(line, error.Line);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Ratings_WellFormed_AreReadWithTheirSource()
    {
        var (ratings, errors) = ReadRatings("E1,team,staff,s1,85.5", "E2,team,leaders,l1,90");

        Assert.Empty(errors.Items);
        Assert.Equal([85.5m, 90m], ratings.Select(r => r.Score));
        Assert.Equal(new InputSource("ratings.csv", 3), ratings[1].Source);
    }

    [Theory]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("")]
    public void Rating_ScoreOutOfRange_IsReportedAtScore(string score)
    {
        var (ratings, errors) = ReadRatings("E1,team,staff,s1,80", $"E1,team,staff,s2,{score}");

        AssertError(Assert.Single(errors.Items), "ratings.csv", 3, "score");
        Assert.Single(ratings);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("100")]
    public void Rating_ScoreAtTheRangesEnds_IsAccepted(string score)
    {
        var (ratings, errors) = ReadRatings($"E1,team,staff,s1,{score}");

        Assert.Empty(errors.Items);
        Assert.Single(ratings);
    }

    [Fact]
    public void Rating_UnknownIndicator_IsReportedAtIndicatorId()
    {
        var (_, errors) = ReadRatings("E1,charisma,staff,s1,80");

        var error = Assert.Single(errors.Items);
        AssertError(error, "ratings.csv", 2, "indicator_id");
        Assert.Contains("'charisma'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rating_UnknownRaterGroup_IsReportedAtRaterGroup()
    {
        var (_, errors) = ReadRatings("E1,team,public,p1,80");

        var error = Assert.Single(errors.Items);
        AssertError(error, "ratings.csv", 2, "rater_group");
        Assert.Contains("staff, leaders", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rating_OfSomeoneNotAppraised_IsReportedAtSubjectId()
    {
        var (_, errors) = ReadRatings("E9,team,staff,s1,80");

        AssertError(Assert.Single(errors.Items), "ratings.csv", 2, "subject_id");
    }

    [Fact]
    public void Rating_TwiceByTheSameRater_IsReportedAtRaterId()
    {
        var (ratings, errors) = ReadRatings("E1,team,staff,s1,80", "E2,team,staff,s1,80", "E1,team,staff,s1,70");

        AssertError(Assert.Single(errors.Items), "ratings.csv", 4, "rater_id");
        Assert.Equal(2, ratings.Count);
    }

    [Fact]
    public void Rating_WrongFieldCount_IsReportedAsTheRow()
    {
        var (_, errors) = ReadRatings("E1,team,staff,80");

        AssertError(Assert.Single(errors.Items), "ratings.csv", 2, "row");
    }

    [Fact]
    public void Ratings_MissingHeaderColumn_IsReportedOnLine1()
    {
        var errors = new InputErrors();

        RatingCsv.Read(new StringReader("subject_id,indicator_id,rater_id,score\nE1,team,s1,80\n"), "ratings.csv", Scheme, Subjects, errors);

        var error = Assert.Single(errors.Items);
        AssertError(error, "ratings.csv", 1, "header");
        Assert.Contains("rater_group", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ledger_WellFormed_IsReadWithEvidenceAndNote()
    {
        var (entries, errors) = ReadLedger(TestScoring.Quarter, "E1,honour,2,台帐-001,\"州院表彰,见文件\"", "E2,honour,1,,");

        Assert.Empty(errors.Items);
        Assert.Equal(2, entries[0].Occurrences);
        Assert.Equal("台帐-001", entries[0].Evidence);
        Assert.Equal("州院表彰,见文件", entries[0].Note);
        Assert.Null(entries[1].Evidence);
        Assert.Null(entries[1].Note);
        Assert.Equal(new InputSource("ledger.csv", 3), entries[1].Source);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("1001")]
    [InlineData("")]
    public void Ledger_OccurrencesNotAWholeNumberFrom1_IsReportedAtOccurrences(string occurrences)
    {
        var (entries, errors) = ReadLedger(TestScoring.Quarter, $"E1,honour,{occurrences},台帐-001,");

        AssertError(Assert.Single(errors.Items), "ledger.csv", 2, "occurrences");
        Assert.Empty(entries);
    }

    [Fact]
    public void Ledger_UnknownItem_IsReportedAtItemId()
    {
        var (_, errors) = ReadLedger(TestScoring.Quarter, "E1,medal,1,台帐-001,");

        AssertError(Assert.Single(errors.Items), "ledger.csv", 2, "item_id");
    }

    [Fact]
    public void Ledger_SubjectNotAppraised_IsReportedAtSubjectId()
    {
        var (_, errors) = ReadLedger(TestScoring.Quarter, "E9,honour,1,台帐-001,");

        AssertError(Assert.Single(errors.Items), "ledger.csv", 2, "subject_id");
    }

    [Fact]
    public void YearEndLedger_HoldingAQuarterItem_IsReportedAtItemId()
    {
        var (entries, errors) = ReadLedger(Period.OfYear(2026), "E1,annual-honour,1,台帐-001,", "E1,honour,1,台帐-002,");

        AssertError(Assert.Single(errors.Items), "ledger.csv", 3, "item_id");
        Assert.Equal("annual-honour", Assert.Single(entries).ItemId);
    }

    [Fact]
    public void Ledger_NoteWithALineBreak_KeepsItAndTheNextLineNumber()
    {
        var (entries, errors) = ReadLedger(TestScoring.Quarter, "E1,honour,1,台帐-001,\"第一行\n第二行\"", "E1,honour,0,台帐-002,");

        Assert.Equal("第一行\n第二行", Assert.Single(entries).Note);
        AssertError(Assert.Single(errors.Items), "ledger.csv", 4, "occurrences");
    }

    [Fact]
    public void Ledger_UnterminatedQuote_IsReportedWithItsLine()
    {
        var (_, errors) = ReadLedger(TestScoring.Quarter, "E1,honour,1,台帐-001,ok", "E1,honour,1,\"台帐-002,never closed");

        AssertError(Assert.Single(errors.Items), "ledger.csv", 3, "csv");
    }

    [Fact]
    public void WrittenLedger_ReadsBackTheSame()
    {
        LedgerEntry[] entries =
        [
            new() { SubjectId = "E1", ItemId = "honour", Occurrences = 3, Evidence = "台帐-9", Note = "含,逗号 和 \"引号\"" },
            new() { SubjectId = "E2", ItemId = "honour", Occurrences = 1 },
        ];
        var writer = new StringWriter();
        LedgerCsv.Write(writer, entries);

        var (read, errors) = ReadLedgerText(writer.ToString());

        Assert.Empty(errors.Items);
        Assert.Equal(entries, read.Select(e => e with { Source = null }));
    }

    [Fact]
    public void WrittenRatings_ReadBackTheSame()
    {
        Rating[] ratings = [TestScoring.Rating("E1", "team", "staff", "s,1", 87.5m), TestScoring.Rating("E2", "team", "leaders", "l1", 100m)];
        var writer = new StringWriter();
        RatingCsv.Write(writer, ratings);
        var errors = new InputErrors();

        var read = RatingCsv.Read(new StringReader(writer.ToString()), "ratings.csv", Scheme, Subjects, errors);

        Assert.Empty(errors.Items);
        Assert.Equal(ratings, read.Select(r => r with { Source = null }));
    }

    private static (List<LedgerEntry> Entries, InputErrors Errors) ReadLedgerText(string text)
    {
        var errors = new InputErrors();
        return (LedgerCsv.Read(new StringReader(text), "ledger.csv", Scheme, Subjects, TestScoring.Quarter, errors), errors);
    }
}
