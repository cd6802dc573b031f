using System.Globalization;
using System.Text;
using Appraisal.Domain.Text;
using Appraisal.Workflow.Pages;
using static Appraisal.Workflow.Pages.Html;

namespace Appraisal.Workflow.Bulletins;

/// <summary>The bulletin's charts as SVG, drawn from its numbers: the departments' average scores (bars, best first,
/// with last month's change) and the distribution of people's month scores (ten-point bands). Each has a title and a
/// description for screen readers, and prints in black and blue.</summary>
public static class BulletinCharts
{
    private const string Font = "font-family=\"Noto Sans CJK SC,WenQuanYi Micro Hei,Microsoft YaHei,sans-serif\"";

    public static string DepartmentAverages(MonthlyBulletin bulletin, Language language)
    {
        ArgumentNullException.ThrowIfNull(bulletin);
        const int row = 22, left = 170, width = 460;
        var height = 40 + (bulletin.Departments.Count * row);
        var max = Math.Max(100m, bulletin.Departments.Select(d => d.Average).DefaultIfEmpty(0).Max());
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="t-dept d-dept" viewBox="0 0 {left + width + 120} {height}" width="{left + width + 120}" height="{height}" {Font} font-size="12">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title id="t-dept">{E(PageText.Format(language, "Bulletin.ChartDepartments", bulletin.Period))}</title>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<desc id="d-dept">{E(string.Join("；", bulletin.Departments.Select(d => $"{d.Name} {N(d.Average, bulletin.Decimals)}")))}</desc>""");
        for (var i = 0; i < bulletin.Departments.Count; i++)
        {
            var d = bulletin.Departments[i];
            var y = 20 + (i * row);
            var bar = (double)(d.Average / max) * width;
            var change = d.Change is { } c ? $" ({(c >= 0 ? "+" : "")}{N(c, bulletin.Decimals)})" : string.Empty;
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{left - 6}" y="{y + 14}" text-anchor="end">{E(d.Name)}</text><rect x="{left}" y="{y + 3}" width="{bar:0.0}" height="{row - 6}" fill="{(d.MissingData ? "#a33" : "#0b3d91")}"/><text x="{left + bar + 4:0.0}" y="{y + 14}">{N(d.Average, bulletin.Decimals)}{E(change)}</text>""");
        }

        return svg.Append("</svg>").ToString();
    }

    public static string Distribution(MonthlyBulletin bulletin, Language language)
    {
        ArgumentNullException.ThrowIfNull(bulletin);
        var bands = Enumerable.Range(0, 12).Select(b => (From: b * 10, Count: bulletin.People.Count(p => (int)Math.Floor(p.Month / 10) == b || (b == 11 && p.Month >= 110)))).ToList();
        const int left = 40, bottom = 200, bandWidth = 44;
        var max = Math.Max(1, bands.Max(b => b.Count));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="t-dist d-dist" viewBox="0 0 {left + (bands.Count * bandWidth) + 20} {bottom + 40}" width="{left + (bands.Count * bandWidth) + 20}" height="{bottom + 40}" {Font} font-size="12">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title id="t-dist">{E(PageText.Format(language, "Bulletin.ChartDistribution", bulletin.Period))}</title>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<desc id="d-dist">{E(string.Join("；", bands.Where(b => b.Count > 0).Select(b => $"{b.From}–{b.From + 10}: {b.Count}")))}</desc>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{left}" y1="{bottom}" x2="{left + (bands.Count * bandWidth)}" y2="{bottom}" stroke="#111"/>""");
        for (var i = 0; i < bands.Count; i++)
        {
            var (from, count) = bands[i];
            var h = (double)count / max * (bottom - 30);
            var x = left + (i * bandWidth);
            svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{x + 4}" y="{bottom - h:0.0}" width="{bandWidth - 8}" height="{h:0.0}" fill="#0b3d91"/><text x="{x + (bandWidth / 2)}" y="{bottom + 16}" text-anchor="middle">{from}</text>""");
            if (count > 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x + (bandWidth / 2)}" y="{bottom - h - 4:0.0}" text-anchor="middle">{count}</text>""");
            }
        }

        return svg.Append("</svg>").ToString();
    }
}
