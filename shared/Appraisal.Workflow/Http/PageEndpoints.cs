using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Storage.Schemes;
using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

/// <summary>Where a host sends a browser that is not signed in (the self-host's sign-in page); none on Azure, where App
/// Service Authentication signs people in before a request arrives.</summary>
public sealed record SignInPage(string Path);

/// <summary>The pages people read in a browser — the public notice, a dossier, the appraisal office's dashboard — as
/// HTML in the reader's language, each checked against the same rules as the JSON endpoints; a refusal is a readable
/// page with its status (and, when not signed in, the way to sign in).</summary>
public static class PageEndpoints
{
    /// <summary>GET pages/cycles/{officeId}/{period}/notice.</summary>
    public static Task<IResult> NoticeAsync(HttpRequest request, string officeId, string period) =>
        RunAsync(request, AccessRule.ReadNotice, officeId, async (caller, services, language, cancel) =>
        {
            var stored = await services.GetRequiredService<ResultQueries>().NoticeAsync(caller!, officeId, period, cancel).ConfigureAwait(false);
            var notice = stored.ToObjectFromJson<PublicNotice>(DomainJson.Options)!;
            return NoticePage.Render(notice, language, services.GetRequiredService<TimeProvider>().GetUtcNow(), $"{request.PathBase}/{EndpointCatalog.RoutePrefix}/pages/cycles/{officeId}/{period}/objection");
        });

    /// <summary>GET pages/offices/{officeId}/people/{personId}/dossier?year=&amp;kind=.</summary>
    public static Task<IResult> DossierAsync(HttpRequest request, string officeId, string personId) =>
        RunAsync(request, AccessRule.ReadDossier, officeId, async (caller, services, language, cancel) =>
        {
            var year = request.Query["year"].FirstOrDefault() is { Length: > 0 } y
                ? int.TryParse(y, out var n) && n is >= 2000 and <= 2100 ? n : throw new RequestRefusedException(400, "year", $"expected a year such as 2026, found '{y}'", $"应为年份，如 2026，实际为 '{y}'")
                : (int?)null;
            var kind = request.Query["kind"].FirstOrDefault() is { Length: > 0 } k
                ? Enum.TryParse<PeriodKind>(k, ignoreCase: true, out var pk) ? pk : throw new RequestRefusedException(400, "kind", $"expected Month, Quarter or Year, found '{k}'", $"应为 Month、Quarter 或 Year，实际为 '{k}'")
                : (PeriodKind?)null;
            var dossier = await services.GetRequiredService<ResultQueries>().DossierAsync(caller!, officeId, personId, cancel).ConfigureAwait(false);
            var schemes = services.GetRequiredService<SchemeRepository>();
            var explained = new Dictionary<(string, int), Scheme?>();
            var shown = new List<DossierResult>();
            foreach (var (card, final) in dossier.Results)
            {
                if (!explained.TryGetValue((card.SchemeId, card.SchemeVersion), out var scheme))
                {
                    scheme = (await schemes.GetAsync(card.SchemeId, card.SchemeVersion, cancel).ConfigureAwait(false))?.Scheme;
                    explained[(card.SchemeId, card.SchemeVersion)] = scheme;
                }

                shown.Add(new DossierResult(card, final, scheme));
            }

            return DossierPage.Render(dossier.Org, dossier.Person, shown, dossier.Objections, dossier.ShowsFilers, year, kind, language, sha => $"{request.PathBase}/{EndpointCatalog.RoutePrefix}/offices/{officeId}/evidence/{sha}");
        });

    /// <summary>The browser's anti-forgery cookie for page forms (double-submit, the form's value signed with it).</summary>
    public const string FormCookie = "appraisal-form";

    /// <summary>GET pages/cycles/{officeId}/{period}/objection: the objection form (异议申请), during publication.</summary>
    public static Task<IResult> ObjectionFormAsync(HttpRequest request, string officeId, string period) =>
        RunAsync(request, AccessRule.Object, officeId, async (caller, services, language, cancel) =>
        {
            var user = caller?.UserId ?? string.Empty;
            var token = await FormTokenAsync(request, services, FormNonce(officeId, period, user), cancel).ConfigureAwait(false);
            return ObjectionPage.Form(officeId, period, user, token, $"{request.PathBase}{request.Path}", language);
        });

    /// <summary>POST pages/cycles/{officeId}/{period}/objection: files the objection from the form; a readable page either way.</summary>
    public static Task<IResult> ObjectionSubmitAsync(HttpRequest request, DurableTaskClient client, string officeId, string period) =>
        RunAsync(request, AccessRule.Object, officeId, async (caller, services, language, cancel) =>
        {
            var form = await ReadFormAsync(request, cancel).ConfigureAwait(false);
            await RequireFormTokenAsync(request, services, FormNonce(officeId, period, caller?.UserId ?? string.Empty), form, cancel).ConfigureAwait(false);

            var subject = form["subjectId"].FirstOrDefault()?.Trim();
            var key = await services.GetRequiredService<FileObjectionAction>().RunAsync(client, caller!, officeId, period, subject, form["reason"].FirstOrDefault(), cancel).ConfigureAwait(false);
            return ObjectionPage.Filed(officeId, period, subject!, key, language);
        });

    private static string FormNonce(string officeId, string period, string user) => $"objection|{officeId}|{period}|{user}";

    /// <summary>GET pages/offices/{officeId}/bulletins/{month}.</summary>
    public static Task<IResult> BulletinAsync(HttpRequest request, string officeId, string month) =>
        RunAsync(request, AccessRule.ReadBulletin, officeId, async (caller, services, language, cancel) =>
        {
            var bulletin = await services.GetRequiredService<ResultQueries>().BulletinReportAsync(caller!, officeId, month, cancel).ConfigureAwait(false);
            return BulletinPage.Render(bulletin, language);
        });

    /// <summary>GET pages/offices/{officeId}/dashboard.</summary>
    public static Task<IResult> DashboardAsync(HttpRequest request, DurableTaskClient client, string officeId) =>
        RunAsync(request, AccessRule.ReadDashboard, officeId, async (caller, services, language, cancel) =>
        {
            var (org, rows, now) = await services.GetRequiredService<ResultQueries>().DashboardAsync(client, caller!, officeId, cancel).ConfigureAwait(false);
            return DashboardPage.Render(org, rows, now, language);
        });

    /// <summary>GET pages/todo: 我的待办, the landing page of everyone signed in.</summary>
    public static Task<IResult> ToDoAsync(HttpRequest request, DurableTaskClient client) =>
        RunAsync(request, AccessRule.Anyone, null, async (caller, services, language, cancel) =>
        {
            var items = await services.GetRequiredService<ToDoQueries>().ForAsync(client, caller!, cancel).ConfigureAwait(false);
            return await RenderAsync<Pages.Components.ToDoPage>(request, caller, language, new() { ["Items"] = items }).ConfigureAwait(false);
        });

    /// <summary>GET pages/cycles/{officeId}/{period}/self-evaluation: the signed-in person's self-evaluation form, filled
    /// with what they submitted before.</summary>
    public static Task<IResult> SelfEvaluationFormAsync(HttpRequest request, string officeId, string period) =>
        RunFormAsync(request, AccessRule.SelfEvaluate, officeId, async (caller, services, language, cancel) =>
        {
            var own = await services.GetRequiredService<SelfEvaluationActions>().OwnAsync(caller!, officeId, period, cancel).ConfigureAwait(false);
            var parameters = await SelfEvaluationParametersAsync(request, services, caller!, officeId, period, language, cancel).ConfigureAwait(false);
            if (own is { } record)
            {
                parameters["Summary"] = record.Summary;
                parameters["SelfScore"] = record.SelfScore.ToString(System.Globalization.CultureInfo.InvariantCulture);
                parameters["Evidence"] = string.Join('\n', record.Evidence);
                parameters["StoredRevision"] = record.Revision;
                parameters["StoredAt"] = Html.Beijing(record.SubmittedAt);
            }

            return (await RenderAsync<Pages.Components.SelfEvaluationForm>(request, caller, language, parameters).ConfigureAwait(false), 200);
        });

    /// <summary>POST pages/cycles/{officeId}/{period}/self-evaluation: submits the form through the same service as the
    /// API; a refusal shows the form again with its errors and what was entered, and stores nothing.</summary>
    public static Task<IResult> SelfEvaluationSubmitAsync(HttpRequest request, DurableTaskClient client, string officeId, string period) =>
        RunFormAsync(request, AccessRule.SelfEvaluate, officeId, async (caller, services, language, cancel) =>
        {
            var form = await ReadFormAsync(request, cancel).ConfigureAwait(false);
            var parameters = await SelfEvaluationParametersAsync(request, services, caller!, officeId, period, language, cancel).ConfigureAwait(false);
            var (summary, score, evidence) = (form["summary"].FirstOrDefault() ?? string.Empty, form["selfScore"].FirstOrDefault()?.Trim() ?? string.Empty, form["evidence"].FirstOrDefault() ?? string.Empty);
            parameters["Summary"] = summary;
            parameters["SelfScore"] = score;
            parameters["Evidence"] = evidence;
            try
            {
                await RequireFormTokenAsync(request, services, SelfEvaluationNonce(officeId, period, caller!.UserId), form, cancel).ConfigureAwait(false);
                if (!decimal.TryParse(score, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var value))
                {
                    throw new RequestRefusedException(422, "selfScore", $"expected a score from 0 to 100 with at most two decimals, found '{score}'", $"自评分应为 0 至 100（最多两位小数），实际为 '{score}'");
                }

                var files = evidence.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var (stored, _) = await services.GetRequiredService<SelfEvaluationActions>().SubmitAsync(client, caller, officeId, period, caller.UserId,
                    new SelfEvaluationRequest(summary, value, files), null, cancel).ConfigureAwait(false);
                parameters["StoredRevision"] = stored.Value.Revision;
                parameters["StoredAt"] = Html.Beijing(stored.Value.SubmittedAt);
                parameters["JustStored"] = true;
                parameters["Evidence"] = string.Join('\n', stored.Value.Evidence);
                return (await RenderAsync<Pages.Components.SelfEvaluationForm>(request, caller, language, parameters).ConfigureAwait(false), 200);
            }
            catch (RequestRefusedException ex) when (ex.Status is 400 or 409 or 422)
            {
                parameters["Errors"] = new List<FieldMessage> { new(ex.Field, ex.Detail(language)) };
                return (await RenderAsync<Pages.Components.SelfEvaluationForm>(request, caller, language, parameters).ConfigureAwait(false), ex.Status);
            }
        });

    /// <summary>The most ledger rows one form holds (a department's quarter rarely has more than a few dozen claims).</summary>
    public const int MaxLedgerRows = 200;

    /// <summary>GET pages/cycles/{officeId}/{period}/departments/{departmentId}/submission: the department head's sheet.</summary>
    public static Task<IResult> DepartmentSubmissionFormAsync(HttpRequest request, DurableTaskClient client, string officeId, string period, string departmentId) =>
        RunFormAsync(request, AccessRule.Submit, officeId, async (caller, services, language, cancel) =>
        {
            var sheet = await services.GetRequiredService<DepartmentSheets>().SheetAsync(client, caller!, officeId, period, departmentId, cancel).ConfigureAwait(false);
            var claims = sheet.Submission is { } previous ? DepartmentClaims.FromPayload(previous.Payload) : null;
            var rows = LedgerRows(claims?.LedgerCsv);
            var uploaded = request.Query["uploaded"].FirstOrDefault();
            return (await DepartmentPageAsync(request, services, caller!, sheet, language, claims?.RatingsCsv ?? string.Join(',', Domain.Inputs.RatingCsv.Columns) + "\n", rows,
                [], uploaded is { Length: > 0 and <= 200 } ? PageText.Format(language, "Dept.Uploaded", uploaded) : null, cancel).ConfigureAwait(false), 200);
        }, departmentId);

    /// <summary>POST pages/cycles/{officeId}/{period}/departments/{departmentId}/submission: more empty rows, or the
    /// department's submission through the same service as the API; a refusal shows each error beside its row.</summary>
    public static Task<IResult> DepartmentSubmissionSubmitAsync(HttpRequest request, DurableTaskClient client, string officeId, string period, string departmentId) =>
        RunFormAsync(request, AccessRule.Submit, officeId, async (caller, services, language, cancel) =>
        {
            var form = await ReadFormAsync(request, cancel).ConfigureAwait(false);
            var sheets = services.GetRequiredService<DepartmentSheets>();
            var count = int.TryParse(form["rows"].FirstOrDefault(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 1, MaxLedgerRows) : 5;
            var rows = Enumerable.Range(0, count).Select(i => new LedgerRow(
                Field(form, $"subject_{i}"), Field(form, $"item_{i}"), Field(form, $"occurrences_{i}"), Field(form, $"evidence_{i}"), Field(form, $"note_{i}"))).ToList();
            var ratings = form["ratings"].FirstOrDefault() ?? string.Empty;
            try
            {
                await RequireFormTokenAsync(request, services, DepartmentNonce(officeId, period, departmentId, caller!.UserId), form, cancel).ConfigureAwait(false);
                if (form["intent"].FirstOrDefault() == "more")
                {
                    var wider = rows.Concat(Enumerable.Repeat(LedgerRow.Empty, Math.Min(5, MaxLedgerRows - rows.Count))).ToList();
                    var open = await sheets.SheetAsync(client, caller, officeId, period, departmentId, cancel).ConfigureAwait(false);
                    return (await DepartmentPageAsync(request, services, caller, open, language, ratings, wider, [], null, cancel).ConfigureAwait(false), 200);
                }

                // The filled rows as the ledger CSV the API takes (RowErrors leads its line numbers back to the rows).
                var filled = rows.Where(r => !r.IsEmpty).ToList();
                var ledger = new System.Text.StringBuilder(string.Join(',', Domain.Inputs.LedgerCsv.Columns)).Append('\n');
                foreach (var r in filled)
                {
                    ledger.AppendJoin(',', new[] { r.Subject, r.Item, r.Occurrences, r.Evidence, r.Note }.Select(Domain.Inputs.CsvReader.Escape)).Append('\n');
                }

                await services.GetRequiredService<SubmitDepartmentAction>().RunAsync(client, caller, officeId, period, departmentId,
                    new DepartmentClaims(ratings, filled.Count > 0 ? ledger.ToString() : null), null, cancel).ConfigureAwait(false);
                var submitted = await sheets.SheetAsync(client, caller, officeId, period, departmentId, cancel).ConfigureAwait(false);
                return (await DepartmentPageAsync(request, services, caller, submitted, language, ratings, rows, [], PageText.Get(language, "Dept.Stored"), cancel).ConfigureAwait(false), 200);
            }
            catch (RequestRefusedException ex) when (ex.Status is 400 or 409 or 422 && ex.Field != Access.Field)
            {
                var sheet = await sheets.SheetAsync(client, caller!, officeId, period, departmentId, cancel).ConfigureAwait(false);
                var errors = ex.Errors.Count == 0 ? [new FieldMessage(ex.Field, ex.Detail(language))] : RowErrors(ex, rows, language);
                return (await DepartmentPageAsync(request, services, caller!, sheet, language, ratings, rows, errors, null, cancel).ConfigureAwait(false), ex.Status);
            }
        }, departmentId);

    /// <summary>POST pages/cycles/{officeId}/{period}/departments/{departmentId}/evidence: one file (multipart) through
    /// the evidence service; back to the sheet, which lists it with the hash to cite.</summary>
    public static Task<IResult> DepartmentEvidenceUploadAsync(HttpRequest request, DurableTaskClient client, string officeId, string period, string departmentId) =>
        RunFormAsync(request, AccessRule.UploadEvidence, officeId, async (caller, services, language, cancel) =>
        {
            var form = await ReadFormAsync(request, cancel).ConfigureAwait(false);
            try
            {
                await RequireFormTokenAsync(request, services, DepartmentNonce(officeId, period, departmentId, caller!.UserId), form, cancel).ConfigureAwait(false);
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

                request.HttpContext.Response.Headers.Location =
                    $"{request.PathBase}/{EndpointCatalog.RoutePrefix}/pages/cycles/{officeId}/{period}/departments/{departmentId}/submission?uploaded={Uri.EscapeDataString(name)}{(language == Domain.Text.Language.En ? "&lang=en" : string.Empty)}";
                return (string.Empty, 303);
            }
            catch (RequestRefusedException ex) when (ex.Status is 400 or 409 or 413 or 415 or 422 && ex.Field != Access.Field)
            {
                var sheet = await services.GetRequiredService<DepartmentSheets>().SheetAsync(client, caller!, officeId, period, departmentId, cancel).ConfigureAwait(false);
                var claims = sheet.Submission is { } previous ? DepartmentClaims.FromPayload(previous.Payload) : null;
                return (await DepartmentPageAsync(request, services, caller!, sheet, language, claims?.RatingsCsv ?? string.Join(',', Domain.Inputs.RatingCsv.Columns) + "\n", LedgerRows(claims?.LedgerCsv),
                    [new FieldMessage(ex.Field == "file" ? "file" : ex.Field, ex.Detail(language))], null, cancel).ConfigureAwait(false), ex.Status);
            }
        }, departmentId);

    /// <summary>GET pages/cycles/{officeId}/{period}/departments/{departmentId}/verification: the appraisal office's
    /// verification of a department's submission.</summary>
    public static Task<IResult> VerificationFormAsync(HttpRequest request, DurableTaskClient client, string officeId, string period, string departmentId) =>
        RunFormAsync(request, AccessRule.Verify, officeId, async (caller, services, language, cancel) =>
        {
            var sheet = await services.GetRequiredService<DepartmentSheets>().VerificationAsync(client, caller!, officeId, period, departmentId, cancel).ConfigureAwait(false);
            return (await VerificationPageAsync(request, services, caller!, sheet, language, null, null, [], null, cancel).ConfigureAwait(false), 200);
        });

    /// <summary>POST pages/cycles/{officeId}/{period}/departments/{departmentId}/verification: accept, adjust or return,
    /// through the same service as the API; a refusal shows its error with what was entered kept.</summary>
    public static Task<IResult> VerificationSubmitAsync(HttpRequest request, DurableTaskClient client, string officeId, string period, string departmentId) =>
        RunFormAsync(request, AccessRule.Verify, officeId, async (caller, services, language, cancel) =>
        {
            var form = await ReadFormAsync(request, cancel).ConfigureAwait(false);
            var sheets = services.GetRequiredService<DepartmentSheets>();
            var (chosen, reason) = (Field(form, "action"), form["reason"].FirstOrDefault()?.Trim());
            try
            {
                await RequireFormTokenAsync(request, services, VerificationNonce(officeId, period, departmentId, caller!.UserId), form, cancel).ConfigureAwait(false);
                if (!Enum.TryParse<VerificationAction>(chosen, ignoreCase: false, out var action) || !Enum.IsDefined(action))
                {
                    throw new RequestRefusedException(400, "action", $"expected one of {string.Join(", ", Enum.GetNames<VerificationAction>())}, found '{chosen}'", $"请选择核查意见（通过、调整后通过或退回），实际为 '{chosen}'");
                }

                await services.GetRequiredService<VerifySubmissionAction>().RunAsync(client, caller, officeId, period, departmentId, action, string.IsNullOrEmpty(reason) ? null : reason, cancel).ConfigureAwait(false);
                var done = await sheets.VerificationAsync(client, caller, officeId, period, departmentId, cancel).ConfigureAwait(false);
                return (await VerificationPageAsync(request, services, caller, done, language, chosen, reason, [], PageText.Format(language, "Verify.Done", PageText.Get(language, $"Verify.{action}")), cancel).ConfigureAwait(false), 200);
            }
            catch (RequestRefusedException ex) when (ex.Status is 400 or 404 or 409 or 422 && ex.Field != Access.Field)
            {
                var sheet = await sheets.VerificationAsync(client, caller!, officeId, period, departmentId, cancel).ConfigureAwait(false);
                return (await VerificationPageAsync(request, services, caller!, sheet, language, chosen, reason, [new FieldMessage(ex.Field, ex.Detail(language))], null, cancel).ConfigureAwait(false), ex.Status);
            }
        });

    private static string VerificationNonce(string officeId, string period, string departmentId, string user) => $"verification|{officeId}|{period}|{departmentId}|{user}";

    private static async Task<string> VerificationPageAsync(HttpRequest request, IServiceProvider services, Caller caller, DepartmentSheet sheet, Domain.Text.Language language,
        string? action, string? reason, IReadOnlyList<FieldMessage> errors, string? notice, CancellationToken cancel)
    {
        var claims = sheet.Submission is { } submitted ? DepartmentClaims.FromPayload(submitted.Payload) : null;
        var ratings = CsvRows(claims?.RatingsCsv);
        return await RenderAsync<Pages.Components.VerificationPage>(request, caller, language, new()
        {
            ["Sheet"] = sheet,
            ["FormAction"] = $"{request.PathBase}{request.Path}{(language == Domain.Text.Language.En ? "?lang=en" : string.Empty)}",
            ["AntiForgery"] = await FormTokenAsync(request, services, VerificationNonce(sheet.OfficeId, sheet.Period, sheet.Department.Id, caller.UserId), cancel).ConfigureAwait(false),
            ["Ledger"] = CsvRows(claims?.LedgerCsv).Select(f => new LedgerRow(At(f, 0), At(f, 1), At(f, 2), At(f, 3), At(f, 4))).ToList(),
            ["RatingRows"] = ratings.Count,
            ["RatedSubjects"] = ratings.Select(f => At(f, 0)).Distinct(StringComparer.Ordinal).Count(),
            ["Action"] = action,
            ["Reason"] = reason,
            ["Errors"] = errors,
            ["Notice"] = notice,
        }).ConfigureAwait(false);
    }

    /// <summary>A stored CSV's rows after its header.</summary>
    private static List<string[]> CsvRows(string? csv)
    {
        var rows = new List<string[]>();
        if (csv is { Length: > 0 })
        {
            var reader = new Domain.Inputs.CsvReader(new StringReader(csv));
            if (reader.Next() is not null)
            {
                while (reader.Next() is { } record)
                {
                    rows.Add(record.Fields);
                }
            }
        }

        return rows;
    }

    private static string At(string[] fields, int i) => i < fields.Length ? fields[i] : string.Empty;

    /// <summary>GET pages/cycles/{officeId}/{period}/objections: the appraisal office's review of the objections.</summary>
    public static Task<IResult> ObjectionReviewFormAsync(HttpRequest request, DurableTaskClient client, string officeId, string period) =>
        RunFormAsync(request, AccessRule.Verify, officeId, async (caller, services, language, cancel) =>
            (await ObjectionReviewPageAsync(request, services, client, caller!, officeId, period, language, [], null, cancel).ConfigureAwait(false), 200));

    /// <summary>POST pages/cycles/{officeId}/{period}/objections: the departments to reopen (none: every result stands),
    /// through the same service as the API.</summary>
    public static Task<IResult> ObjectionReviewSubmitAsync(HttpRequest request, DurableTaskClient client, string officeId, string period) =>
        RunFormAsync(request, AccessRule.Verify, officeId, async (caller, services, language, cancel) =>
        {
            var form = await ReadFormAsync(request, cancel).ConfigureAwait(false);
            var reopen = form["reopen"].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).Distinct(StringComparer.Ordinal).ToList();
            try
            {
                await RequireFormTokenAsync(request, services, ReviewNonce(officeId, period, caller!.UserId), form, cancel).ConfigureAwait(false);
                await services.GetRequiredService<ReviewObjectionsAction>().RunAsync(client, caller, officeId, period, reopen, cancel).ConfigureAwait(false);
                var done = PageText.Format(language, "Review.Done", reopen.Count == 0 ? PageText.Get(language, "Review.Stands") : PageText.Format(language, "Review.Reopened", string.Join("、", reopen)));
                return (await ObjectionReviewPageAsync(request, services, client, caller, officeId, period, language, [], done, cancel).ConfigureAwait(false), 200);
            }
            catch (RequestRefusedException ex) when (ex.Status is 400 or 404 or 409 or 422 && ex.Field != Access.Field)
            {
                return (await ObjectionReviewPageAsync(request, services, client, caller!, officeId, period, language, [new FieldMessage(ex.Field, ex.Detail(language))], null, cancel).ConfigureAwait(false), ex.Status);
            }
        });

    private static string ReviewNonce(string officeId, string period, string user) => $"objection-review|{officeId}|{period}|{user}";

    private static async Task<string> ObjectionReviewPageAsync(HttpRequest request, IServiceProvider services, DurableTaskClient client, Caller caller, string officeId, string period,
        Domain.Text.Language language, IReadOnlyList<FieldMessage> errors, string? notice, CancellationToken cancel)
    {
        var (state, objections) = await services.GetRequiredService<ReviewObjectionsAction>().PendingAsync(client, caller, officeId, period, cancel).ConfigureAwait(false);
        return await RenderAsync<Pages.Components.ObjectionReviewPage>(request, caller, language, new()
        {
            ["OfficeId"] = officeId,
            ["Period"] = state.Period,
            ["Stage"] = state.Stage,
            ["Objections"] = objections,
            ["FormAction"] = $"{request.PathBase}{request.Path}{(language == Domain.Text.Language.En ? "?lang=en" : string.Empty)}",
            ["AntiForgery"] = await FormTokenAsync(request, services, ReviewNonce(officeId, period, caller.UserId), cancel).ConfigureAwait(false),
            ["Errors"] = errors,
            ["Notice"] = notice,
        }).ConfigureAwait(false);
    }

    /// <summary>GET pages/cycles/{officeId}/{period}/audit: the period's audit trail with its chain check.</summary>
    public static Task<IResult> AuditTrailAsync(HttpRequest request, string officeId, string period) =>
        RunAsync(request, AccessRule.ReadAudit, officeId, async (caller, services, language, cancel) =>
        {
            var (entries, check) = await services.GetRequiredService<ResultQueries>().AuditTrailAsync(caller!, officeId, period, cancel).ConfigureAwait(false);
            return await RenderAsync<Pages.Components.AuditTrailPage>(request, caller, language, new()
            {
                ["OfficeId"] = officeId,
                ["Period"] = period,
                ["Entries"] = entries,
                ["Check"] = check,
            }).ConfigureAwait(false);
        });

    private static string DepartmentNonce(string officeId, string period, string departmentId, string user) => $"department|{officeId}|{period}|{departmentId}|{user}";

    private static string Field(Microsoft.AspNetCore.Http.IFormCollection form, string name) => (form[name].FirstOrDefault() ?? string.Empty).Trim();

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
            : new FieldMessage(e.File == "ratings.csv" ? "ratings" : "errors", $"{e.File}:{e.Line}：{Message(e)}")).ToList();
    }

    private static async Task<string> DepartmentPageAsync(HttpRequest request, IServiceProvider services, Caller caller, DepartmentSheet sheet, Domain.Text.Language language,
        string ratings, IReadOnlyList<LedgerRow> rows, IReadOnlyList<FieldMessage> errors, string? notice, CancellationToken cancel)
    {
        var root = $"{request.PathBase}/{EndpointCatalog.RoutePrefix}/pages/cycles/{sheet.OfficeId}/{sheet.Period}/departments/{sheet.Department.Id}";
        var lang = language == Domain.Text.Language.En ? "?lang=en" : string.Empty;
        return await RenderAsync<Pages.Components.DepartmentSubmissionPage>(request, caller, language, new()
        {
            ["Sheet"] = sheet,
            ["FormAction"] = $"{root}/submission{lang}",
            ["UploadAction"] = $"{root}/evidence{lang}",
            ["AntiForgery"] = await FormTokenAsync(request, services, DepartmentNonce(sheet.OfficeId, sheet.Period, sheet.Department.Id, caller.UserId), cancel).ConfigureAwait(false),
            ["Ratings"] = ratings,
            ["Rows"] = rows,
            ["Errors"] = errors,
            ["Notice"] = notice,
        }).ConfigureAwait(false);
    }

    private static string SelfEvaluationNonce(string officeId, string period, string user) => $"self-evaluation|{officeId}|{period}|{user}";

    private static async Task<Dictionary<string, object?>> SelfEvaluationParametersAsync(HttpRequest request, IServiceProvider services, Caller caller, string officeId, string period,
        Domain.Text.Language language, CancellationToken cancel) => new()
        {
            ["Subtitle"] = PageText.Format(language, "SelfEval.Subtitle", caller.UserId, officeId, period),
            ["Action"] = $"{request.PathBase}{request.Path}{(language == Domain.Text.Language.En ? "?lang=en" : string.Empty)}",
            ["AntiForgery"] = await FormTokenAsync(request, services, SelfEvaluationNonce(officeId, period, caller.UserId), cancel).ConfigureAwait(false),
            ["MaxSummary"] = SelfEvaluationActions.MaxSummaryLength,
            ["MaxEvidence"] = SelfEvaluationActions.MaxEvidence,
        };

    /// <summary>The anti-forgery value of a page form: signed with the browser's own form cookie (set here when it has
    /// none), double-submitted with the form.</summary>
    private static async Task<string> FormTokenAsync(HttpRequest request, IServiceProvider services, string nonce, CancellationToken cancel)
    {
        var cookie = request.Cookies[FormCookie] is { Length: >= 16 } existing ? existing : Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        request.HttpContext.Response.Cookies.Append(FormCookie, cookie, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = request.IsHttps, Path = "/" });
        return await services.GetRequiredService<Approvals.ApprovalLinks>().FormTokenAsync(nonce, cookie, cancel).ConfigureAwait(false);
    }

    private static async Task RequireFormTokenAsync(HttpRequest request, IServiceProvider services, string nonce, Microsoft.AspNetCore.Http.IFormCollection form, CancellationToken cancel)
    {
        if (!await services.GetRequiredService<Approvals.ApprovalLinks>().FormTokenMatchesAsync(nonce, request.Cookies[FormCookie], form["af"].FirstOrDefault(), cancel).ConfigureAwait(false))
        {
            throw new RequestRefusedException(400, "af", "expected the form as this host served it (its anti-forgery value), found none or another", "表单已失效，请重新打开本页后提交");
        }
    }

    private static async Task<Microsoft.AspNetCore.Http.IFormCollection> ReadFormAsync(HttpRequest request, CancellationToken cancel) =>
        request.HasFormContentType
            ? await request.ReadFormAsync(cancel).ConfigureAwait(false)
            : throw new RequestRefusedException(415, "Content-Type", $"expected the page's form, found '{request.ContentType}'", $"应为本页表单，实际为 '{request.ContentType}'");

    /// <summary>Renders a workbench page with its context (language, caller, links, the language switch).</summary>
    private static Task<string> RenderAsync<TComponent>(HttpRequest request, Caller? caller, Domain.Text.Language language, Dictionary<string, object?> parameters)
        where TComponent : Microsoft.AspNetCore.Components.IComponent
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(q => q.Key != "lang").SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? string.Empty)}"))
            .Append(language == Domain.Text.Language.En ? "lang=zh" : "lang=en");
        parameters["Context"] = new PageContext(language, caller, $"{request.PathBase}/{EndpointCatalog.RoutePrefix}/pages", $"{request.PathBase}{request.Path}?{string.Join('&', query)}");
        return PageRenderer.RenderAsync<TComponent>(request.HttpContext.RequestServices, parameters);
    }

    private static Task<IResult> RunAsync(HttpRequest request, AccessRule rule, string? officeId,
        Func<Caller?, IServiceProvider, Domain.Text.Language, CancellationToken, Task<string>> render) =>
        RunFormAsync(request, rule, officeId, async (caller, services, language, cancel) => (await render(caller, services, language, cancel).ConfigureAwait(false), 200));

    /// <summary>A page whose answer may carry another status (a form shown again with its errors: 400, 409, 422).</summary>
    private static async Task<IResult> RunFormAsync(HttpRequest request, AccessRule rule, string? officeId,
        Func<Caller?, IServiceProvider, Domain.Text.Language, CancellationToken, Task<(string Html, int Status)>> render, string? departmentId = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = RequestLanguage.Of(request);
        var services = request.HttpContext.RequestServices;
        try
        {
            var caller = await Access.CheckAsync(request, rule, officeId, departmentId).ConfigureAwait(false);
            var (html, status) = await render(caller, services, language, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
        }
        catch (RequestRefusedException ex)
        {
            var signIn = services.GetService<SignInPage>() is { } page ? $"{page.Path}?returnUrl={Uri.EscapeDataString(request.PathBase + request.Path + request.QueryString)}" : null;
            return Results.Content(Html.Refusal(language, ex.Status, ex.Field, ex.Text(language), signIn), "text/html; charset=utf-8", System.Text.Encoding.UTF8, ex.Status);
        }
    }
}
