namespace Appraisal.Storage.Outbox;

/// <summary>An email waiting to be sent (or sent), keyed by a deterministic dedupe key so a retried activity enqueues it once.</summary>
public sealed record OutboxMessage(string Key, string To, string Subject, string Body, string Language, DateTimeOffset CreatedAt, DateTimeOffset? SentAt = null);
