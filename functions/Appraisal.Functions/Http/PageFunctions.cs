using Appraisal.Workflow.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Appraisal.Functions.Http;

/// <summary>HTTP triggers for the pages people read in a browser; each delegates to <see cref="PageEndpoints"/>.</summary>
public static class PageFunctions
{
    [Function(nameof(ToDoPage))]
    public static Task<IResult> ToDoPage(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "pages/todo")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        PageEndpoints.ToDoAsync(request, client);

    [Function(nameof(SelfEvaluationFormPage))]
    public static Task<IResult> SelfEvaluationFormPage(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "pages/cycles/{officeId}/{period}/self-evaluation")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId, string period) =>
        PageEndpoints.SelfEvaluationFormAsync(request, client, officeId, period);

    [Function(nameof(SubmitSelfEvaluationForm))]
    public static Task<IResult> SubmitSelfEvaluationForm(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "pages/cycles/{officeId}/{period}/self-evaluation")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId, string period) =>
        PageEndpoints.SelfEvaluationSubmitAsync(request, client, officeId, period);

    [Function(nameof(DepartmentSubmissionPage))]
    public static Task<IResult> DepartmentSubmissionPage(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "pages/cycles/{officeId}/{period}/departments/{departmentId}/submission")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId, string period, string departmentId) =>
        PageEndpoints.DepartmentSubmissionFormAsync(request, client, officeId, period, departmentId);

    [Function(nameof(SubmitDepartmentForm))]
    public static Task<IResult> SubmitDepartmentForm(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "pages/cycles/{officeId}/{period}/departments/{departmentId}/submission")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId, string period, string departmentId) =>
        PageEndpoints.DepartmentSubmissionSubmitAsync(request, client, officeId, period, departmentId);

    [Function(nameof(UploadEvidenceForm))]
    public static Task<IResult> UploadEvidenceForm(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "pages/cycles/{officeId}/{period}/departments/{departmentId}/evidence")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId, string period, string departmentId) =>
        PageEndpoints.DepartmentEvidenceUploadAsync(request, client, officeId, period, departmentId);

    [Function(nameof(VerificationPage))]
    public static Task<IResult> VerificationPage(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "pages/cycles/{officeId}/{period}/departments/{departmentId}/verification")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId, string period, string departmentId) =>
        PageEndpoints.VerificationFormAsync(request, client, officeId, period, departmentId);

    [Function(nameof(SubmitVerificationForm))]
    public static Task<IResult> SubmitVerificationForm(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "pages/cycles/{officeId}/{period}/departments/{departmentId}/verification")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId, string period, string departmentId) =>
        PageEndpoints.VerificationSubmitAsync(request, client, officeId, period, departmentId);

    [Function(nameof(ObjectionReviewPage))]
    public static Task<IResult> ObjectionReviewPage(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "pages/cycles/{officeId}/{period}/objections")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId, string period) =>
        PageEndpoints.ObjectionReviewFormAsync(request, client, officeId, period);

    [Function(nameof(SubmitObjectionReviewForm))]
    public static Task<IResult> SubmitObjectionReviewForm(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "pages/cycles/{officeId}/{period}/objections")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId, string period) =>
        PageEndpoints.ObjectionReviewSubmitAsync(request, client, officeId, period);

    [Function(nameof(AuditTrailPage))]
    public static Task<IResult> AuditTrailPage(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "pages/cycles/{officeId}/{period}/audit")] HttpRequest request, string officeId, string period) =>
        PageEndpoints.AuditTrailAsync(request, officeId, period);

    [Function(nameof(NoticePage))]
    public static Task<IResult> NoticePage(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "pages/cycles/{officeId}/{period}/notice")] HttpRequest request, string officeId, string period) =>
        PageEndpoints.NoticeAsync(request, officeId, period);

    [Function(nameof(DossierPage))]
    public static Task<IResult> DossierPage(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "pages/offices/{officeId}/people/{personId}/dossier")] HttpRequest request, string officeId, string personId) =>
        PageEndpoints.DossierAsync(request, officeId, personId);

    [Function(nameof(DashboardPage))]
    public static Task<IResult> DashboardPage(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "pages/offices/{officeId}/dashboard")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId) =>
        PageEndpoints.DashboardAsync(request, client, officeId);

    [Function(nameof(ResendMailForm))]
    public static Task<IResult> ResendMailForm(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "pages/offices/{officeId}/dashboard")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId) =>
        PageEndpoints.ResendMailSubmitAsync(request, client, officeId);

    [Function(nameof(BulletinPage))]
    public static Task<IResult> BulletinPage(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "pages/offices/{officeId}/bulletins/{month}")] HttpRequest request, string officeId, string month) =>
        PageEndpoints.BulletinAsync(request, officeId, month);

    [Function(nameof(ObjectionFormPage))]
    public static Task<IResult> ObjectionFormPage(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "pages/cycles/{officeId}/{period}/objection")] HttpRequest request, string officeId, string period) =>
        PageEndpoints.ObjectionFormAsync(request, officeId, period);

    [Function(nameof(SubmitObjectionForm))]
    public static Task<IResult> SubmitObjectionForm(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "pages/cycles/{officeId}/{period}/objection")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId, string period) =>
        PageEndpoints.ObjectionSubmitAsync(request, client, officeId, period);
}
