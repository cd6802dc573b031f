namespace Appraisal.Storage.Timers;

/// <summary>The last scheduled occurrence of a schedule that a host fired successfully, and when that was recorded —
/// the self-host's counterpart of the Functions host's schedule monitor, from which a restarted host catches up.</summary>
public sealed record TimerFire(string Schedule, DateTimeOffset LastFired, DateTimeOffset RecordedAt);
