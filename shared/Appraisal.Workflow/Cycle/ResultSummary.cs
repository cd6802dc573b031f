using System.Globalization;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using Appraisal.Domain.Text;

namespace Appraisal.Workflow.Cycle;

/// <summary>The few lines that tell a decision-maker what is being decided: how many were appraised, the grades, the
/// range of totals, and the ties awaiting a decision.</summary>
public static class ResultSummary
{
    public static string Of(IReadOnlyList<Scorecard> cards, Language language)
    {
        ArgumentNullException.ThrowIfNull(cards);
        if (cards.Count == 0)
        {
            return language == Language.En ? "No one was appraised." : "本期无考核对象。";
        }

        var grades = string.Join(language == Language.En ? ", " : "，", Enum.GetValues<Grade>()
            .Select(g => (g, n: cards.Count(c => c.Grade == g))).Where(x => x.n > 0)
            .Select(x => $"{ScorecardText.Grade(x.g, language)} {x.n.ToString(CultureInfo.InvariantCulture)}"));
        var decimals = Scorecard.DecimalsOf(cards);
        var max = ScorecardText.Score(cards.Max(c => c.Total), decimals);
        var min = ScorecardText.Score(cards.Min(c => c.Total), decimals);
        var avg = ScorecardText.Score(Scorecard.Average(cards.Select(c => c.Total), decimals), decimals);
        var ties = cards.Count(c => c.QuotaTie);
        return language == Language.En
            ? $"{cards.Count} appraised; grades: {grades}; totals {min}–{max}, average {avg}" + (ties > 0 ? $"; {ties} tied at the Excellent quota for the Party group to decide" : "")
            : $"考核对象 {cards.Count} 名；等次：{grades}；总分 {min}–{max}，平均 {avg}" + (ties > 0 ? $"；{ties} 名在优秀名额边界并列，请院党组决定" : "");
    }
}
