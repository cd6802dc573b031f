using Appraisal.Domain.Cycles;
using Appraisal.Storage.Organisation;
using Appraisal.Storage.Outbox;
using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Bulletins;
using Appraisal.Workflow.Notifications;
using Microsoft.DurableTask.Client;

namespace Appraisal.Workflow.Telemetry;

/// <summary>Reads what the office gauges report, in one bounded pass: the office ids (up to
/// <see cref="TelemetryOptions.MaxOffices"/>), each office's cycles that are not final (the dashboard's rows: one
/// orchestration read each), the response rates of the cycles in their rating window, and the unsent outbox rows (keys
/// and one column only, up to <see cref="TelemetryOptions.MaxOutboxRows"/>). Run by the self-host's
/// <see cref="MetricsSamplerService"/> and the Functions app's SampleMetrics timer.</summary>
public sealed class OfficeMetricsSampler(OrganisationRepository organisation, ResultQueries results, RatingResultsActions ratings, OutboxRepository outbox,
    OfficeMetrics metrics, TelemetryOptions options, TimeProvider clock)
{
    /// <summary>Samples every office and records the sample for the gauges.</summary>
    public async Task<MetricsSample> SampleAsync(DurableTaskClient client, CancellationToken cancel)
    {
        using var activity = AppraisalTelemetry.Source.StartActivity("appraisal.metrics.sample");
        var now = clock.GetUtcNow();
        var offices = (await organisation.OfficeIdsAsync(cancel).ConfigureAwait(false)).Take(options.MaxOffices).ToList();
        var mail = MailByOffice(await outbox.CountUnsentAsync(options.MaxOutboxRows, cancel).ConfigureAwait(false), offices);
        var sampled = new List<OfficeSample>();
        foreach (var office in offices)
        {
            var rows = await results.DashboardRowsAsync(client, office, now, activeOnly: true, cancel).ConfigureAwait(false);
            var running = rows.Where(r => r.RuntimeStatus is nameof(OrchestrationRuntimeStatus.Running) or nameof(OrchestrationRuntimeStatus.Pending)).ToList();
            var rates = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var row in running.Where(r => r.Stage == CycleStage.Rating))
            {
                if (await ratings.RatesAsync(office, row.Period, cancel).ConfigureAwait(false) is { Rate: { } rate })
                {
                    rates[row.Period] = (double)rate / 100;
                }
            }

            var (queued, failed) = mail.GetValueOrDefault(office);
            sampled.Add(new OfficeSample(
                office,
                running.GroupBy(r => r.Stage ?? CycleStage.Started).ToDictionary(g => g.Key, g => g.Count()),
                running.Count(r => r.Overdue),
                running.Sum(r => DepartmentsOverdue(r, now.UtcDateTime)),
                rates,
                queued,
                failed));
        }

        var sample = new MetricsSample(now, sampled);
        metrics.Record(sample);
        activity?.SetTag("appraisal.offices", sampled.Count);
        return sample;
    }

    /// <summary>The departments a cycle still awaits past their deadline: those awaited at self-evaluation or
    /// correction once its deadline has passed, and those correcting past their own.</summary>
    public static int DepartmentsOverdue(Pages.DashboardRow row, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(row);
        var awaited = row.Stage is CycleStage.SelfEvaluation or CycleStage.Correction && row.UntilUtc is { } until && nowUtc > until ? row.Awaiting.Count : 0;
        return awaited + row.Correcting.Count(c => nowUtc > c.UntilUtc);
    }

    /// <summary>The unsent mail per office, from the streams' names (a cycle's or a bulletin's stream of the office).</summary>
    private static Dictionary<string, (int Queued, int Failed)> MailByOffice(IReadOnlyList<OutboxCount> counts, IReadOnlyList<string> offices)
    {
        var byOffice = new Dictionary<string, (int Queued, int Failed)>(StringComparer.Ordinal);
        var longestFirst = offices.OrderByDescending(o => o.Length).ToList();
        foreach (var count in counts)
        {
            var office = longestFirst.FirstOrDefault(o => count.Stream.StartsWith(OutboxCycleNotifications.Stream(o, ""), StringComparison.Ordinal)
                || count.Stream.StartsWith(StorageBulletinServices.Stream(o, ""), StringComparison.Ordinal));
            if (office is not null)
            {
                var (q, f) = byOffice.GetValueOrDefault(office);
                byOffice[office] = (q + count.Queued, f + count.SetAside);
            }
        }

        return byOffice;
    }
}
