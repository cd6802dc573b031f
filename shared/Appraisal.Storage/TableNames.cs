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

    /// <summary>The working-day calendar's years added by an administrator (later State Council notices).</summary>
    public const string Calendar = "Calendar";

    /// <summary>Browser sessions and failed sign-ins: short-lived, neither backed up nor part of a record comparison.</summary>
    public const string Sessions = "Sessions";
    public const string SignInFailures = "SignInFailures";

    public static IReadOnlyList<string> All { get; } =
        [Organisation, Schemes, Cases, Ledger, Cycles, Submissions, Scorecards, Evidence, Audit, Nonces, Outbox, SelfEvaluations, TimerFires, Ballots, Calendar];

    /// <summary>The tables of sign-in state (<see cref="Sessions"/>, <see cref="SignInFailures"/>), created beside
    /// <see cref="All"/> but kept out of backups: a restored server starts with everyone signed out.</summary>
    public static IReadOnlyList<string> SignIn { get; } = [Sessions, SignInFailures];
}
