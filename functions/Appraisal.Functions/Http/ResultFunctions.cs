using Appraisal.Workflow.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Appraisal.Functions.Http;

/// <summary>HTTP triggers for what people read: results, the public notice, dossiers and bulletins; each delegates
/// to <see cref="ResultEndpoints"/>.</summary>
public static class ResultFunctions
{
    [Function(nameof(GetCycleResults))]
    public static Task<IResult> GetCycleResults(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "cycles/{officeId}/{period}/results")] HttpRequest request, string officeId, string period) =>
        ResultEndpoints.ResultsAsync(request, officeId, period);

    [Function(nameof(ExportResults))]
    public static Task<IResult> ExportResults(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "cycles/{officeId}/{period}/exports/{file}")] HttpRequest request, string officeId, string period, string file) =>
        ExportEndpoints.DownloadAsync(request, officeId, period, file);

    [Function(nameof(GetPublicNotice))]
    public static Task<IResult> GetPublicNotice(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "cycles/{officeId}/{period}/notice")] HttpRequest request, string officeId, string period) =>
        ResultEndpoints.NoticeAsync(request, officeId, period);

    [Function(nameof(GetDossier))]
    public static Task<IResult> GetDossier(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "offices/{officeId}/people/{personId}/dossier")] HttpRequest request, string officeId, string personId) =>
        ResultEndpoints.DossierAsync(request, officeId, personId);

    [Function(nameof(GetBulletin))]
    public static Task<IResult> GetBulletin(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "offices/{officeId}/bulletins/{month}")] HttpRequest request, string officeId, string month) =>
        ResultEndpoints.BulletinAsync(request, officeId, month);

    [Function(nameof(GetBulletinFile))]
    public static Task<IResult> GetBulletinFile(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "offices/{officeId}/bulletins/{month}/files/{file}")] HttpRequest request, string officeId, string month, string file) =>
        ResultEndpoints.BulletinFileAsync(request, officeId, month, file);
}
