using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Appraisal.Domain.Decisions;
using Appraisal.Domain.Text;
using Appraisal.Workflow.Cycle;

namespace Appraisal.Workflow.Approvals;

/// <summary>The approval pages, in Chinese by default: the confirmation page (what is decided, the ranked results,
/// and a form to approve or reject with a reason) and a readable page for every other outcome. Plain HTML that works
/// without JavaScript, with labels, headings and high-contrast colours.</summary>
public static class ApprovalPage
{
    public static string Render(ApprovalView view, Language language, string? formToken, string action)
    {
        ArgumentNullException.ThrowIfNull(view);
        var zh = language != Language.En;
        string T(string c, string e) => zh ? c : e;
        var c = view.Claims;
        var office = view.Organisation?.Office.Name ?? c?.OfficeId ?? "";
        var what = c is null ? "" : T($"{office} {c.Period} 考核结果（第 {c.Round} 轮）", $"the {c.Period} results of {office} (round {c.Round})");
        var (title, message) = view.Outcome switch
        {
            ApprovalOutcome.Confirm => (T("院党组审议考核结果", "Party group decision on the results"), T($"请审议{what}。打开本页不会记录任何决定；请选择同意或不同意后提交。", $"Please decide {what}. Opening this page records nothing; choose approve or reject and submit.")),
            ApprovalOutcome.Recorded => (T("您的决定已记录", "Your decision is recorded"), T($"您对{what}的决定已记录：{DecisionText(view.Decision, zh)}。本链接已失效。", $"Your decision on {what} is recorded: {DecisionText(view.Decision, zh)}. This link is now spent.")),
            ApprovalOutcome.Used => (T("链接已使用", "Link already used"), T($"该审议链接已使用，决定已记录{(view.Decision is null ? "" : "：" + DecisionText(view.Decision, zh))}。如需更改，请联系考核办公室。", $"This link has been used and its decision recorded{(view.Decision is null ? "" : ": " + DecisionText(view.Decision, zh))}. To change it, contact the appraisal office.")),
            ApprovalOutcome.Expired => (T("链接已过期", "Link expired"), T($"该审议链接已于 {c?.Expires.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm}（北京时间）过期。请联系考核办公室重新发送。", $"This link expired at {c?.Expires.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm} (Beijing time). Ask the appraisal office to send it again.")),
            ApprovalOutcome.Forged => (T("链接无效", "Invalid link"), T("该链接的签名无法验证，可能已被改动。请使用邮件中的原始链接。", "This link's signature does not verify; it may have been altered. Use the link exactly as mailed.")),
            ApprovalOutcome.NotAwaiting => (T("无需审议", "No decision awaited"), T($"{what}目前不在等待您的决定（可能已决定、已进入下一轮或周期已结束）。", $"{what} is not awaiting your decision now (it may be decided, in a later round, or over).")),
            ApprovalOutcome.BadForm => (T("提交无效", "Submission not accepted"), T("提交未被接受，未记录任何决定：请从邮件链接重新打开本页，选择同意或不同意；不同意时须填写理由。", "Nothing was recorded: open this page again from the mailed link and choose approve or reject; a rejection needs a reason.")),
            _ => (T("未找到链接", "Link not found"), T("未找到该审议链接。请使用邮件中的原始链接。", "This approval link is unknown. Use the link exactly as mailed.")),
        };

        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="{(zh ? "zh-CN" : "en")}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
            <title>{E(title)}</title>
            <style>body{"{"}font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#111;background:#fff;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.6{"}"}
            table{"{"}border-collapse:collapse;width:100%{"}"}th,td{"{"}border:1px solid #555;padding:.25rem .5rem;text-align:left{"}"}td.n{"{"}text-align:right{"}"}
            fieldset{"{"}margin:1rem 0{"}"}button{"{"}font-size:1rem;padding:.5rem 1.5rem;background:#0b3d91;color:#fff;border:0{"}"}button:focus,input:focus,textarea:focus{"{"}outline:3px solid #f5a000{"}"}
            .notice{"{"}border-left:4px solid #0b3d91;padding:.5rem 1rem;background:#eef2fa{"}"}</style></head>
            <body><main>
            <h1>{E(title)}</h1>
            <p class="notice" role="status">{E(message)}</p>
            """);
        if (view.Outcome == ApprovalOutcome.Confirm && view.Cards is { } cards && c is not null)
        {
            var departments = view.Organisation?.Departments.ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal) ?? [];
            html.Append(CultureInfo.InvariantCulture, $"""
                <h2>{E(T("结果摘要", "Summary"))}</h2>
                <p id="summary">{E(ResultSummary.Of(cards, language))}</p>
                <table id="grades"><caption>{E(T("等次分布", "Grades"))}</caption><thead><tr><th scope="col">{E(T("等次", "Grade"))}</th><th scope="col" class="n">{E(T("人数或部门数", "Count"))}</th></tr></thead><tbody>
                {string.Concat(cards.GroupBy(x => x.Grade).OrderBy(g => g.Key).Select(g => $"<tr><td>{E(ScorecardText.Grade(g.Key, language))}</td><td class=\"n\">{g.Count()}</td></tr>"))}
                </tbody></table>
                <h2>{E(T("考核办核查说明", "The appraisal office's verification notes"))}</h2>
                {(view.Notes.Count == 0 ? $"<p id=\"notes\">{E(T("各部门自查自评均经核查通过，无调整或退回。", "Every department's self-evaluation was accepted as submitted: nothing adjusted or returned."))}</p>"
                    : $"<ul id=\"notes\">{string.Concat(view.Notes.Select(n => $"<li>{E(n.Department)}：{E(n.Returned ? T("退回更正", "returned for correction") : T("调整后通过", "accepted with adjustments"))}（{E(Pages.Html.Beijing(n.At))}）——{E(n.Reason)}</li>"))}</ul>")}
                <form method="post" action="{E(action)}">
                <input type="hidden" name="af" value="{E(formToken ?? "")}">
                <fieldset><legend>{E(T("您的决定", "Your decision"))}</legend>
                <p><input type="radio" id="approve" name="decision" value="approve" required> <label for="approve">{E(T("同意", "Approve"))}</label></p>
                <p><input type="radio" id="reject" name="decision" value="reject"> <label for="reject">{E(T("不同意（须说明理由）", "Reject (give the reason)"))}</label></p>
                <p><label for="reason">{E(T("理由或意见", "Reason or remarks"))}</label><br><textarea id="reason" name="reason" rows="3" cols="60" maxlength="2000"></textarea></p>
                </fieldset>
                <p><button type="submit">{E(T("提交决定", "Submit decision"))}</button></p>
                </form>
                <h2>{E(T("考核结果（按全院排名）", "Results (by office rank)"))}</h2>
                <table><caption>{E(what)}</caption><thead><tr><th scope="col">{E(T("排名", "Rank"))}</th><th scope="col">{E(T("姓名或部门", "Name or department"))}</th><th scope="col">{E(T("部门", "Department"))}</th><th scope="col">{E(T("总分", "Total"))}</th><th scope="col">{E(T("等次", "Grade"))}</th></tr></thead><tbody>
                """);
            foreach (var card in cards.OrderBy(x => x.OfficeRank).ThenBy(x => x.SubjectId, StringComparer.Ordinal))
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"n\">{card.OfficeRank}</td><td>{E(card.SubjectName)}</td><td>{E(departments.GetValueOrDefault(card.DepartmentId, card.DepartmentId))}</td><td class=\"n\">{E(ScorecardText.N(card.Total))}</td><td>{E(ScorecardText.Grade(card.Grade, language))}{(card.QuotaTie ? E(T("（名额边界并列）", " (tied at quota)")) : "")}</td></tr>\n");
            }

            html.Append("</tbody></table>\n");
        }

        html.Append("</main></body></html>\n");
        return html.ToString();
    }

    private static string DecisionText(string? stored, bool zh)
    {
        if (stored is null)
        {
            return "";
        }

        var vote = JsonSerializer.Deserialize<Vote>(stored);
        return vote is null ? "" : vote.Approve ? (zh ? "同意" : "approve") : (zh ? $"不同意（理由：{vote.Reason}）" : $"reject (reason: {vote.Reason})");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
