using System.Globalization;
using System.Net;
using System.Text;
using Appraisal.Domain.Text;

namespace Appraisal.Workflow.Pages;

/// <summary>The styles every page shares (the Razor layout's, with a print style: no navigation, black on white),
/// the pages' number and time formats, and the frame of the pages still built as strings (the document in the
/// reader's language, a skip link, a heading, the content in <c>main</c>). No JavaScript: every page works as plain
/// HTML.</summary>
public static class Html
{
    /// <summary>The styles every page shares (the Razor layout too).</summary>
    internal const string Styles = """
        body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;color:#111;background:#fff;max-width:72rem;margin:0 auto;padding:0 1rem 2rem;line-height:1.6}
        a{color:#0b3d91}a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #f5a000;outline-offset:2px}
        .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.25rem .5rem}
        header{border-bottom:3px solid #0b3d91;margin-bottom:1rem}header p{margin:.25rem 0;color:#333}
        table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}caption{text-align:left;font-weight:bold;padding:.25rem 0}
        th,td{border:1px solid #555;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#e8ecf4}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
        .notice{border-left:4px solid #0b3d91;padding:.5rem 1rem;background:#eef2fa}.warn{border-left:4px solid #a33;padding:.5rem 1rem;background:#fbeeee}
        form.filters{display:flex;gap:1rem;flex-wrap:wrap;align-items:end;margin:1rem 0}label{display:block;font-weight:bold}
        button{font-size:1rem;padding:.4rem 1.2rem;background:#0b3d91;color:#fff;border:0}
        dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dl.facts dt{font-weight:bold}
        nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;padding:0;margin:.25rem 0}nav a[aria-current]{font-weight:bold;text-decoration:none;border-bottom:3px solid #0b3d91}
        .app{font-size:.95rem}.overdue{color:#a00;font-weight:bold}.field-error{display:block;color:#a00;font-weight:bold;margin:.25rem 0}.hint{display:block;color:#333;font-size:.9rem;margin:.1rem 0 .25rem}form.stack textarea,form.stack input:not([type=checkbox]):not([type=radio]){display:block}
        form.stack p{margin:0 0 1rem}input[type=text],input[type=number],textarea{font-size:1rem;padding:.3rem;border:1px solid #555;max-width:100%}input[aria-invalid=true],textarea[aria-invalid=true]{border:2px solid #a00}
        figure{margin:0 0 1rem;overflow-x:auto}figure svg{max-width:100%;height:auto}
        ul.actions{list-style:none;display:flex;flex-wrap:wrap;gap:.5rem 1rem;padding:0}a.button{display:inline-block;padding:.4rem 1.2rem;background:#0b3d91;color:#fff;text-decoration:none}td.links ul{margin:0;padding-left:1.1rem}td.links,td.stage,td.state{white-space:nowrap}ul.inline{list-style:none;display:flex;flex-wrap:wrap;gap:.1rem 1rem;padding:0;margin:.25rem 0 0}tr[data-period] th{white-space:nowrap;font-weight:normal;background:none}select{font-size:1rem;padding:.3rem}
        @media print{nav,.skip,.noprint,header .app,form.filters,button,ul.actions,td.links{display:none}body{max-width:none;padding:0}a{color:#111;text-decoration:none}th{background:#eee}table,figure,section{break-inside:avoid}thead{display:table-header-group}}
        """;

    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    public static string N(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A score to the decimals of the scorecards it comes from (<see cref="Domain.Scoring.Scorecard.Decimals"/>).</summary>
    public static string N(decimal value, int decimals) => Domain.Text.ScorecardText.Score(value, decimals);

    public static string T(Language language, string zh, string en) => language == Language.En ? en : zh;

    /// <summary>A moment as Beijing time (UTC+8), the way every page shows it (midnight as 24:00 of the day before:
    /// <see cref="Calendar.StageDeadlines.Display"/>).</summary>
    public static string Beijing(DateTimeOffset at) => Calendar.StageDeadlines.Display(at.ToOffset(TimeSpan.FromHours(8)).DateTime);

    /// <summary>A whole page: <paramref name="content"/> is HTML already encoded by the caller.</summary>
    public static string Page(Language language, string title, string subtitle, string content)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="{(language == Language.En ? "en" : "zh-CN")}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
            <title>{E(title)}</title><style>{Styles}</style></head>
            <body><a class="skip" href="#main">{E(T(language, "跳到正文", "Skip to content"))}</a>
            <header><h1>{E(title)}</h1><p>{E(subtitle)}</p></header>
            <main id="main">
            {content}
            </main></body></html>
            """);
        return html.ToString();
    }
}
