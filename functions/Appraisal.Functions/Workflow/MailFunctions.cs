using Appraisal.Workflow.Mail;
using Microsoft.Azure.Functions.Worker;

namespace Appraisal.Functions.Workflow;

/// <summary>Sends the outbox's mail: a pass of <see cref="MailDispatcher"/> every 30 seconds, as the self-host's
/// sender does at its poll interval. Passes on several instances at once are safe: each message is claimed under its
/// ETag before it is sent.</summary>
public sealed class MailFunctions(MailDispatcher dispatcher)
{
    [Function(nameof(DispatchMail))]
    public Task<int> DispatchMail([TimerTrigger("*/30 * * * * *")] TimerInfo timer, CancellationToken cancel) => dispatcher.DispatchAsync(cancel);
}
