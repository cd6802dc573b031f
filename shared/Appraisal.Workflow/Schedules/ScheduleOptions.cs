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

    public string Cron(CheckpointKind kind) => kind switch
    {
        CheckpointKind.Monthly => Monthly,
        CheckpointKind.Quarterly => Quarterly,
        _ => Annual,
    };
}
