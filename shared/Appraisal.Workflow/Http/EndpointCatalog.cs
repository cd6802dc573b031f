using Appraisal.Workflow.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Appraisal.Workflow.Http;

/// <summary>Every HTTP endpoint, by function name, verb, route (under <c>/api</c>) and who may call it: the self-host maps these
/// delegates with minimal APIs; the Functions app has an HTTP trigger of the same name, verb and route for each, which
/// a test checks against its published functions.metadata.</summary>
public static class EndpointCatalog
{
    public const string RoutePrefix = "api";

    public static IReadOnlyList<EndpointEntry> All { get; } =
    [
        new("ValidateScheme", "POST", "schemes/validate", AccessRule.Anyone, (HttpRequest r) => SchemeEndpoints.ValidateAsync(r)),
        new("ListSchemeTemplates", "GET", "schemes/templates", AccessRule.Anyone, (HttpRequest r) => SchemeEndpoints.ListTemplatesAsync(r)),
        new("GetSchemeTemplate", "GET", "schemes/templates/{letter}", AccessRule.Anyone, (HttpRequest r, string letter) => SchemeEndpoints.GetTemplateAsync(letter, r)),
        new("StartCycle", "POST", "cycles", AccessRule.StartCycle, (HttpRequest r, DurableTaskClient c) => CycleEndpoints.StartAsync(r, c)),
        new("GetCycleStatus", "GET", "cycles/{officeId}/{period}", AccessRule.ReadCycle, (HttpRequest r, DurableTaskClient c, string officeId, string period) => CycleEndpoints.StatusAsync(r, c, officeId, period)),
        new("SubmitSelfEvaluation", "POST", "cycles/{officeId}/{period}/departments/{departmentId}/submission",
            AccessRule.Submit, (HttpRequest r, DurableTaskClient c, string officeId, string period, string departmentId) => CycleEndpoints.SubmitAsync(r, c, officeId, period, departmentId)),
        new("VerifySubmission", "POST", "cycles/{officeId}/{period}/departments/{departmentId}/verification",
            AccessRule.Verify, (HttpRequest r, DurableTaskClient c, string officeId, string period, string departmentId) => CycleEndpoints.VerifyAsync(r, c, officeId, period, departmentId)),
        new("DecideScheme", "POST", "cycles/{officeId}/{period}/scheme-decision", AccessRule.Decide, (HttpRequest r, DurableTaskClient c, string officeId, string period) => CycleEndpoints.DecideSchemeAsync(r, c, officeId, period)),
        new("CastVote", "POST", "cycles/{officeId}/{period}/votes", AccessRule.Decide, (HttpRequest r, DurableTaskClient c, string officeId, string period) => CycleEndpoints.VoteAsync(r, c, officeId, period)),
        new("FileObjection", "POST", "cycles/{officeId}/{period}/objections", AccessRule.Object, (HttpRequest r, DurableTaskClient c, string officeId, string period) => CycleEndpoints.ObjectAsync(r, c, officeId, period)),
        new("StartProvinceCycle", "POST", "provinces/cycles", AccessRule.StartProvince, (HttpRequest r, DurableTaskClient c) => ProvinceEndpoints.StartAsync(r, c)),
        new("GetProvinceCycleStatus", "GET", "provinces/{provinceId}/{period}", AccessRule.ReadProvince, (HttpRequest r, DurableTaskClient c, string provinceId, string period) => ProvinceEndpoints.StatusAsync(r, c, provinceId, period)),
        new("OpenApprovalLink", "GET", "approvals/{token}", AccessRule.Link, (HttpRequest r, DurableTaskClient c, string token) => ApprovalEndpoints.OpenAsync(r, c, token)),
        new("SubmitApprovalLink", "POST", "approvals/{token}", AccessRule.Link, (HttpRequest r, DurableTaskClient c, string token) => ApprovalEndpoints.DecideAsync(r, c, token)),
        new("ReviewObjections", "POST", "cycles/{officeId}/{period}/objection-review", AccessRule.Verify, (HttpRequest r, DurableTaskClient c, string officeId, string period) => CycleEndpoints.ReviewObjectionsAsync(r, c, officeId, period)),
        new("CreateSchemeDraft", "POST", "schemes", AccessRule.DraftScheme, (HttpRequest r) => SchemeDraftEndpoints.CreateAsync(r)),
        new("ListSchemeVersions", "GET", "schemes/{schemeId}/versions", AccessRule.Anyone, (HttpRequest r, string schemeId) => SchemeDraftEndpoints.ListAsync(r, schemeId)),
        new("GetSchemeVersion", "GET", "schemes/{schemeId}/versions/{version}", AccessRule.Anyone, (HttpRequest r, string schemeId, string version) => SchemeDraftEndpoints.GetAsync(r, schemeId, version)),
        new("UpdateSchemeDraft", "PUT", "schemes/{schemeId}/versions/{version}", AccessRule.DraftScheme, (HttpRequest r, string schemeId, string version) => SchemeDraftEndpoints.UpdateAsync(r, schemeId, version)),
        new("SubmitSchemeDraft", "POST", "schemes/{schemeId}/versions/{version}/submission", AccessRule.DraftScheme, (HttpRequest r, string schemeId, string version) => SchemeDraftEndpoints.SubmitAsync(r, schemeId, version)),
        new("ImportOrganisation", "PUT", "offices/{officeId}/organisation", AccessRule.ManageOrganisation, (HttpRequest r, string officeId) => OfficeEndpoints.ImportOrganisationAsync(r, officeId)),
        new("GetOrganisation", "GET", "offices/{officeId}/organisation", AccessRule.ReadOrganisation, (HttpRequest r, string officeId) => OfficeEndpoints.GetOrganisationAsync(r, officeId)),
        new("ImportCases", "POST", "offices/{officeId}/cases", AccessRule.ImportCases, (HttpRequest r, string officeId) => OfficeEndpoints.ImportCasesAsync(r, officeId)),
        new("UploadEvidence", "POST", "cycles/{officeId}/{period}/departments/{departmentId}/evidence", AccessRule.UploadEvidence,
            (HttpRequest r, string officeId, string period, string departmentId) => EvidenceEndpoints.UploadAsync(r, officeId, period, departmentId)),
        new("GetEvidence", "GET", "offices/{officeId}/evidence/{sha256}", AccessRule.ReadEvidence, (HttpRequest r, string officeId, string sha256) => EvidenceEndpoints.GetAsync(r, officeId, sha256)),
        new("GetCycleResults", "GET", "cycles/{officeId}/{period}/results", AccessRule.ReadResults, (HttpRequest r, string officeId, string period) => ResultEndpoints.ResultsAsync(r, officeId, period)),
        new("GetPublicNotice", "GET", "cycles/{officeId}/{period}/notice", AccessRule.ReadNotice, (HttpRequest r, string officeId, string period) => ResultEndpoints.NoticeAsync(r, officeId, period)),
        new("GetDossier", "GET", "offices/{officeId}/people/{personId}/dossier", AccessRule.ReadDossier, (HttpRequest r, string officeId, string personId) => ResultEndpoints.DossierAsync(r, officeId, personId)),
        new("GetBulletin", "GET", "offices/{officeId}/bulletins/{month}", AccessRule.ReadBulletin, (HttpRequest r, string officeId, string month) => ResultEndpoints.BulletinAsync(r, officeId, month)),
    ];
}
