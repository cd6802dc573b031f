using Appraisal.Storage.Cycles;
using Appraisal.Storage.Schemes;
using Appraisal.Storage.Scorecards;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Exports;
using Appraisal.Workflow.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

/// <summary>Downloads of a cycle's results: <c>results.xlsx</c> (a sheet each for the ranking, the scorecard lines and
/// the departments) or one of them as CSV (<c>ranking.csv</c>, <c>lines.csv</c>, <c>departments.csv</c>); headings in
/// the reader's language. A department head gets their own department's scorecards only.</summary>
public static class ExportEndpoints
{
    public static IReadOnlyList<string> Files { get; } = ["results.xlsx", "ranking.csv", "lines.csv", "departments.csv"];

    /// <summary>GET cycles/{officeId}/{period}/exports/{file}.</summary>
    public static Task<IResult> DownloadAsync(HttpRequest request, string officeId, string period, string file) =>
        Handler.RunAsync(request, AccessRule.ReadResults, officeId, null, async (caller, services, cancel) =>
        {
            if (!Files.Contains(file, StringComparer.Ordinal))
            {
                throw new RequestRefusedException(404, "file", $"expected one of {string.Join(", ", Files)}, found '{file}'", $"应为 {string.Join("、", Files)} 之一，实际为 '{file}'");
            }

            var p = ResultEndpoints.ParsePeriod(period, null);
            var cycle = await services.GetRequiredService<CycleRepository>().GetAsync(officeId, p.ToString(), cancel).ConfigureAwait(false)
                ?? throw new RequestRefusedException(404, "period", $"expected a cycle of {officeId} for {p}, found none started", $"{officeId} 院 {p} 尚未启动考核");
            var scheme = (await services.GetRequiredService<SchemeRepository>().GetAsync(cycle.Value.SchemeId, cycle.Value.SchemeVersion, cancel).ConfigureAwait(false))?.Scheme
                ?? throw new RequestRefusedException(404, "period", $"expected the decided scheme of {officeId} {p}, found none yet", $"{officeId} 院 {p} 的考核方案尚未确定");
            var org = await services.GetRequiredService<CycleRecords>().OrganisationAsync(officeId, cancel).ConfigureAwait(false);
            var own = ResultEndpoints.OwnDepartmentOnly(caller);
            var cards = (await services.GetRequiredService<ScorecardRepository>().ForPeriodAsync(officeId, p.ToString(), cycle.Value.SchemeId, cancel).ConfigureAwait(false))
                .Where(c => own is null || c.DepartmentId == own).ToList();
            if (cards.Count == 0)
            {
                throw new RequestRefusedException(404, "period", $"expected scored results of {officeId} for {p}, found none yet", $"{officeId} 院 {p} 尚无计分结果");
            }

            var tables = ScorecardExport.Tables(org, scheme, cards, RequestLanguage.Of(request));
            var name = $"{officeId}-{p}-{file}";
            return file == "results.xlsx"
                ? Results.File(TableFiles.Xlsx(tables), TableFiles.XlsxType, name)
                : Results.File(TableFiles.Csv(tables[Array.IndexOf(["ranking.csv", "lines.csv", "departments.csv"], file)]), TableFiles.CsvType, name);
        });
}
