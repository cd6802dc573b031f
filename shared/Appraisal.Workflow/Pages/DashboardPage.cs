using System.Globalization;
using System.Text;
using Appraisal.Domain.Cycles;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Text;
using Appraisal.Workflow.Actions;
using static Appraisal.Workflow.Pages.Html;

namespace Appraisal.Workflow.Pages;

/// <summary>One cycle as the dashboard shows it: its stage, who it waits for, until when, and whether that is overdue.</summary>
public sealed record DashboardRow(string Period, string RuntimeStatus, CycleStage? Stage, IReadOnlyList<string> Awaiting, DateTime? UntilUtc, bool Overdue);

/// <summary>The appraisal office's dashboard (考核办公室工作台): every cycle of the office by stage — which departments
/// have not submitted, which members have not decided, which objections are open — with overdue items marked.</summary>
public static class DashboardPage
{
    public static string Render(OfficeOrganisation org, IReadOnlyList<DashboardRow> rows, DateTimeOffset now, Language language)
    {
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(rows);
        var names = org.Departments.ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        foreach (var p in org.People)
        {
            names.TryAdd(p.Id, p.Name);
        }

        var content = new StringBuilder();
        var running = rows.Count(r => r.RuntimeStatus is "Running" or "Pending");
        var overdue = rows.Count(r => r.Overdue);
        content.Append(CultureInfo.InvariantCulture, $"""
            <p class="notice" role="status">{E(T(language, $"进行中的考核周期 {running} 个；逾期事项 {overdue} 项。（{Beijing(now)} 北京时间）", $"{running} cycle(s) running; {overdue} overdue item(s). ({Beijing(now)} Beijing time)"))}</p>
            <table><caption>{E(T(language, "考核周期", "Cycles"))}</caption>
            <thead><tr><th scope="col">{E(T(language, "期间", "Period"))}</th><th scope="col">{E(T(language, "阶段", "Stage"))}</th><th scope="col">{E(T(language, "等待", "Awaiting"))}</th><th scope="col">{E(T(language, "截止（北京时间）", "Until (Beijing time)"))}</th><th scope="col">{E(T(language, "状态", "State"))}</th></tr></thead><tbody>
            """);
        foreach (var row in rows.OrderByDescending(r => r.Period, StringComparer.Ordinal))
        {
            var awaiting = row.Awaiting.Count == 0 ? "—" : $"{row.Awaiting.Count}：" + string.Join("、", row.Awaiting.Take(12).Select(a => names.GetValueOrDefault(a, a))) + (row.Awaiting.Count > 12 ? "…" : "");
            var until = row.UntilUtc is { } u ? Beijing(new DateTimeOffset(DateTime.SpecifyKind(u, DateTimeKind.Utc))) : "—";
            var state = row.Overdue ? $"<strong class=\"overdue\">{E(T(language, "逾期", "overdue"))}</strong>" : E(Runtime(row.RuntimeStatus, language));
            content.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(row.Period)}</td><td class=\"stage\">{E(Stage(row.Stage, language))}</td><td class=\"awaiting\">{E(awaiting)}</td><td>{E(until)}</td><td>{state}</td></tr>\n");
        }

        if (rows.Count == 0)
        {
            content.Append(CultureInfo.InvariantCulture, $"<tr><td colspan=\"5\">{E(T(language, "尚未启动任何考核周期。", "No cycle started yet."))}</td></tr>");
        }

        content.Append("</tbody></table>");
        return Page(language, T(language, $"{org.Office.Name} 考核工作台", $"{org.Office.Name}: appraisal dashboard"), T(language, "考核办公室", "Appraisal office"), content.ToString());
    }

    public static string Stage(CycleStage? stage, Language language) => stage is { } s ? StageNames.Of(s, language) : T(language, "启动中", "starting");

    private static string Runtime(string status, Language language) => (status, language) switch
    {
        ("Running" or "Pending", Language.Zh) => "进行中",
        ("Completed", Language.Zh) => "已完成",
        ("Failed", Language.Zh) => "失败",
        _ => status,
    };
}
