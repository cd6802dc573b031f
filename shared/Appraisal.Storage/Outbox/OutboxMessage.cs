namespace Appraisal.Storage.Outbox;

/// <summary>One email to send: its dedupe key within the stream, recipient, subject and plain-text body (links
/// included), language, when enqueued; while a sender holds it or until its next try after a failure, until when;
/// once sent, when; the attempts so far and the last error; once set aside after too many failed attempts, when
/// (it is then tried again only when someone asks); the office whose mail it is (null on messages enqueued before it
/// was recorded), so that office's appraisal office sees it when it is set aside, and no other office does.</summary>
public sealed record OutboxMessage(string Key, string To, string Subject, string Body, string Language, DateTimeOffset CreatedAt, DateTimeOffset? SentAt = null,
    DateTimeOffset? ClaimedUntil = null, int Attempts = 0, string? LastError = null, DateTimeOffset? SetAsideAt = null, string? OfficeId = null)
{
    /// <summary>When a sender may next take it: now for a new message, the claim's or the retry's end otherwise; null
    /// when sent or set aside (no sender takes it).</summary>
    public DateTimeOffset? NextAttemptAt() => SentAt is null && SetAsideAt is null ? ClaimedUntil ?? CreatedAt : null;
}
