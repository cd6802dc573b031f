using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Appraisal.Workflow.Http;

/// <summary>Every HTTP endpoint, by function name, verb and route (under <c>/api</c>): the self-host maps these
/// delegates with minimal APIs; the Functions app has an HTTP trigger of the same name, verb and route for each, which
/// a test checks against its published functions.metadata.</summary>
public static class EndpointCatalog
{
    public const string RoutePrefix = "api";

    public static IReadOnlyList<EndpointEntry> All { get; } =
    [
        new("ValidateScheme", "POST", "schemes/validate", (HttpRequest r) => SchemeEndpoints.ValidateAsync(r)),
        new("ListSchemeTemplates", "GET", "schemes/templates", () => SchemeEndpoints.ListTemplates()),
        new("GetSchemeTemplate", "GET", "schemes/templates/{letter}", (HttpRequest r, string letter) => SchemeEndpoints.GetTemplate(letter, r)),
        new("StartCycle", "POST", "cycles", (HttpRequest r, DurableTaskClient c) => CycleEndpoints.StartAsync(r, c)),
        new("GetCycleStatus", "GET", "cycles/{officeId}/{period}", (HttpRequest r, DurableTaskClient c, string officeId, string period) => CycleEndpoints.StatusAsync(r, c, officeId, period)),
        new("SubmitSelfEvaluation", "POST", "cycles/{officeId}/{period}/departments/{departmentId}/submission",
            (HttpRequest r, DurableTaskClient c, string officeId, string period, string departmentId) => CycleEndpoints.SubmitAsync(r, c, officeId, period, departmentId)),
        new("VerifySubmission", "POST", "cycles/{officeId}/{period}/departments/{departmentId}/verification",
            (HttpRequest r, DurableTaskClient c, string officeId, string period, string departmentId) => CycleEndpoints.VerifyAsync(r, c, officeId, period, departmentId)),
        new("DecideScheme", "POST", "cycles/{officeId}/{period}/scheme-decision", (HttpRequest r, DurableTaskClient c, string officeId, string period) => CycleEndpoints.DecideSchemeAsync(r, c, officeId, period)),
        new("CastVote", "POST", "cycles/{officeId}/{period}/votes", (HttpRequest r, DurableTaskClient c, string officeId, string period) => CycleEndpoints.VoteAsync(r, c, officeId, period)),
        new("FileObjection", "POST", "cycles/{officeId}/{period}/objections", (HttpRequest r, DurableTaskClient c, string officeId, string period) => CycleEndpoints.ObjectAsync(r, c, officeId, period)),
        new("StartProvinceCycle", "POST", "provinces/cycles", (HttpRequest r, DurableTaskClient c) => ProvinceEndpoints.StartAsync(r, c)),
        new("GetProvinceCycleStatus", "GET", "provinces/{provinceId}/{period}", (HttpRequest r, DurableTaskClient c, string provinceId, string period) => ProvinceEndpoints.StatusAsync(r, c, provinceId, period)),
        new("OpenApprovalLink", "GET", "approvals/{token}", (HttpRequest r, DurableTaskClient c, string token) => ApprovalEndpoints.OpenAsync(r, c, token)),
        new("SubmitApprovalLink", "POST", "approvals/{token}", (HttpRequest r, DurableTaskClient c, string token) => ApprovalEndpoints.DecideAsync(r, c, token)),
        new("ReviewObjections", "POST", "cycles/{officeId}/{period}/objection-review", (HttpRequest r, DurableTaskClient c, string officeId, string period) => CycleEndpoints.ReviewObjectionsAsync(r, c, officeId, period)),
    ];
}
