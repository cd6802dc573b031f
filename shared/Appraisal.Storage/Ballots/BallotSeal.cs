namespace Appraisal.Storage.Ballots;

/// <summary>A period's sealed ballots: when, how many answers were folded into how many cells, and the SHA-256 of the
/// sealed cells (the audit chain records it), after which no ballot of the period can change.</summary>
public sealed record BallotSeal(DateTimeOffset SealedAt, int Answers, int Cells, string Sha256);
