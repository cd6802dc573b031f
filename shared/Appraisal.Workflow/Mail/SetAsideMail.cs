using Appraisal.Storage;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Infrastructure;
using Appraisal.Storage.Outbox;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;

namespace Appraisal.Workflow.Mail;

/// <summary>The mail of an office set aside (refused for good, failed too often, or cut off after it was handed
/// over), for that office's appraisal office and administrators only; and its resend, once, to the same or a corrected
/// address — recorded in the office's audit chain (<c>mail.resent</c>: who, which mail, the old and the new address).
/// The dashboard's form, the API and <c>appraisal mail resend</c> all come here.</summary>
public sealed class SetAsideMail(OutboxRepository outbox, AuditLog audit, TimeProvider clock)
{
    /// <summary>At most this many are listed (the oldest streams first).</summary>
    public const int MaxListed = 200;

    /// <summary>The audit action of a resend.</summary>
    public const string ResentAction = "mail.resent";

    /// <summary>The longest address accepted (RFC 5321's path limit).</summary>
    public const int MaxAddressLength = 254;

    /// <summary>Where an office's mail is queued: its cycles' streams and its bulletins' (each "kind-office-period").</summary>
    public static IReadOnlyList<string> StreamPrefixes(string officeId) =>
        [Notifications.OutboxCycleNotifications.Stream(officeId, string.Empty), Bulletins.StorageBulletinServices.Stream(officeId, string.Empty)];

    /// <summary>The office's mail set aside, with attempts, last error and when.</summary>
    public async Task<IReadOnlyList<Stored<OutboxMessage>>> ListAsync(Caller caller, string officeId, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.ResendMail, officeId);
        return await outbox.SetAsideOfAsync(officeId, StreamPrefixes(officeId), MaxListed, cancel).ConfigureAwait(false);
    }

    /// <summary>Makes one set-aside mail of the office due again (to <paramref name="to"/> when given) and audits it;
    /// returns the message as it was. Refused, nothing changes: 400 for an address that is not one, 404 for a mail the
    /// office does not have, 409 for one not set aside (sent, still being tried, or resent meanwhile).</summary>
    public async Task<OutboxMessage> ResendAsync(Caller caller, string officeId, string stream, string key, string? to, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.ResendMail, officeId);
        var address = string.IsNullOrWhiteSpace(to) ? null : to.Trim();
        if (address is not null && (address.Length > MaxAddressLength || !System.Net.Mail.MailAddress.TryCreate(address, out var parsed) || parsed.Address != address))
        {
            throw new RequestRefusedException(400, "to", $"expected an email address (name@domain, at most {MaxAddressLength} characters), found '{Clip(address)}'",
                $"应为电子邮件地址（如 name@example.org，不超过 {MaxAddressLength} 个字符），实际为“{Clip(address)}”");
        }

        var stored = IsKeyPart(stream) && IsKeyPart(key) ? await outbox.FindAsync(stream, key, cancel).ConfigureAwait(false) : null;
        if (stored is null || !OfOffice(stored, officeId))
        {
            throw new RequestRefusedException(404, "key", $"expected a mail of office {officeId}, found none with stream '{Clip(stream)}' and key '{Clip(key)}'",
                $"本院没有这封邮件（{Clip(stream)} {Clip(key)}）");
        }

        OutboxResend outcome;
        try
        {
            outcome = await outbox.ResendAsync(stored, address, clock.GetUtcNow(), cancel).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException)
        {
            outcome = OutboxResend.NotSetAside; // Changed since it was read: sent, or resent by someone else.
        }

        if (outcome != OutboxResend.Resent)
        {
            throw new RequestRefusedException(409, "key", $"expected a mail set aside, found '{stored.Value.Key}' sent or still being tried (nothing changed)",
                $"这封邮件未被搁置（已发送或仍在重试），未作更改");
        }

        await audit.AppendAsync(officeId, AuditPeriods.Office, caller.UserId, ResentAction, $"{stored.PartitionKey}/{stored.RowKey}", stored.Value.To, address ?? stored.Value.To,
            clock.GetUtcNow(), cancel).ConfigureAwait(false);
        return stored.Value;
    }

    /// <summary>The office whose mail a message is: as recorded, or — for one enqueued before the office was recorded —
    /// read from its stream (<c>cycle-{office}-{period}</c>, <c>bulletin-{office}-{period}</c>: what precedes the
    /// period); null when neither tells.</summary>
    public static string? OfficeOf(Stored<OutboxMessage> message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Value.OfficeId is { } office)
        {
            return office;
        }

        var stream = message.PartitionKey;
        foreach (var prefix in new[] { "cycle-", "bulletin-" }.Where(p => stream.StartsWith(p, StringComparison.Ordinal)))
        {
            for (var dash = stream.IndexOf('-', prefix.Length); dash > prefix.Length; dash = stream.IndexOf('-', dash + 1))
            {
                if (Domain.Periods.Period.TryParse(stream[(dash + 1)..], out _, out _))
                {
                    return stream[prefix.Length..dash];
                }
            }
        }

        return null;
    }

    private static bool OfOffice(Stored<OutboxMessage> message, string officeId) => OfficeOf(message) == officeId;

    /// <summary>Whether a stream or key as asked for can name a stored mail (else none has it).</summary>
    public static bool IsKeyPart(string? part)
    {
        if (string.IsNullOrEmpty(part) || part.Length > 512)
        {
            return false;
        }

        try
        {
            Keys.Check("key", part);
            return true;
        }
        catch (StorageKeyException)
        {
            return false;
        }
    }

    private static string Clip(string? text) => text is null ? string.Empty : text.Length > 80 ? text[..80] + "…" : text;
}
