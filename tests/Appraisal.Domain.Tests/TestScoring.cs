using Appraisal.Domain.Cases;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;

namespace Appraisal.Domain.Tests;

/// <summary>Scores hand-made subjects with indicator values, ratings and ledger entries given directly,
/// so that a scoring rule is tested apart from case aggregation.</summary>
internal static class TestScoring
{
    public static Period Quarter { get; } = Period.Quarter(2026, 1);

    public static AppraisalSubject Subject(string id, string department = "D1", LeadershipPost post = LeadershipPost.None,
        StaffCategory? category = StaffCategory.QuotaProsecutor) =>
        new() { Id = id, Name = id, DepartmentId = department, Post = post, StaffCategory = category };

    public static SubjectSet Subjects(params AppraisalSubject[] subjects) => new(subjects);

    public static SubjectSet Subjects(params string[] ids) => new(ids.Select(id => Subject(id)).ToList());

    public static Rating Rating(string subject, string indicator, string group, string rater, decimal score) =>
        new() { SubjectId = subject, IndicatorId = indicator, Group = group, RaterId = rater, Score = score };

    public static LedgerEntry Entry(string subject, string item, int occurrences = 1, string? evidence = "台帐-001") =>
        new() { SubjectId = subject, ItemId = item, Occurrences = occurrences, Evidence = evidence };

    /// <summary>Scores every subject; <paramref name="indicators"/> sets target values and workloads by hand.</summary>
    public static IReadOnlyList<Scorecard> Score(Scheme scheme, SubjectSet subjects, Action<IndicatorTable>? indicators = null,
        IEnumerable<Rating>? ratings = null, IEnumerable<LedgerEntry>? ledger = null, Period? period = null)
    {
        var table = new IndicatorTable(subjects.Count, scheme.TargetIndicators.Count);
        indicators?.Invoke(table);
        var input = new ScoringInput(scheme, period ?? Quarter, subjects, table,
            RatingTable.Build(scheme, subjects, ratings ?? []),
            LedgerBook.Build(scheme, subjects, ledger ?? []));
        return Scorer.Score(input);
    }

    /// <summary>Scores one subject "S1" and returns its scorecard.</summary>
    public static Scorecard ScoreOne(Scheme scheme, Action<IndicatorTable>? indicators = null, IEnumerable<Rating>? ratings = null,
        IEnumerable<LedgerEntry>? ledger = null, Period? period = null) =>
        Assert.Single(Score(scheme, Subjects("S1"), indicators, ratings, ledger, period));

    public static decimal PointsOf(this Scorecard card, string category) =>
        card.Categories.Single(c => c.Category == category).Points;

    public static decimal RawOf(this Scorecard card, string category) =>
        card.Categories.Single(c => c.Category == category).Raw;

    public static IReadOnlyList<ScoreLine> LinesOf(this Scorecard card, LineKind kind) =>
        card.Lines.Where(l => l.Kind == kind).ToList();

    public static IReadOnlyList<WarningCode> WarningCodes(this Scorecard card) =>
        card.Warnings.Select(w => w.Code).ToList();
}
