using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

/// <summary>The department head's forms: the department's submission and its evidence.</summary>
public static partial class PageEndpoints
{
    /// <summary>The most ledger rows one form holds (a department's quarter rarely has more than a few dozen claims).</summary>
    public const int MaxLedgerRows = 200;

    /// <summary>GET pages/cycles/{officeId}/{period}/departments/{departmentId}/submission: the department head's sheet.</summary>
    public static Task<IResult> DepartmentSubmissionFormAsync(HttpRequest request, DurableTaskClient client, string officeId, string period, string departmentId) =>
        RunFormAsync(request, AccessRule.Submit, officeId, async (caller, services, language, cancel) =>
        {
            var sheet = await services.GetRequiredService<DepartmentSheets>().SheetAsync(client, caller!, officeId, period, departmentId, cancel).ConfigureAwait(false);
            var claims = sheet.Submission is { } previous ? DepartmentClaims.FromPayload(previous.Payload) : null;
            var rows = SheetRows(sheet, claims);
            var prefilled = rows.Where(r => r.From is not null).ToList();
            var uploaded = request.Query["uploaded"].FirstOrDefault();
            var notice = uploaded is { Length: > 0 and <= 200 } ? PageText.Format(language, "Dept.Uploaded", uploaded) : SelfReviewNotice(request, sheet, language);
            return (await DepartmentPageAsync(request, services, caller!, sheet, language, rows,
                [], notice ?? (prefilled.Count > 0 ? PageText.Format(language, "StaffClaims.Prefilled", prefilled.Count) : null), cancel).ConfigureAwait(false), 200);
        }, departmentId);

    /// <summary>POST pages/cycles/{officeId}/{period}/departments/{departmentId}/submission: more empty rows, a preview
    /// of the scores (checked as a submission is, scored, nothing stored), or the department's submission through the
    /// same service as the API; a refusal shows each error beside its row.</summary>
    public static Task<IResult> DepartmentSubmissionSubmitAsync(HttpRequest request, DurableTaskClient client, string officeId, string period, string departmentId) =>
        RunFormAsync(request, AccessRule.Submit, officeId, async (caller, services, language, cancel) =>
        {
            var form = await ReadFormAsync(request, cancel).ConfigureAwait(false);
            var sheets = services.GetRequiredService<DepartmentSheets>();
            var count = int.TryParse(form["rows"].FirstOrDefault(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 1, MaxLedgerRows) : 5;
            var rows = Enumerable.Range(0, count).Select(i => new LedgerRow(
                Field(form, $"subject_{i}"), Field(form, $"item_{i}"), Field(form, $"occurrences_{i}"), Field(form, $"evidence_{i}"), Field(form, $"note_{i}"))
            { From = Field(form, $"from_{i}") is { Length: > 0 } from ? from : null }).ToList();
            try
            {
                await RequireFormTokenAsync(request, services, DepartmentNonce(officeId, period, departmentId, caller!.UserId), form, cancel).ConfigureAwait(false);
                if (form["intent"].FirstOrDefault() == "more")
                {
                    var wider = rows.Concat(Enumerable.Repeat(LedgerRow.Empty, Math.Min(5, MaxLedgerRows - rows.Count))).ToList();
                    var open = await sheets.SheetAsync(client, caller, officeId, period, departmentId, cancel).ConfigureAwait(false);
                    return (await DepartmentPageAsync(request, services, caller, open, language, wider, [], null, cancel).ConfigureAwait(false), 200);
                }

                // The filled rows as the ledger CSV the API takes (RowErrors leads its line numbers back to the rows).
                var filled = rows.Where(r => !r.IsEmpty).ToList();
                var ledger = Domain.Inputs.LedgerCsv.Text(filled.Select(r => new[] { r.Subject, r.Item, r.Occurrences, r.Evidence, r.Note }));
                var claims = new DepartmentClaims(filled.Count > 0 ? ledger : null);
                if (form["intent"].FirstOrDefault() == "preview")
                {
                    // Checked as a submission is and scored as the cycle will score it; nothing stored.
                    var preview = await services.GetRequiredService<DepartmentPreview>().PreviewAsync(client, caller, officeId, period, departmentId, claims, cancel).ConfigureAwait(false);
                    var sheet = await sheets.SheetAsync(client, caller, officeId, period, departmentId, cancel).ConfigureAwait(false);
                    var lines = rows.Select((r, i) => (r, i)).Where(x => !x.r.IsEmpty).Select(x => x.i + 1).ToList();
                    return (await DepartmentPageAsync(request, services, caller, sheet, language, rows, [], null, cancel, new DepartmentPreviewView(preview, lines)).ConfigureAwait(false), 200);
                }

                await services.GetRequiredService<SubmitDepartmentAction>().RunAsync(client, caller, officeId, period, departmentId, claims, null, cancel).ConfigureAwait(false);
                var submitted = await sheets.SheetAsync(client, caller, officeId, period, departmentId, cancel).ConfigureAwait(false);
                return (await DepartmentPageAsync(request, services, caller, submitted, language, rows, [], PageText.Get(language, "Dept.Stored"), cancel).ConfigureAwait(false), 200);
            }
            catch (RequestRefusedException ex) when (ex.Status is 400 or 409 or 422 && ex.Field != Access.Field)
            {
                var sheet = await sheets.SheetAsync(client, caller!, officeId, period, departmentId, cancel).ConfigureAwait(false);
                var errors = ex.Errors.Count == 0 ? [new FieldMessage(ex.Field, ex.Detail(language))] : RowErrors(ex, rows, language);
                return (await DepartmentPageAsync(request, services, caller!, sheet, language, rows, errors, null, cancel).ConfigureAwait(false), ex.Status);
            }
        }, departmentId);

    /// <summary>POST pages/cycles/{officeId}/{period}/departments/{departmentId}/evidence: one file (multipart) through
    /// the evidence service; back to the sheet, which lists it with the hash to cite.</summary>
    public static Task<IResult> DepartmentEvidenceUploadAsync(HttpRequest request, DurableTaskClient client, string officeId, string period, string departmentId) =>
        RunFormAsync(request, AccessRule.Submit, officeId, async (caller, services, language, cancel) =>
        {
            var form = await ReadFormAsync(request, cancel).ConfigureAwait(false);
            try
            {
                await RequireFormTokenAsync(request, services, DepartmentNonce(officeId, period, departmentId, caller!.UserId), form, cancel).ConfigureAwait(false);
                var name = await UploadFormFileAsync(form, services, caller, officeId, period, departmentId, cancel).ConfigureAwait(false);
                request.HttpContext.Response.Headers.Location =
                    $"{request.PathBase}/{EndpointCatalog.RoutePrefix}/pages/cycles/{officeId}/{period}/departments/{departmentId}/submission?uploaded={Uri.EscapeDataString(name)}{(language == Domain.Text.Language.En ? "&lang=en" : string.Empty)}";
                return (string.Empty, 303);
            }
            catch (RequestRefusedException ex) when (ex.Status is 400 or 409 or 413 or 415 or 422 && ex.Field != Access.Field)
            {
                return (await StoredSheetAsync(request, client, services, caller!, officeId, period, departmentId, [new FieldMessage(ex.Field, ex.Detail(language))], language, cancel).ConfigureAwait(false), ex.Status);
            }
        }, departmentId);

    /// <summary>The form's <c>file</c> through the evidence service for a department (its size and type checked, the
    /// caller recorded as uploader); the file's name as uploaded.</summary>
    private static async Task<string> UploadFormFileAsync(IFormCollection form, IServiceProvider services, Caller caller, string officeId, string period, string departmentId, CancellationToken cancel)
    {
        var file = form.Files["file"];
        var limit = services.GetRequiredService<Storage.Evidence.EvidenceStore>().MaxBytes;
        if (file is null || file.Length == 0)
        {
            throw new RequestRefusedException(400, "file", "expected a file to upload, found none", "请选择要上传的文件");
        }

        if (file.Length > limit)
        {
            throw new RequestRefusedException(413, "file", $"expected at most {limit} bytes, found {file.Length}", $"文件不能超过 {limit} 字节，实际为 {file.Length} 字节");
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancel).ConfigureAwait(false);
        var name = Path.GetFileName(file.FileName);
        try
        {
            await services.GetRequiredService<EvidenceActions>().UploadAsync(caller, officeId, period, departmentId, buffer.ToArray(), name, cancel).ConfigureAwait(false);
        }
        catch (Storage.Evidence.EvidenceRejectedException ex)
        {
            throw new RequestRefusedException(415, "file", ex.Message, "仅接受 PDF、JPEG、PNG、DOCX 或 XLSX 文件（按内容判断，而非文件名）");
        }

        return name;
    }

    /// <summary>The sheet as stored (the claims of the submission so far) shown again with a refusal of one of its
    /// other forms — an upload, a person's review — beside the field it concerns.</summary>
    private static async Task<string> StoredSheetAsync(HttpRequest request, DurableTaskClient client, IServiceProvider services, Caller caller, string officeId, string period, string departmentId,
        IReadOnlyList<FieldMessage> errors, Domain.Text.Language language, CancellationToken cancel, SelfReviewEntry? review = null)
    {
        var sheet = await services.GetRequiredService<DepartmentSheets>().SheetAsync(client, caller, officeId, period, departmentId, cancel).ConfigureAwait(false);
        var claims = sheet.Submission is { } previous ? DepartmentClaims.FromPayload(previous.Payload) : null;
        return await DepartmentPageAsync(request, services, caller, sheet, language, SheetRows(sheet, claims),
            errors, null, cancel, review: review).ConfigureAwait(false);
    }

    /// <summary>The sheet's rows as stored (a returned submission's, to correct); with no rows entered yet, the claims
    /// of the people's accepted self-evaluations, for the head to keep, change or remove before submitting.</summary>
    private static List<LedgerRow> SheetRows(DepartmentSheet sheet, DepartmentClaims? claims)
    {
        var prefilled = claims?.LedgerCsv is { Length: > 0 } || !sheet.Open ? [] : AcceptedClaims(sheet);
        return prefilled.Count > 0 ? [.. prefilled, .. Enumerable.Repeat(LedgerRow.Empty, 3)] : LedgerRows(claims?.LedgerCsv);
    }

    /// <summary>The claims of the people's accepted self-evaluations as ledger rows (the person the subject of each),
    /// marked with whose self-evaluation they came from.</summary>
    private static List<LedgerRow> AcceptedClaims(DepartmentSheet sheet) =>
        [.. sheet.SelfEvaluations.Where(e => e.Review == Storage.SelfEvaluations.SelfEvaluationReview.Accepted).SelectMany(e => e.ClaimList.Select(c =>
            new LedgerRow(e.PersonId, c.ItemId, c.Occurrences.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Evidence, c.Note ?? string.Empty) { From = e.PersonId }))
            .Take(MaxLedgerRows - 3)];

    private static string DepartmentNonce(string officeId, string period, string departmentId, string user) => $"department|{officeId}|{period}|{departmentId}|{user}";

    /// <summary>A submission's ledger CSV back as rows (a returned one, to correct), with empty rows to add more.</summary>
    private static List<LedgerRow> LedgerRows(string? csv)
    {
        var rows = CsvRows(csv).Take(MaxLedgerRows - 3).Select(f => new LedgerRow(At(f, 0), At(f, 1), At(f, 2), At(f, 3), At(f, 4))).ToList();
        return [.. rows, .. Enumerable.Repeat(LedgerRow.Empty, rows.Count == 0 ? 5 : 3)];
    }

    private static List<FieldMessage> RowErrors(RequestRefusedException ex, List<LedgerRow> rows, Domain.Text.Language language)
    {
        var filled = rows.Select((r, i) => (r, i)).Where(x => !x.r.IsEmpty).Select(x => x.i + 1).ToList();
        string Message(Domain.Inputs.InputError e) => language == Domain.Text.Language.En ? e.Message : e.MessageZh;
        return ex.Errors.Select(e => e.File == "ledger.csv" && e.Line >= 2 && e.Line - 2 < filled.Count
            ? new FieldMessage($"row{filled[e.Line - 2]}.{(e.Field is "subject_id" or "item_id" or "occurrences" or "evidence" ? e.Field : "subject_id")}",
                $"{PageText.Format(language, "Dept.Row", filled[e.Line - 2])}：{Message(e)}")
            : new FieldMessage("errors", $"{e.File}:{e.Line}：{Message(e)}")).ToList();
    }

    private static async Task<string> DepartmentPageAsync(HttpRequest request, IServiceProvider services, Caller caller, DepartmentSheet sheet, Domain.Text.Language language,
        IReadOnlyList<LedgerRow> rows, IReadOnlyList<FieldMessage> errors, string? notice, CancellationToken cancel, DepartmentPreviewView? preview = null, SelfReviewEntry? review = null)
    {
        var root = $"{request.PathBase}/{EndpointCatalog.RoutePrefix}/pages/cycles/{sheet.OfficeId}/{sheet.Period}/departments/{sheet.Department.Id}";
        var lang = language == Domain.Text.Language.En ? "?lang=en" : string.Empty;
        return await RenderAsync<Pages.Components.DepartmentSubmissionPage>(request, caller, language, new()
        {
            ["Sheet"] = sheet,
            ["FormAction"] = $"{root}/submission{lang}",
            ["UploadAction"] = $"{root}/evidence{lang}",
            ["AntiForgery"] = await FormTokenAsync(request, services, DepartmentNonce(sheet.OfficeId, sheet.Period, sheet.Department.Id, caller.UserId), cancel).ConfigureAwait(false),
            ["Rows"] = rows,
            ["Errors"] = errors,
            ["Notice"] = notice,
            ["Preview"] = preview,
            ["ReviewBase"] = $"{root}/self-evaluations",
            ["Review"] = review,
        }).ConfigureAwait(false);
    }
}
