using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Appraisal.Workflow.Telemetry;

/// <summary>The workflow's own spans and counters, under the name <see cref="Name"/> in either host: a span per mail
/// pass and per message sent, a span per checkpoint fire, and the counter of mail sent. The office gauges are
/// <see cref="OfficeMetrics"/>'s. Nothing is recorded unless a host listens (the self-host's OpenTelemetry with an
/// OTLP endpoint set, the Functions app's Azure Monitor exporter).</summary>
public static class AppraisalTelemetry
{
    /// <summary>The ActivitySource's and the Meter's name.</summary>
    public const string Name = "Appraisal";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary><c>appraisal.mail.sent</c>: messages the SMTP relay accepted.</summary>
    public static readonly Counter<long> MailSent = Meter.CreateCounter<long>("appraisal.mail.sent", "{message}", "Mail the SMTP relay accepted");

    /// <summary><c>appraisal.mail.refused</c>: attempts the relay refused or that failed on the connection (the
    /// message is kept for another try or set aside).</summary>
    public static readonly Counter<long> MailRefused = Meter.CreateCounter<long>("appraisal.mail.refused", "{attempt}", "Mail attempts refused or failed; kept for another try or set aside");
}
