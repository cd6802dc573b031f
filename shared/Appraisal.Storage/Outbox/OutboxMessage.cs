namespace Appraisal.Storage.Outbox;

/// <summary>One email to send: its dedupe key within the stream, recipient, subject and plain-text body (links
/// included), language, when enqueued; while a sender holds it, until when; once sent, when.</summary>
public sealed record OutboxMessage(string Key, string To, string Subject, string Body, string Language, DateTimeOffset CreatedAt, DateTimeOffset? SentAt = null,
    DateTimeOffset? ClaimedUntil = null, int Attempts = 0, string? LastError = null);
