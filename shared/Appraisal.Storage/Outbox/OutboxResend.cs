namespace Appraisal.Storage.Outbox;

/// <summary>What asking to resend a message did.</summary>
public enum OutboxResend
{
    /// <summary>It was set aside and is due again.</summary>
    Resent,

    /// <summary>No message has that stream and key.</summary>
    NotFound,

    /// <summary>It is not set aside (sent, or still being tried): nothing changed.</summary>
    NotSetAside,
}
