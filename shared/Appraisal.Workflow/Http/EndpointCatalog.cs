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
    ];
}
