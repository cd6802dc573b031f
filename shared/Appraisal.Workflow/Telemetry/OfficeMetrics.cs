using System.Diagnostics.Metrics;
using Appraisal.Domain.Cycles;

namespace Appraisal.Workflow.Telemetry;

/// <summary>One office as the sampler last read it: its running cycles by stage, those past their stage's deadline,
/// the departments past theirs, the response rate of each cycle in its rating window (0–1), and its unsent mail.</summary>
public sealed record OfficeSample(string OfficeId, IReadOnlyDictionary<CycleStage, int> CyclesByStage, int CyclesOverdue, int DepartmentsOverdue,
    IReadOnlyDictionary<string, double> ResponseRates, int MailQueued, int MailFailed);

/// <summary>A sampler pass: when it was taken and every office sampled.</summary>
public sealed record MetricsSample(DateTimeOffset TakenAt, IReadOnlyList<OfficeSample> Offices);

/// <summary>The office gauges of the Meter <c>Appraisal</c>. Each reports the last sample (<see cref="Record"/>) —
/// collecting them reads nothing from storage; before the first sample, or once it is older than three sample
/// intervals (a sampler that stopped, or another instance's), they report nothing rather than stale values.</summary>
public sealed class OfficeMetrics
{
    private readonly TelemetryOptions _options;
    private readonly TimeProvider _clock;
    private volatile MetricsSample? _last;

    public OfficeMetrics(IMeterFactory meters, TelemetryOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(meters);
        (_options, _clock) = (options, clock);
        var meter = meters.Create(AppraisalTelemetry.Name);
        meter.CreateObservableGauge("appraisal.cycles", () => Each<long>(o => o.CyclesByStage.Select(s => Of(s.Value, o, ("stage", s.Key.ToString())))),
            "{cycle}", "Running cycles by stage");
        meter.CreateObservableGauge("appraisal.cycles.overdue", () => Each<long>(o => [Of(o.CyclesOverdue, o)]),
            "{cycle}", "Running cycles past their stage's deadline with someone still awaited");
        meter.CreateObservableGauge("appraisal.departments.overdue", () => Each<long>(o => [Of(o.DepartmentsOverdue, o)]),
            "{department}", "Departments awaited past their deadline (self-evaluation or correction)");
        meter.CreateObservableGauge("appraisal.mail.queued", () => Each<long>(o => [Of(o.MailQueued, o)]),
            "{message}", "Unsent mail a sender still takes: new, held or waiting to retry");
        meter.CreateObservableGauge("appraisal.mail.failed", () => Each<long>(o => [Of(o.MailFailed, o)]),
            "{message}", "Mail set aside after too many failed attempts, until someone resends it");
        meter.CreateObservableGauge("appraisal.ratings.response_rate",
            () => Each<double>(o => o.ResponseRates.Select(r => new Measurement<double>(r.Value, new("appraisal.office_id", o.OfficeId), new("appraisal.period", r.Key)))),
            "1", "Share of raters who answered every section of their questionnaire, per cycle in its rating window");
    }

    /// <summary>The last sample, or null when there is none or it is stale.</summary>
    public MetricsSample? Last => _last is { } s && _clock.GetUtcNow() - s.TakenAt <= 3 * _options.SampleInterval ? s : null;

    public void Record(MetricsSample sample) => _last = sample ?? throw new ArgumentNullException(nameof(sample));

    private IEnumerable<Measurement<T>> Each<T>(Func<OfficeSample, IEnumerable<Measurement<T>>> measure)
        where T : struct => Last?.Offices.SelectMany(measure).ToList() ?? [];

    private static Measurement<long> Of(long value, OfficeSample office, params (string Key, string Value)[] more) =>
        new(value, [new("appraisal.office_id", office.OfficeId), .. more.Select(m => new KeyValuePair<string, object?>(m.Key, m.Value))]);
}
