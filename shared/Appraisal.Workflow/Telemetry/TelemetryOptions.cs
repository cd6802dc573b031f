using System.ComponentModel.DataAnnotations;

namespace Appraisal.Workflow.Telemetry;

/// <summary>Section <c>Telemetry</c>. The OTLP settings are the self-host's (the Functions app exports to Application
/// Insights); the sampler's interval and bounds are both hosts'.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>The collector's OTLP endpoint (such as http://127.0.0.1:4318 for http/protobuf, :4317 for grpc). Not
    /// set: nothing is exported, no exporter runs, and the sampler does not run in the self-host.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> or <c>http/protobuf</c>.</summary>
    [RegularExpression("^(grpc|http/protobuf)$", ErrorMessage = "Telemetry:Protocol: expected grpc or http/protobuf")]
    public string Protocol { get; set; } = "http/protobuf";

    /// <summary>The resource's <c>service.name</c>.</summary>
    [Required]
    public string ServiceName { get; set; } = "appraisal-selfhost";

    /// <summary>The office this host serves, as the resource attribute <c>appraisal.office_id</c> (optional).</summary>
    public string? OfficeId { get; set; }

    /// <summary>Further resource attributes (such as <c>deployment.environment</c>).</summary>
    public Dictionary<string, string> ResourceAttributes { get; set; } = [];

    /// <summary>How often metrics are pushed to the collector.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Telemetry:MetricExportInterval: expected between 00:00:01 and 1.00:00:00")]
    public TimeSpan MetricExportInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the office gauges are sampled from storage.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Telemetry:SampleInterval: expected between 00:00:01 and 1.00:00:00")]
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait before the first sample after a start (a start does no storage work for the gauges).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Telemetry:FirstSampleDelay: expected between 00:00:00 and 1.00:00:00")]
    public TimeSpan FirstSampleDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>At most this many offices are sampled (in id order), so one pass stays bounded.</summary>
    [Range(1, 10_000, ErrorMessage = "Telemetry:MaxOffices: expected between 1 and 10000")]
    public int MaxOffices { get; set; } = 200;

    /// <summary>At most this many unsent outbox rows are read to count them; past that the mail gauges show less than
    /// there is.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Telemetry:MaxOutboxRows: expected between 1 and 1000000")]
    public int MaxOutboxRows { get; set; } = 10_000;
}
