using System.Globalization;
using Appraisal.Domain.Inputs;
using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

/// <summary>What the appraisal office sets up before a quarter: the organisation and the case records uploaded as files
/// (through the same import service as the API), and the start of a cycle (through the same start service).</summary>
public static partial class PageEndpoints
{
    /// <summary>What a multipart form adds around its file (boundaries, headers, the anti-forgery value).</summary>
    private const int FormOverhead = 64 * 1024;

    /// <summary>GET pages/offices/{officeId}/imports: the upload forms for the organisation and the case records.</summary>
    public static Task<IResult> ImportFormAsync(HttpRequest request, string officeId) =>
        RunFormAsync(request, AccessRule.ImportCases, officeId, async (caller, services, language, cancel) =>
            (await ImportPageAsync(request, services, caller!, officeId, language, new ImportResult(), cancel).ConfigureAwait(false), 200));

    /// <summary>POST pages/offices/{officeId}/imports?form=organisation|cases: the uploaded file (multipart) imported through
    /// the same service as <c>PUT offices/{officeId}/organisation</c> (administrators) or <c>POST offices/{officeId}/cases</c>,
    /// within the same size limit; the page again with every row's error, or with what was stored.</summary>
    public static Task<IResult> ImportUploadAsync(HttpRequest request, string officeId) =>
        RunFormAsync(request, AccessRule.ImportCases, officeId, async (caller, services, language, cancel) =>
        {
            var kind = request.Query["form"].FirstOrDefault() switch
            {
                "organisation" => ImportKind.Organisation,
                "cases" => ImportKind.Cases,
                var other => throw new RequestRefusedException(400, "form", $"expected the form organisation or cases, found '{other}'", $"应为组织机构或案件记录的上传表单，实际为 '{other}'"),
            };
            if (kind == ImportKind.Organisation)
            {
                // As PUT offices/{officeId}/organisation checks before it reads a byte: the organisation is the administrators'.
                Access.Authorize(caller, AccessRule.ManageOrganisation, officeId);
            }

            var limit = kind == ImportKind.Organisation ? CycleEndpoints.MaxBodyBytes : OfficeEndpoints.MaxCsvBytes;
            try
            {
                ReadOnlyMemory<byte> bytes = await UploadedFileAsync(request, services, ImportNonce(kind, officeId, caller!.UserId), limit, cancel).ConfigureAwait(false);
                ReadOnlyMemory<byte>? none = null;
                var outcome = await services.GetRequiredService<ImportActions>().RunAsync(caller, officeId,
                    kind == ImportKind.Organisation ? bytes : none, kind == ImportKind.Cases ? bytes : none, cancel).ConfigureAwait(false);
                var notice = outcome.Organisation is { } o
                    ? PageText.Format(language, "Office.Import.OrganisationDone", o.Added, o.Updated, o.Deactivated, o.Unchanged)
                    : PageText.Format(language, "Office.Import.CasesDone", outcome.Cases);
                return (await ImportPageAsync(request, services, caller, officeId, language, new ImportResult(kind, Notice: notice), cancel).ConfigureAwait(false), 200);
            }
            catch (RequestRefusedException ex) when (ex.Status is 400 or 404 or 409 or 413 or 415 or 422 && ex.Field != Access.Field)
            {
                // Row errors are listed in the table below the form; beside the field, what became of the file.
                var message = ex.Errors.Count > 0 ? PageText.Get(language, "Office.Import.Refused") : ex.Detail(language);
                var errors = new[] { new FieldMessage(ex.Field == "af" ? "af" : $"{kind.ToString().ToLowerInvariant()}-file", message) };
                return (await ImportPageAsync(request, services, caller!, officeId, language, new ImportResult(kind, errors, ex.Errors), cancel).ConfigureAwait(false), ex.Status);
            }
        });

    /// <summary>Which upload form a result belongs to (its file field is <c>{kind}-file</c>).</summary>
    internal enum ImportKind
    {
        Organisation,
        Cases,
    }

    /// <summary>An upload's outcome as the page shows it: the form it concerns, the message beside its file field, every
    /// row's error, or what was stored.</summary>
    internal sealed record ImportResult(ImportKind? Kind = null, IReadOnlyList<FieldMessage>? Errors = null, IReadOnlyList<InputError>? Rows = null, string? Notice = null);

    /// <summary>The form's one file, read within <paramref name="limit"/> (the API's for the same import) after its
    /// anti-forgery value is checked.</summary>
    private static async Task<byte[]> UploadedFileAsync(HttpRequest request, IServiceProvider services, string nonce, int limit, CancellationToken cancel)
    {
        if (request.ContentLength > limit + FormOverhead)
        {
            throw TooLarge(limit, request.ContentLength.Value);
        }

        // The form is read within the same limit (a chunked upload has no length to check first).
        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = limit + FormOverhead }));
        IFormCollection form;
        try
        {
            form = await ReadFormAsync(request, cancel).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            throw TooLarge(limit, null);
        }

        await RequireFormTokenAsync(request, services, nonce, form, cancel).ConfigureAwait(false);
        var file = form.Files["file"];
        if (file is null || file.Length == 0)
        {
            throw new RequestRefusedException(400, "file", "expected a file to upload, found none", "请选择要上传的文件");
        }

        if (file.Length > limit)
        {
            throw TooLarge(limit, file.Length);
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancel).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static RequestRefusedException TooLarge(int limit, long? found) =>
        new(413, "file", $"expected at most {limit} bytes, found {(found is { } n ? n.ToString(CultureInfo.InvariantCulture) : "more")}",
            $"文件不能超过 {limit / (1024 * 1024)} MiB（{limit} 字节），实际{(found is { } m ? $"为 {m} 字节" : "更大")}");

    private static string ImportNonce(ImportKind kind, string officeId, string user) => $"import-{kind}|{officeId}|{user}";

    private static async Task<string> ImportPageAsync(HttpRequest request, IServiceProvider services, Caller caller, string officeId, Domain.Text.Language language,
        ImportResult result, CancellationToken cancel)
    {
        Domain.Organisation.OfficeOrganisation? current = null;
        try
        {
            current = await services.GetRequiredService<ResultQueries>().OrganisationAsync(caller, officeId, cancel).ConfigureAwait(false);
        }
        catch (RequestRefusedException ex) when (ex.Status == 404)
        {
            // Not imported yet: the page says so.
        }

        var root = $"{request.PathBase}/{EndpointCatalog.RoutePrefix}/pages/offices/{officeId}/imports";
        var lang = language == Domain.Text.Language.En ? "&lang=en" : string.Empty;
        var mayOrganisation = caller.Roles.Any(AccessRule.ManageOrganisation.Allows);
        return await RenderAsync<Pages.Components.ImportPage>(request, caller, language, new()
        {
            ["OfficeId"] = officeId,
            ["Current"] = current,
            ["OrganisationAction"] = $"{root}?form=organisation{lang}",
            ["CasesAction"] = $"{root}?form=cases{lang}",
            ["OrganisationToken"] = mayOrganisation ? await FormTokenAsync(request, services, ImportNonce(ImportKind.Organisation, officeId, caller.UserId), cancel).ConfigureAwait(false) : null,
            ["CasesToken"] = await FormTokenAsync(request, services, ImportNonce(ImportKind.Cases, officeId, caller.UserId), cancel).ConfigureAwait(false),
            ["Kind"] = result.Kind?.ToString(),
            ["Errors"] = result.Errors ?? [],
            ["Rows"] = result.Rows ?? [],
            ["Notice"] = result.Notice,
        }).ConfigureAwait(false);
    }

    /// <summary>GET pages/offices/{officeId}/cycle-start: the form that starts a period — a quarter's cycle, a month's
    /// bulletin or the year-end appraisal — with the office's stage durations as its defaults.</summary>
    public static Task<IResult> StartCycleFormAsync(HttpRequest request, string officeId) =>
        RunFormAsync(request, AccessRule.StartCycle, officeId, async (caller, services, language, cancel) =>
        {
            var options = services.GetRequiredService<CycleOptions>();
            var today = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
            var values = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["period"] = Domain.Periods.Period.Quarter(today.Year, ((today.Month - 1) / 3) + 1).ToString(),
                ["schemeId"] = options.SchemeId,
                ["schemeVersion"] = string.Empty,
                ["remindBefore"] = DurationLimit.Days(options.RemindBefore),
                ["latePolicy"] = options.LatePolicy.ToString(),
            };
            foreach (var (field, duration) in new[]
            {
                ("selfEvaluationTime", (StageDuration?)options.SelfEvaluationTime), ("grace", options.Grace), ("correctionTime", options.CorrectionTime),
                ("objectionPeriod", options.ObjectionPeriod), ("ratingTime", options.RatingTime),
            })
            {
                values[field] = duration is not { } d ? string.Empty : d.InWorkingDays ? d.WorkingDays.ToString(CultureInfo.InvariantCulture) : DurationLimit.Days(d.Time);
                values[field + "Unit"] = duration is { InWorkingDays: true } ? WorkingDaysUnit : "days";
            }

            return (await StartPageAsync(request, services, caller!, officeId, language, values, [], null, cancel).ConfigureAwait(false), 200);
        });

    /// <summary>POST pages/offices/{officeId}/cycle-start: starts the period through the same service as <c>POST
    /// cycles</c>; every bad field shown beside it, nothing started; a period already started is a conflict (409).</summary>
    public static Task<IResult> StartCycleSubmitAsync(HttpRequest request, DurableTaskClient client, string officeId) =>
        RunFormAsync(request, AccessRule.StartCycle, officeId, async (caller, services, language, cancel) =>
        {
            var form = await ReadFormAsync(request, cancel).ConfigureAwait(false);
            var values = StartFields.ToDictionary(f => f, f => Field(form, f), StringComparer.Ordinal);
            try
            {
                await RequireFormTokenAsync(request, services, StartNonce(officeId, caller!.UserId), form, cancel).ConfigureAwait(false);
                var start = ReadStart(officeId, values);
                var (_, started) = await services.GetRequiredService<StartActions>().StartCycleAsync(client, caller, start, cancel).ConfigureAwait(false);
                if (!started)
                {
                    var message = PageText.Format(language, "Office.Start.Already", values["period"]);
                    return (await StartPageAsync(request, services, caller, officeId, language, values, [new FieldMessage("period", message)], null, cancel).ConfigureAwait(false), 409);
                }

                var done = PageText.Format(language, "Office.Start.Done", Domain.Periods.Period.Parse(values["period"]).ToString());
                return (await StartPageAsync(request, services, caller, officeId, language, values, [], done, cancel).ConfigureAwait(false), 200);
            }
            catch (RequestRefusedException ex) when (ex.Status is 400 or 404 or 409 or 422 && ex.Field != Access.Field)
            {
                var errors = ex.Errors.Count > 0
                    ? ex.Errors.Select(e => new FieldMessage(e.Field, e.Text(language))).ToList()
                    : [new FieldMessage(ex.Field, ex.Detail(language))];
                return (await StartPageAsync(request, services, caller!, officeId, language, values, errors, null, cancel).ConfigureAwait(false), ex.Status);
            }
        });

    private static readonly string[] StartFields = ["period", "schemeId", "schemeVersion", "selfEvaluationTime", "remindBefore", "grace", "correctionTime", "objectionPeriod", "ratingTime", "latePolicy",
        "selfEvaluationTimeUnit", "graceUnit", "correctionTimeUnit", "objectionPeriodUnit", "ratingTimeUnit"];

    /// <summary>The unit a stage duration's select sends for working days (else days).</summary>
    private const string WorkingDaysUnit = "workingDays";

    private static string StartNonce(string officeId, string user) => $"cycle-start|{officeId}|{user}";

    /// <summary>The form's text as a start request: numbers as typed (days, a decimal point allowed; working days, whole,
    /// where the field's unit says so), every one that is not a number refused at once; the rules on the values
    /// themselves are the start service's.</summary>
    private static CycleStart ReadStart(string officeId, Dictionary<string, string> values)
    {
        var errors = new InputErrors();
        StageDuration? Stage(string field)
        {
            if (values[field + "Unit"] != WorkingDaysUnit)
            {
                return Days(field);
            }

            var text = values[field];
            if (text.Length == 0)
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is > 0 and <= 36500)
            {
                return StageDuration.OfWorkingDays(count);
            }

            errors.Add("form", 0, field, $"expected a whole number of working days such as 5, found '{text}'", $"应为整数个工作日，如 5，实际为 '{text}'");
            return null;
        }

        TimeSpan? Days(string field)
        {
            var text = values[field];
            if (text.Length == 0)
            {
                return null;
            }

            if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days) && Math.Abs(days) <= 36500)
            {
                return TimeSpan.FromDays((double)days);
            }

            errors.Add("form", 0, field, $"expected a number of days such as 10 or 0.5, found '{text}'", $"应为天数，如 10 或 0.5，实际为 '{text}'");
            return null;
        }

        int? version = null;
        if (values["schemeVersion"] is { Length: > 0 } v)
        {
            if (int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                version = n;
            }
            else
            {
                errors.Add("form", 0, "schemeVersion", $"expected a version number such as 1, or nothing (the latest decided), found '{v}'", $"应为版本号，如 1；不填则用最新已决定的版本，实际为 '{v}'");
            }
        }

        LateSubmissionPolicy? policy = null;
        if (values["latePolicy"] is { Length: > 0 } p)
        {
            policy = Enum.TryParse<LateSubmissionPolicy>(p, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
            if (policy is null)
            {
                errors.Add("form", 0, "latePolicy", $"expected one of {string.Join(", ", Enum.GetNames<LateSubmissionPolicy>())}, found '{p}'", $"请选择逾期提交的处理方式，实际为 '{p}'");
            }
        }

        var start = new CycleStart(officeId, values["period"], values["schemeId"] is { Length: > 0 } s ? s : null, version, Stage("selfEvaluationTime"), Days("remindBefore"),
            Stage("grace"), Stage("correctionTime"), Stage("objectionPeriod"), policy, RatingTime: Stage("ratingTime"));
        return errors.Items is [var first, ..]
            ? throw new RequestRefusedException(400, first.Field, first.Message, first.MessageZh, errors.Items)
            : start;
    }

    private static async Task<string> StartPageAsync(HttpRequest request, IServiceProvider services, Caller caller, string officeId, Domain.Text.Language language,
        IReadOnlyDictionary<string, string> values, IReadOnlyList<FieldMessage> errors, string? notice, CancellationToken cancel) =>
        await RenderAsync<Pages.Components.StartCyclePage>(request, caller, language, new()
        {
            ["OfficeId"] = officeId,
            ["FormAction"] = $"{request.PathBase}{request.Path}{(language == Domain.Text.Language.En ? "?lang=en" : string.Empty)}",
            ["AntiForgery"] = await FormTokenAsync(request, services, StartNonce(officeId, caller.UserId), cancel).ConfigureAwait(false),
            ["Values"] = values,
            ["Errors"] = errors,
            ["Notice"] = notice,
        }).ConfigureAwait(false);
}
