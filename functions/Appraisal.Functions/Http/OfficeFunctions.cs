using Appraisal.Workflow.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Appraisal.Functions.Http;

/// <summary>HTTP triggers for an office's data, evidence and mail set aside; each delegates to
/// <see cref="OfficeEndpoints"/>, <see cref="EvidenceEndpoints"/> or <see cref="MailEndpoints"/>.</summary>
public static class OfficeFunctions
{
    [Function(nameof(ImportOrganisation))]
    public static Task<IResult> ImportOrganisation(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "offices/{officeId}/organisation")] HttpRequest request, string officeId) =>
        OfficeEndpoints.ImportOrganisationAsync(request, officeId);

    [Function(nameof(GetOrganisation))]
    public static Task<IResult> GetOrganisation(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "offices/{officeId}/organisation")] HttpRequest request, string officeId) =>
        OfficeEndpoints.GetOrganisationAsync(request, officeId);

    [Function(nameof(ImportCases))]
    public static Task<IResult> ImportCases(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "offices/{officeId}/cases")] HttpRequest request, string officeId) =>
        OfficeEndpoints.ImportCasesAsync(request, officeId);

    [Function(nameof(ImportYearLedger))]
    public static Task<IResult> ImportYearLedger(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "offices/{officeId}/years/{year}/ledger")] HttpRequest request, string officeId, string year) =>
        OfficeEndpoints.ImportYearLedgerAsync(request, officeId, year);

    [Function(nameof(ListSetAsideMail))]
    public static Task<IResult> ListSetAsideMail(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "offices/{officeId}/mail/set-aside")] HttpRequest request, string officeId) =>
        MailEndpoints.ListAsync(request, officeId);

    [Function(nameof(ResendMail))]
    public static Task<IResult> ResendMail(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "offices/{officeId}/mail/set-aside/resend")] HttpRequest request, string officeId) =>
        MailEndpoints.ResendAsync(request, officeId);

    [Function(nameof(UploadEvidence))]
    public static Task<IResult> UploadEvidence(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "cycles/{officeId}/{period}/departments/{departmentId}/evidence")] HttpRequest request,
        string officeId, string period, string departmentId) =>
        EvidenceEndpoints.UploadAsync(request, officeId, period, departmentId);

    [Function(nameof(GetEvidence))]
    public static Task<IResult> GetEvidence(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "offices/{officeId}/evidence/{sha256}")] HttpRequest request, string officeId, string sha256) =>
        EvidenceEndpoints.GetAsync(request, officeId, sha256);

    [Function(nameof(BuildArchive))]
    public static Task<IResult> BuildArchive(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "offices/{officeId}/archives/{year}")] HttpRequest request, string officeId, string year) =>
        ArchiveEndpoints.BuildAsync(request, officeId, year);

    [Function(nameof(GetArchive))]
    public static Task<IResult> GetArchive(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "offices/{officeId}/archives/{year}")] HttpRequest request, string officeId, string year) =>
        ArchiveEndpoints.GetAsync(request, officeId, year);
}
