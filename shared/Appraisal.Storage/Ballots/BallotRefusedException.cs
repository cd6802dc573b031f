namespace Appraisal.Storage.Ballots;

/// <summary>A ballot the box does not take — the period is sealed, the rater already answered that section and gave
/// no (or another) receipt, a section too large for one atomic write — with nothing stored.</summary>
public sealed class BallotRefusedException(BallotRefusal reason, string message) : InvalidOperationException(message)
{
    public BallotRefusal Reason { get; } = reason;
}

public enum BallotRefusal
{
    Sealed,
    ReceiptMismatch,
    NotAnswered,
    TooLarge,
}
