using Appraisal.Storage.SignIn;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Appraisal.SelfHost.Identity;

/// <summary>Clears what signing in leaves behind, every hour: sessions that ended while their browser stayed away (a
/// session is deleted when its browser comes back after its end, or signs out — not when it never returns), and failure
/// counts whose window and lock are both over. A failed pass is logged and tried again at the next.</summary>
public sealed class SignInSweeper(SessionRepository sessions, SignInFailureRepository failures, SignInOptions options, TimeProvider clock, ILogger<SignInSweeper> logger) : BackgroundService
{
    private const int Batch = 1000;

    public static TimeSpan Interval { get; } = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first pass an hour after start: a start (and a test host's every start) adds no storage work.
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var (ended, stale) = await SweepAsync(stoppingToken).ConfigureAwait(false);
                if (ended + stale > 0)
                {
                    logger.LogInformation("cleared {Sessions} ended session(s) and {Counts} stale sign-in failure count(s)", ended, stale);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "clearing ended sessions failed; trying again in {Interval}", Interval);
            }
        }
    }

    /// <summary>One pass, in batches until a batch comes back short. Returns how many sessions and counts it deleted.</summary>
    public async Task<(int Sessions, int Counts)> SweepAsync(CancellationToken cancel)
    {
        var now = clock.GetUtcNow();
        var (ended, stale) = (0, 0);
        for (var n = Batch; n == Batch; ended += n)
        {
            n = await sessions.DeleteEndedAsync(now, options.IdleTimeout, Batch, cancel).ConfigureAwait(false);
        }

        var before = now - options.Lockout.Window - options.Lockout.Duration;
        for (var n = Batch; n == Batch; stale += n)
        {
            n = await failures.DeleteStaleAsync(before, Batch, cancel).ConfigureAwait(false);
        }

        return (ended, stale);
    }
}
