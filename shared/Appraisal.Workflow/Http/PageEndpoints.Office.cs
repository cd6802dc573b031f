using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

/// <summary>The appraisal office's forms: the verification of a submission and the review of objections.</summary>
public static partial class PageEndpoints
{
    /// <summary>GET pages/cycles/{officeId}/{period}/departments/{departmentId}/verification: the appraisal office's
    /// verification of a department's submission; a supervisor reads it without the form.</summary>
    public static Task<IResult> VerificationFormAsync(HttpRequest request, DurableTaskClient client, string officeId, string period, string departmentId) =>
        RunFormAsync(request, AccessRule.ReadVerification, officeId, async (caller, services, language, cancel) =>
        {
            var sheet = await services.GetRequiredService<DepartmentSheets>().VerificationAsync(client, caller!, officeId, period, departmentId, cancel).ConfigureAwait(false);
            return (await VerificationPageAsync(request, services, caller!, sheet, language, null, null, null, [], null, cancel).ConfigureAwait(false), 200);
        });

    /// <summary>POST pages/cycles/{officeId}/{period}/departments/{departmentId}/verification: accept, adjust or return,
    /// with verdicts on single claims, through the same service as the API; a refusal shows its error beside the field
    /// with everything entered kept.</summary>
    public static Task<IResult> VerificationSubmitAsync(HttpRequest request, DurableTaskClient client, string officeId, string period, string departmentId) =>
        RunFormAsync(request, AccessRule.Verify, officeId, async (caller, services, language, cancel) =>
        {
            var form = await ReadFormAsync(request, cancel).ConfigureAwait(false);
            var sheets = services.GetRequiredService<DepartmentSheets>();
            var (chosen, reason) = (Field(form, "action"), form["reason"].FirstOrDefault()?.Trim());
            var entered = EnteredVerdicts(form);
            var decisions = new List<ClaimDecision>();
            try
            {
                await RequireFormTokenAsync(request, services, VerificationNonce(officeId, period, departmentId, caller!.UserId), form, cancel).ConfigureAwait(false);
                if (!Enum.TryParse<VerificationAction>(chosen, ignoreCase: false, out var action) || !Enum.IsDefined(action))
                {
                    throw new RequestRefusedException(400, "action", $"expected one of {string.Join(", ", Enum.GetNames<VerificationAction>())}, found '{chosen}'", $"请选择核查意见（通过、调整后通过或退回），实际为 '{chosen}'");
                }

                foreach (var (line, (verdict, occurrences, why)) in entered.Where(e => e.Value.Verdict != ClaimRow.Accepted))
                {
                    if (!Enum.TryParse<Domain.Scoring.LedgerVerdict>(verdict, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed))
                    {
                        throw new RequestRefusedException(400, ClaimRow.VerdictField(line), $"expected Accepted, Adjusted or Rejected, found '{verdict}'", $"应为认定、调整次数或不予认定，实际为 '{verdict}'");
                    }

                    int? found = null;
                    if (parsed == Domain.Scoring.LedgerVerdict.Adjusted && occurrences.Length > 0)
                    {
                        // None entered: the service says what it expects.
                        found = int.TryParse(occurrences, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
                            : throw new RequestRefusedException(400, ClaimRow.OccurrencesField(line), $"expected the occurrences found: a whole number from 1 to 1000, found '{occurrences}'", $"核定次数应为 1 至 1000 的整数，实际为 '{occurrences}'");
                    }

                    decisions.Add(new ClaimDecision(line, parsed, found, why));
                }

                await services.GetRequiredService<VerifySubmissionAction>().RunAsync(client, caller, officeId, period, departmentId, action, string.IsNullOrEmpty(reason) ? null : reason, decisions, cancel).ConfigureAwait(false);
                var done = await sheets.VerificationAsync(client, caller, officeId, period, departmentId, cancel).ConfigureAwait(false);
                return (await VerificationPageAsync(request, services, caller, done, language, chosen, reason, null, [], PageText.Format(language, "Verify.Done", PageText.Get(language, $"Verify.{action}")), cancel).ConfigureAwait(false), 200);
            }
            catch (RequestRefusedException ex) when (ex.Status is 400 or 404 or 409 or 422 && ex.Field != Access.Field)
            {
                var sheet = await sheets.VerificationAsync(client, caller!, officeId, period, departmentId, cancel).ConfigureAwait(false);
                return (await VerificationPageAsync(request, services, caller!, sheet, language, chosen, reason, entered, [new FieldMessage(ClaimField(ex.Field, decisions), ex.Detail(language))], null, cancel).ConfigureAwait(false), ex.Status);
            }
        });

    private static string VerificationNonce(string officeId, string period, string departmentId, string user) => $"verification|{officeId}|{period}|{departmentId}|{user}";

    /// <summary>The claims' verdicts as entered, by line (at most the rows a sheet holds).</summary>
    private static SortedDictionary<int, (string Verdict, string Occurrences, string Reason)> EnteredVerdicts(IFormCollection form)
    {
        var entered = new SortedDictionary<int, (string, string, string)>();
        foreach (var key in form.Keys.Where(k => k.StartsWith("verdict-", StringComparison.Ordinal)).Take(MaxLedgerRows))
        {
            if (int.TryParse(key.AsSpan("verdict-".Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var line))
            {
                entered[line] = (Field(form, key), Field(form, ClaimRow.OccurrencesField(line)), Field(form, ClaimRow.ReasonField(line)));
            }
        }

        return entered;
    }

    /// <summary>A service's field of a claim's verdict (<c>claims[i].occurrences</c>) as the form names it (by the claim's line).</summary>
    private static string ClaimField(string field, List<ClaimDecision> decisions)
    {
        var match = System.Text.RegularExpressions.Regex.Match(field, @"^claims\[(\d+)\](?:\.(\w+))?$");
        if (!match.Success || !int.TryParse(match.Groups[1].ValueSpan, out var i) || i >= decisions.Count)
        {
            return field;
        }

        var line = decisions[i].Line;
        return match.Groups[2].Value switch
        {
            "occurrences" => ClaimRow.OccurrencesField(line),
            "reason" => ClaimRow.ReasonField(line),
            _ => ClaimRow.VerdictField(line),
        };
    }

    private static async Task<string> VerificationPageAsync(HttpRequest request, IServiceProvider services, Caller caller, DepartmentSheet sheet, Domain.Text.Language language,
        string? action, string? reason, IReadOnlyDictionary<int, (string Verdict, string Occurrences, string Reason)>? entered, IReadOnlyList<FieldMessage> errors, string? notice, CancellationToken cancel)
    {
        var claims = sheet.Submission is { } submitted ? DepartmentClaims.FromPayload(submitted.Payload) : null;
        var decided = (claims?.Decisions ?? []).ToDictionary(d => d.Line);
        var rows = LedgerRow.ByLine(claims?.LedgerCsv).Select(c =>
            entered is not null && entered.TryGetValue(c.Line, out var e) ? new ClaimRow(c.Line, c.Row, e.Verdict, e.Occurrences, e.Reason)
            : decided.TryGetValue(c.Line, out var d) ? new ClaimRow(c.Line, c.Row, d.Verdict.ToString(), d.Occurrences?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, d.Reason)
            : new ClaimRow(c.Line, c.Row, ClaimRow.Accepted, string.Empty, string.Empty)).ToList();

        return await RenderAsync<Pages.Components.VerificationPage>(request, caller, language, new()
        {
            ["Sheet"] = sheet,
            ["FormAction"] = $"{request.PathBase}{request.Path}{(language == Domain.Text.Language.En ? "?lang=en" : string.Empty)}",
            ["AntiForgery"] = AccessRule.Verify.Allows(caller) ? await FormTokenAsync(request, services, VerificationNonce(sheet.OfficeId, sheet.Period, sheet.Department.Id, caller.UserId), cancel).ConfigureAwait(false) : null,
            ["Ledger"] = rows,
            ["Action"] = action,
            ["Reason"] = reason,
            ["Errors"] = errors,
            ["Notice"] = notice,
        }).ConfigureAwait(false);
    }

    /// <summary>GET pages/cycles/{officeId}/{period}/objections: the appraisal office's review of the objections; a
    /// supervisor reads it without the form.</summary>
    public static Task<IResult> ObjectionReviewFormAsync(HttpRequest request, DurableTaskClient client, string officeId, string period) =>
        RunFormAsync(request, AccessRule.ReadVerification, officeId, async (caller, services, language, cancel) =>
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
            ["AntiForgery"] = AccessRule.Verify.Allows(caller) ? await FormTokenAsync(request, services, ReviewNonce(officeId, period, caller.UserId), cancel).ConfigureAwait(false) : null,
            ["Errors"] = errors,
            ["Notice"] = notice,
        }).ConfigureAwait(false);
    }
}
