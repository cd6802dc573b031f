using System.Diagnostics;
using Appraisal.Storage;
using Appraisal.Workflow.Mail;
using MailKit.Net.Smtp;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Appraisal.Workflow.Health;

/// <summary>Asks each part the workflow needs whether it answers — storage (a table read and a container read), the
/// durable task hub (an instance lookup), the SMTP server (a connection with the configured TLS, a NOOP, QUIT) — all at
/// once, each within <see cref="HealthOptions.Timeout"/>; the answer is reused for <see cref="HealthOptions.CacheFor"/>
/// so that callers cannot turn the endpoint into load on the parts.</summary>
public sealed partial class HealthProbe(StorageProbe storage, SmtpOptions smtp, HealthOptions options, TimeProvider clock, ILogger<HealthProbe> log)
{
    /// <summary>The instance id looked up in the task hub; no orchestration has it.</summary>
    public const string ProbeInstanceId = "health-probe";

    private readonly SemaphoreSlim _one = new(1, 1);
    private HealthReport? _last;

    public async Task<HealthReport> CheckAsync(DurableTaskClient client, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (Fresh(_last) is { } cached)
        {
            return cached;
        }

        await _one.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            if (Fresh(_last) is { } again)
            {
                return again;
            }

            var parts = await Task.WhenAll(
                PartAsync("storage", storage.PingAsync),
                PartAsync("taskHub", c => TaskHubAsync(client, c)),
                smtp.Enabled ? PartAsync("smtp", SmtpAsync) : Task.FromResult(new PartHealth("smtp", PartState.NotConfigured, 0))).ConfigureAwait(false);
            _last = new HealthReport(clock.GetUtcNow(), parts);
            return _last;
        }
        finally
        {
            _one.Release();
        }
    }

    private HealthReport? Fresh(HealthReport? report) =>
        report is not null && clock.GetUtcNow() - report.CheckedAt < options.CacheFor ? report : null;

    // Each part on its own deadline; the endpoint's caller going away does not make a part unhealthy for the next one.
    private async Task<PartHealth> PartAsync(string name, Func<CancellationToken, Task> ask)
    {
        using var deadline = new CancellationTokenSource(options.Timeout, clock);
        var watch = Stopwatch.StartNew();
        try
        {
            await ask(deadline.Token).WaitAsync(options.Timeout, clock).ConfigureAwait(false);
            return new PartHealth(name, PartState.Healthy, watch.ElapsedMilliseconds);
        }
        catch (Exception ex)
        {
            LogUnhealthy(log, ex, name, watch.ElapsedMilliseconds);
            return new PartHealth(name, PartState.Unhealthy, watch.ElapsedMilliseconds);
        }
    }

    private static async Task TaskHubAsync(DurableTaskClient client, CancellationToken cancel) =>
        await client.GetInstanceAsync(ProbeInstanceId, getInputsAndOutputs: false, cancel).ConfigureAwait(false);

    private async Task SmtpAsync(CancellationToken cancel)
    {
        using var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.SocketMode(), cancel).ConfigureAwait(false);
        await client.NoOpAsync(cancel).ConfigureAwait(false);
        await client.DisconnectAsync(quit: true, cancel).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health: {Part} did not answer within its time ({ElapsedMs} ms)")]
    private static partial void LogUnhealthy(ILogger logger, Exception exception, string part, long elapsedMs);
}
