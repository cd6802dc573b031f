using Appraisal.Domain.Schemes.Json;
using Appraisal.Domain.Scoring;
using Appraisal.Storage;
using Appraisal.Storage.Schemes;
using Appraisal.Storage.Scorecards;
using Appraisal.Workflow.Cycle;
using Azure.Storage.Blobs.Models;

namespace Appraisal.Workflow.Bulletins;

/// <summary>The month's bulletin from stored data: the month scored under the office's decided scheme (case records and
/// the claims submitted so far), its scorecards stored as the month's running results, and the bulletin — department
/// ranking and every warning — as a blob named by office and month (written again identically when retried).</summary>
public sealed class StorageBulletinServices(StorageAccount account, CycleRecords records, SchemeRepository schemes, ScorecardRepository scorecards, CycleOptions options) : IBulletinServices
{
    public static string BlobName(string officeId, string period) => $"bulletins/{officeId}/{period}.json";

    public async Task<BulletinOutcome> ComposeAsync(BulletinInput input, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(input);
        var scheme = (await schemes.LatestDecidedAsync(options.SchemeId, cancel).ConfigureAwait(false))?.Scheme
            ?? throw new InvalidOperationException($"scheme {options.SchemeId} has no decided version for the bulletin of {input.OfficeId} {input.Period}");
        var org = await records.OrganisationAsync(input.OfficeId, cancel).ConfigureAwait(false);
        var cards = Scorer.Score(await records.ScoringInputAsync(input.OfficeId, input.Period, scheme, org, cancel).ConfigureAwait(false));
        await scorecards.SaveAsync(input.OfficeId, cards, cancel: cancel).ConfigureAwait(false);

        var departments = cards.GroupBy(c => c.DepartmentId)
            .Select(g => new { departmentId = g.Key, name = org.FindDepartment(g.Key)?.Name ?? g.Key, people = g.Count(), average = Math.Round(g.Average(c => c.Total), 2) })
            .OrderByDescending(d => d.average).ToList();
        var warnings = cards.SelectMany(c => c.Warnings.Select(w => new { subjectId = c.SubjectId, name = c.SubjectName, departmentId = c.DepartmentId, code = w.Code.ToString(), item = w.Item, value = w.Value, threshold = w.Threshold }))
            .ToList();
        var bulletin = new { officeId = input.OfficeId, office = org.Office.Name, period = input.Period, schemeId = scheme.Id, schemeVersion = scheme.Version, departments, warnings };
        var name = BlobName(input.OfficeId, input.Period);
        await account.Container(ContainerNames.Reports).GetBlobClient(name).UploadAsync(BinaryData.FromObjectAsJson(bulletin, DomainJson.Options),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" } }, cancel).ConfigureAwait(false);
        return new BulletinOutcome(input.OfficeId, input.Period, name, warnings.Count);
    }
}
