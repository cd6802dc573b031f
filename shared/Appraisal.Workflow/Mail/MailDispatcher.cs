using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Appraisal.Storage;
using Appraisal.Storage.Infrastructure;
using Appraisal.Storage.Outbox;
using Appraisal.Workflow.Telemetry;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using MimeKit;
using MimeKit.Text;

namespace Appraisal.Workflow.Mail;

/// <summary>Sends what the outbox holds over SMTP (MailKit). Each message is claimed under its ETag first, so two
/// senders never send it both; sent, it is marked under the claim's ETag. A sender that dies between sending and
/// marking lets the claim lapse and the message goes again — with the same Message-Id (a digest of its stream and
/// key), so mail clients fold the two; one that loses storage there asks again until the mark is stored. A message refused for the time being (a 4xx reply, a connection that fails
/// before the message was handed over) is retried later with the error kept; after <see cref="SmtpOptions.MaxAttempts"/>
/// failed attempts it is set aside until someone asks to resend it, so mail that cannot go does not take the place of
/// mail that can. A message refused for good (a 5xx reply to its recipient or to the message) is set aside at once. A
/// connection that breaks after the whole message was handed over is set aside too, not retried: the server may have
/// taken it, and sending it again could deliver it twice (at most once, with the person resending who finds it did not
/// arrive).</summary>
public sealed class MailDispatcher(OutboxRepository outbox, SmtpOptions options, TimeProvider clock, ILogger<MailDispatcher> logger)
{
    /// <summary>One pass: sends every due message (up to the batch size) over one connection; returns how many went.</summary>
    public async Task<int> DispatchAsync(CancellationToken cancel)
    {
        if (!options.Enabled)
        {
            return 0;
        }

        var due = await outbox.DueAsync(clock.GetUtcNow(), options.BatchSize, cancel).ConfigureAwait(false);
        if (due.Count == 0)
        {
            return 0;
        }

        using var pass = AppraisalTelemetry.Source.StartActivity("appraisal.mail.dispatch");
        pass?.SetTag("appraisal.mail.due", due.Count);
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(options.Host!, options.Port, options.SocketMode(), cancel).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(options.UserName))
        {
            await smtp.AuthenticateAsync(options.UserName, options.Password ?? "", cancel).ConfigureAwait(false);
        }

        var sent = 0;
        foreach (var message in due)
        {
            Stored<OutboxMessage> claimed;
            try
            {
                claimed = await outbox.ClaimAsync(message, clock.GetUtcNow() + options.ClaimTime, cancel).ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException)
            {
                continue; // Another sender has it.
            }

            var handedOver = new HandOver();
            using var send = AppraisalTelemetry.Source.StartActivity("appraisal.mail.send");
            send?.SetTag("appraisal.mail.stream", claimed.PartitionKey);
            send?.SetTag("appraisal.mail.attempt", claimed.Value.Attempts);
            try
            {
                await smtp.SendAsync(ToMime(claimed), cancel, handedOver).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or IOException or ParseException)
            {
                send?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
                AppraisalTelemetry.MailRefused.Add(1);
                var error = ex.Message.Length > 400 ? ex.Message[..400] : ex.Message;
                if (ex is SmtpCommandException refused && Permanent(refused))
                {
                    logger.LogError(ex, "mail {Key} to {To} refused for good ({Status}); set aside until resent", claimed.Value.Key, claimed.Value.To, (int)refused.StatusCode);
                    await outbox.SetAsideAsync(claimed, clock.GetUtcNow(), string.Create(CultureInfo.InvariantCulture, $"{(int)refused.StatusCode} {error}"), cancel).ConfigureAwait(false);
                }
                else if (ex is SmtpProtocolException or IOException && handedOver.Whole)
                {
                    // The server may have taken it (the reply to its end was lost): sending it again could deliver it twice.
                    logger.LogError(ex, "mail {Key} to {To}: the connection broke after the whole message was handed over; set aside, not sent again by itself", claimed.Value.Key, claimed.Value.To);
                    await outbox.SetAsideAsync(claimed, clock.GetUtcNow(), UncertainPrefix + error, cancel).ConfigureAwait(false);
                }
                else if (claimed.Value.Attempts >= options.MaxAttempts)
                {
                    logger.LogError(ex, "mail {Key} to {To} failed {Attempts} times; set aside until resent", claimed.Value.Key, claimed.Value.To, claimed.Value.Attempts);
                    await outbox.SetAsideAsync(claimed, clock.GetUtcNow(), error, cancel).ConfigureAwait(false);
                }
                else
                {
                    logger.LogWarning(ex, "mail {Key} to {To} refused; kept for another try", claimed.Value.Key, claimed.Value.To);
                    await outbox.ReleaseAsync(claimed, clock.GetUtcNow() + RetryDelay(claimed.Value.Attempts), error, cancel).ConfigureAwait(false);
                }

                if (ex is SmtpProtocolException or IOException)
                {
                    break; // The connection is gone; the next pass reconnects.
                }

                continue;
            }

            await MarkSentAsync(claimed, cancel).ConfigureAwait(false);
            AppraisalTelemetry.MailSent.Add(1);
            sent++;
        }

        if (smtp.IsConnected)
        {
            await smtp.DisconnectAsync(quit: true, cancel).ConfigureAwait(false);
        }

        return sent;
    }

    /// <summary>Records a message as sent, asking storage again while it fails (down, busy, slow): the mail has gone, and
    /// a pass that gave up here would leave it claimed but unsent, to be sent a second time once its claim lapsed. Only
    /// another sender's claim (a conflict: the claim lapsed and it took the message) or the host stopping ends it.</summary>
    private async Task MarkSentAsync(Stored<OutboxMessage> claimed, CancellationToken cancel)
    {
        for (var wait = TimeSpan.FromSeconds(1); ; wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, MaxMarkWait.Ticks)))
        {
            try
            {
                await outbox.MarkSentAsync(claimed, clock.GetUtcNow(), cancel).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is not (ConcurrencyConflictException or OperationCanceledException))
            {
                logger.LogWarning(ex, "mail {Key} to {To} sent but not yet recorded as sent; trying again in {Wait}", claimed.Value.Key, claimed.Value.To, wait);
                await Task.Delay(wait, cancel).ConfigureAwait(false);
            }
        }
    }

    private static readonly TimeSpan MaxMarkWait = TimeSpan.FromSeconds(30);

    /// <summary>The MIME message: plain text as written, plus an HTML part with the links clickable.</summary>
    public MimeMessage ToMime(Stored<OutboxMessage> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var m = stored.Value;
        var mime = new MimeMessage
        {
            Subject = m.Subject,
            MessageId = $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{stored.PartitionKey}/{stored.RowKey}")))[..32]}@appraisal",
            Date = m.CreatedAt,
        };
        mime.From.Add(new MailboxAddress(options.FromName, options.From));
        mime.To.Add(MailboxAddress.Parse(m.To));
        mime.Headers.Add("Content-Language", m.Language == "en" ? "en" : "zh-CN");
        mime.Headers.Add("X-Appraisal-Key", m.Key);
        var body = new BodyBuilder { TextBody = m.Body, HtmlBody = Html(m.Body, m.Language) };
        mime.Body = body.ToMessageBody();
        return mime;
    }

    private static string Html(string text, string language)
    {
        var converter = new TextToHtml { Header = null, Footer = null };
        var html = converter.Convert(text);
        return $"<!DOCTYPE html><html lang=\"{(language == "en" ? "en" : "zh-CN")}\"><head><meta charset=\"utf-8\"></head><body style=\"font-family:sans-serif;line-height:1.6\">{html}</body></html>";
    }

    /// <summary>The start of the error kept on a mail set aside because the connection broke after the whole message
    /// was handed over to the server: whether it arrived is not known.</summary>
    public const string UncertainPrefix = "delivery uncertain (the connection broke after the whole message was handed over; resend only if it did not arrive): ";

    /// <summary>A refusal for this recipient or this message that trying again will not change: a 5xx reply to RCPT TO
    /// or to the message (550 mailbox unavailable, 553 mailbox name not allowed, 554 transaction failed). A 4xx reply
    /// is temporary, and a 5xx refusal of the sender concerns every mail (the settings), so both keep the backoff.</summary>
    public static bool Permanent(SmtpCommandException refusal) =>
        refusal is { ErrorCode: SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted } && (int)refusal.StatusCode is >= 500 and < 600;

    /// <summary>How much of a message MailKit has written to the server: <see cref="Whole"/> once all of it went, after
    /// which a broken connection leaves unknown whether the server took it.</summary>
    private sealed class HandOver : MailKit.ITransferProgress
    {
        public bool Whole { get; private set; }

        public void Report(long bytesTransferred, long totalSize) => Whole |= bytesTransferred >= totalSize;

        public void Report(long bytesTransferred)
        {
            // Without the size, how much went is not known; the end of the message is what counts.
        }
    }

    /// <summary>30 s, 1 min, 2 min … up to an hour.</summary>
    private static TimeSpan RetryDelay(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Max(0, attempts - 1))));
}
