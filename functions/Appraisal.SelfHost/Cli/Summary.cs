using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using Appraisal.Domain.Text;

namespace Appraisal.SelfHost.Cli;

/// <summary>A few lines a person reads after a run: how many per grade, the top of the ranking, warnings.</summary>
internal static class Summary
{
    public static string Of(Scheme scheme, IReadOnlyList<Scorecard> cards, Language language)
    {
        var zh = language == Language.Zh;
        var grades = Enum.GetValues<Grade>().Select(g => $"{ScorecardText.Grade(g, language)} {cards.Count(c => c.Grade == g)}");
        var top = cards.OrderBy(c => c.OfficeRank).Take(5).Select(c => $"{c.OfficeRank}. {c.SubjectName} {ScorecardText.Score(c.Total, c.Decimals)}");
        var warned = cards.Count(c => c.Warnings.Count > 0);
        var ties = cards.Count(c => c.QuotaTie);
        return zh
            ? $"{scheme.Name.Zh} 第{scheme.Version}版：{cards.Count} 个考核对象；{string.Join("，", grades)}；{warned} 个有警示{(ties > 0 ? $"；{ties} 个优秀名额并列待党组决定" : string.Empty)}\n前五名：{string.Join("  ", top)}"
            : $"{scheme.Name.In(language)} v{scheme.Version}: {cards.Count} subjects; {string.Join(", ", grades)}; {warned} with warnings{(ties > 0 ? $"; {ties} tied at the Excellent quota, for decision" : string.Empty)}\nTop five: {string.Join("  ", top)}";
    }
}
