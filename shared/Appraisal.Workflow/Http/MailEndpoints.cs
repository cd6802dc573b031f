using Appraisal.Workflow.Mail;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

/// <summary>A resend of a mail set aside: its stream and key (as listed), and a corrected address when the old one
/// was the fault.</summary>
public sealed record MailResendRequest(string Stream, string Key, string? To = null);

/// <summary>A mail set aside, as listed: where it is (stream, key), to whom, what, how often tried, the last error
/// and since when.</summary>
public sealed record SetAsideMailItem(string Stream, string Key, string To, string Subject, int Attempts, string? LastError, DateTimeOffset? SetAsideAt);

/// <summary>HTTP handlers for an office's mail set aside: listed, and resent through <see cref="SetAsideMail"/>
/// (the service of the dashboard's form and the CLI), which audits the resend.</summary>
public static class MailEndpoints
{
    /// <summary>GET offices/{officeId}/mail/set-aside.</summary>
    public static Task<IResult> ListAsync(HttpRequest request, string officeId) =>
        Handler.RunAsync(request, Identity.AccessRule.ResendMail, officeId, null, async (caller, services, cancel) =>
        {
            var mail = await services.GetRequiredService<SetAsideMail>().ListAsync(caller!, officeId, cancel).ConfigureAwait(false);
            return Results.Json(mail.Select(m => new SetAsideMailItem(m.PartitionKey, m.RowKey, m.Value.To, m.Value.Subject, m.Value.Attempts, m.Value.LastError, m.Value.SetAsideAt)),
                CycleEndpoints.Json);
        });

    /// <summary>POST offices/{officeId}/mail/set-aside/resend.</summary>
    public static Task<IResult> ResendAsync(HttpRequest request, string officeId) =>
        Handler.JsonAsync<MailResendRequest>(request, Identity.AccessRule.ResendMail, officeId, null, async (resend, caller, services, cancel) =>
        {
            var was = await services.GetRequiredService<SetAsideMail>().ResendAsync(caller!, officeId, resend.Stream, resend.Key, resend.To, cancel).ConfigureAwait(false);
            return Results.Json(new { resend.Stream, resend.Key, from = was.To, to = string.IsNullOrWhiteSpace(resend.To) ? was.To : resend.To.Trim() }, CycleEndpoints.Json);
        });
}
