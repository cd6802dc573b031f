using Appraisal.Workflow.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Appraisal.Functions.Http;

/// <summary>HTTP triggers for cycles, each with the name, verb and route of its <see cref="EndpointCatalog"/> entry
/// (a test holds the published metadata to the catalog); each delegates to <see cref="CycleEndpoints"/>.</summary>
public static class CycleFunctions
{
    [Function(nameof(StartCycle))]
    public static Task<IResult> StartCycle(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "cycles")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        CycleEndpoints.StartAsync(request, client);

    [Function(nameof(GetCycleStatus))]
    public static Task<IResult> GetCycleStatus(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "cycles/{officeId}/{period}")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId, string period) =>
        CycleEndpoints.StatusAsync(request, client, officeId, period);

    [Function(nameof(SubmitSelfEvaluation))]
    public static Task<IResult> SubmitSelfEvaluation(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "cycles/{officeId}/{period}/departments/{departmentId}/submission")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId, string period, string departmentId) =>
        CycleEndpoints.SubmitAsync(request, client, officeId, period, departmentId);

    [Function(nameof(VerifySubmission))]
    public static Task<IResult> VerifySubmission(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "cycles/{officeId}/{period}/departments/{departmentId}/verification")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId, string period, string departmentId) =>
        CycleEndpoints.VerifyAsync(request, client, officeId, period, departmentId);

    [Function(nameof(DecideScheme))]
    public static Task<IResult> DecideScheme(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "cycles/{officeId}/{period}/scheme-decision")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId, string period) =>
        CycleEndpoints.DecideSchemeAsync(request, client, officeId, period);

    [Function(nameof(CastVote))]
    public static Task<IResult> CastVote(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "cycles/{officeId}/{period}/votes")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId, string period) =>
        CycleEndpoints.VoteAsync(request, client, officeId, period);

    [Function(nameof(FileObjection))]
    public static Task<IResult> FileObjection(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "cycles/{officeId}/{period}/objections")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId, string period) =>
        CycleEndpoints.ObjectAsync(request, client, officeId, period);

    [Function(nameof(ReviewObjections))]
    public static Task<IResult> ReviewObjections(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "cycles/{officeId}/{period}/objection-review")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId, string period) =>
        CycleEndpoints.ReviewObjectionsAsync(request, client, officeId, period);

    [Function(nameof(StartProvinceCycle))]
    public static Task<IResult> StartProvinceCycle(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "provinces/cycles")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        ProvinceEndpoints.StartAsync(request, client);

    [Function(nameof(GetProvinceCycleStatus))]
    public static Task<IResult> GetProvinceCycleStatus(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "provinces/{provinceId}/{period}")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string provinceId, string period) =>
        ProvinceEndpoints.StatusAsync(request, client, provinceId, period);

    [Function(nameof(SubmitSelfEvaluationOfPerson))]
    public static Task<IResult> SubmitSelfEvaluationOfPerson(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "cycles/{officeId}/{period}/people/{personId}/self-evaluation")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId, string period, string personId) =>
        SelfEvaluationEndpoints.SubmitAsync(request, client, officeId, period, personId);

    [Function(nameof(ListSelfEvaluations))]
    public static Task<IResult> ListSelfEvaluations(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "cycles/{officeId}/{period}/departments/{departmentId}/self-evaluations")] HttpRequest request,
        string officeId, string period, string departmentId) =>
        SelfEvaluationEndpoints.ListAsync(request, officeId, period, departmentId);
}
