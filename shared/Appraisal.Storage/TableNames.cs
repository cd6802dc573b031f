namespace Appraisal.Storage;

/// <summary>The tables, one per record kind (see docs/storage.md for their keys).</summary>
public static class TableNames
{
    public const string Organisation = "Organisation";
    public const string Schemes = "Schemes";
    public const string Cases = "Cases";
    public const string Ledger = "Ledger";
    public const string Cycles = "Cycles";
    public const string Submissions = "Submissions";
    public const string Scorecards = "Scorecards";
    public const string Evidence = "Evidence";
    public const string Audit = "Audit";
    public const string Nonces = "Nonces";
    public const string Outbox = "Outbox";
    public const string SelfEvaluations = "SelfEvaluations";
    public const string TimerFires = "TimerFires";
    public const string Ballots = "Ballots";

    public static IReadOnlyList<string> All { get; } =
        [Organisation, Schemes, Cases, Ledger, Cycles, Submissions, Scorecards, Evidence, Audit, Nonces, Outbox, SelfEvaluations, TimerFires, Ballots];
}
