using Appraisal.Domain.Text;
using static Appraisal.Workflow.Pages.Html;

namespace Appraisal.Workflow.Pages;

/// <summary>The objection form of the public notice (异议申请) and the page that confirms it was filed.</summary>
public static class ObjectionPage
{
    public static string Form(string officeId, string period, string subjectId, string formToken, string action, Language language) =>
        Page(language, T(language, $"{period} 考核结果异议申请", $"Objection to the {period} results"), officeId, $"""
            <p class="notice">{E(T(language, "请在公示期内对本人（部门负责人可对本部门）的考核结果提出异议，并说明理由。考核办公室将复核并反馈。", "Object within the objection period to your own result (a department head: the department's), giving the grounds. The appraisal office reviews it and answers."))}</p>
            <form method="post" action="{E(action)}">
            <input type="hidden" name="af" value="{E(formToken)}">
            <p><label for="subjectId">{E(T(language, "考核对象编号", "Subject id"))}</label><input id="subjectId" name="subjectId" value="{E(subjectId)}" required maxlength="64"></p>
            <p><label for="reason">{E(T(language, "异议理由", "Grounds"))}</label><textarea id="reason" name="reason" rows="5" cols="70" required maxlength="2000"></textarea></p>
            <p><button type="submit">{E(T(language, "提交异议", "File the objection"))}</button></p>
            </form>
            """);

    public static string Filed(string officeId, string period, string subjectId, string key, Language language) =>
        Page(language, T(language, "异议已提交", "Objection filed"), officeId, $"""
            <p class="notice" role="status">{E(T(language, $"对 {subjectId} 的 {period} 考核结果的异议已提交（编号 {key}），考核办公室将复核并反馈。", $"The objection to the {period} result of {subjectId} is filed (number {key}); the appraisal office reviews it and answers."))}</p>
            """);
}
