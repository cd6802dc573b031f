using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Appraisal.Workflow.Mail;

/// <summary>The self-host's sender: a pass of <see cref="MailDispatcher"/> every poll interval (the Functions app
/// runs the same pass from its DispatchMail timer). A failed pass is logged and tried again at the next interval.</summary>
public sealed class MailSenderService(MailDispatcher dispatcher, SmtpOptions options, ILogger<MailSenderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            logger.LogInformation("Smtp:Host not set: mail stays in the outbox");
            return;
        }

        using var timer = new PeriodicTimer(options.PollInterval);
        do
        {
            try
            {
                var sent = await dispatcher.DispatchAsync(stoppingToken).ConfigureAwait(false);
                if (sent > 0)
                {
                    logger.LogInformation("sent {Count} mail(s) through {Host}:{Port}", sent, options.Host, options.Port);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "mail pass failed; trying again in {Interval}", options.PollInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
