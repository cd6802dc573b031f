using System.ComponentModel.DataAnnotations;

namespace Appraisal.Workflow.Schedules;

/// <summary>The calendar (configuration section <c>Schedules</c>): six-field CRON expressions in UTC, as Azure Functions
/// reads them (the Functions app binds its timers to <c>%Schedules:Monthly%</c> and the like), the time zone the
/// checkpoints are counted in, and which offices they start.</summary>
public sealed class ScheduleOptions
{
    public const string Section = "Schedules";

    [Required]
    public string Monthly { get; set; } = Checkpoints.MonthlyCron;

    [Required]
    public string Quarterly { get; set; } = Checkpoints.QuarterlyCron;

    [Required]
    public string Annual { get; set; } = Checkpoints.AnnualCron;

    [Required]
    public string TimeZone { get; set; } = Checkpoints.DefaultTimeZone;

    /// <summary>The offices a checkpoint starts; empty: every imported office.</summary>
    public IList<string> Offices { get; } = [];

    /// <summary>Whether the self-host fires the schedules (the Functions app always does, through its timer triggers).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The self-host's wait before trying a failed fire again (default 1 min); each next wait doubles, up to
    /// <see cref="RetryMaxDelay"/>. (The Functions app retries its timers by the policy on the timer functions.)</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest wait between tries of a failed fire (default 1 h).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The wait before the try after <paramref name="failures"/> failed ones in a row (1, 2, 4 … min, capped).</summary>
    public TimeSpan RetryAfter(int failures)
    {
        var delay = RetryDelay * Math.Pow(2, Math.Clamp(failures - 1, 0, 20));
        return delay < RetryMaxDelay ? delay : RetryMaxDelay;
    }

    public string Cron(CheckpointKind kind) => kind switch
    {
        CheckpointKind.Monthly => Monthly,
        CheckpointKind.Quarterly => Quarterly,
        _ => Annual,
    };
}
