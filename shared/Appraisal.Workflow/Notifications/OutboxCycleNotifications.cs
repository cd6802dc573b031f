using System.Globalization;
using Appraisal.Domain.Text;
using Appraisal.Storage.Organisation;
using Appraisal.Storage.Outbox;
using Appraisal.Workflow.Cycle;

namespace Appraisal.Workflow.Notifications;

/// <summary>Reminders and escalations as outbox messages to the department head (and the appraisal office for
/// escalations), keyed by office, period and department so that a retried activity enqueues each mail once.</summary>
public sealed class OutboxCycleNotifications(OrganisationRepository organisation, OutboxRepository outbox, NotificationOptions options, TimeProvider clock) : ICycleNotifications
{
    public Task RemindAsync(DepartmentNotices notices, CancellationToken cancel) => EnqueueAsync(notices, escalate: false, cancel);

    public Task EscalateAsync(DepartmentNotices notices, CancellationToken cancel) => EnqueueAsync(notices, escalate: true, cancel);

    /// <summary>The outbox stream of one office's cycle: <c>cycle-{office}-{period}</c>, like the cycle's instance id.</summary>
    public static string Stream(string officeId, string period) => $"cycle-{officeId}-{period}";

    /// <summary>The organisation read once, and every department's mails enqueued together, for all the departments of
    /// one activity.</summary>
    private async Task EnqueueAsync(DepartmentNotices notices, bool escalate, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(notices);
        var org = await organisation.LoadAsync(notices.OfficeId, cancel).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"office {notices.OfficeId} has no imported organisation");
        await outbox.EnqueueManyAsync(Stream(notices.OfficeId, notices.Period), [.. notices.Each.SelectMany(n => Messages(org, n, escalate))], cancel).ConfigureAwait(false);
    }

    private IEnumerable<OutboxMessage> Messages(Domain.Organisation.OfficeOrganisation org, DepartmentNotice notice, bool escalate)
    {
        var department = org.FindDepartment(notice.DepartmentId)
            ?? throw new InvalidOperationException($"office {notice.OfficeId} has no department {notice.DepartmentId}");
        var head = org.People.FirstOrDefault(p => p.DepartmentId == department.Id && p.Post == Domain.Organisation.LeadershipPost.DepartmentHead);
        var recipients = new List<string>();
        if (head?.Email is { Length: > 0 } email)
        {
            recipients.Add(email);
        }

        if (escalate || recipients.Count == 0)
        {
            recipients.Add(options.AppraisalOfficeEmail);
        }

        var deadline = Calendar.StageDeadlines.Display(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(notice.DeadlineUtc, DateTimeKind.Utc), Schedules.Checkpoints.Zone(options.TimeZone)));
        var zh = options.Language == Language.Zh;
        var (subject, body) = escalate
            ? (zh ? $"【绩效考核】{department.Name}未按期提交{notice.Period}自查自评" : $"[Appraisal] {department.Name} missed the {notice.Period} self-evaluation deadline",
               zh ? $"{department.Name}：{notice.Period}自查自评截止时间为 {deadline}（北京时间），至今未收到提交。请部门负责人尽快提交，考核办公室已知悉。"
                  : $"{department.Name}: the {notice.Period} self-evaluation was due at {deadline} (Beijing time) and has not been received. The department head is asked to submit without delay; the appraisal office has been informed.")
            : (zh ? $"【绩效考核】{department.Name}{notice.Period}自查自评将于 {deadline} 截止" : $"[Appraisal] {department.Name}: the {notice.Period} self-evaluation is due at {deadline}",
               zh ? $"{head?.Name ?? department.Name}：请于 {deadline}（北京时间）前提交本部门{notice.Period}自查自评及加减分台帐和证明材料。"
                  : $"{head?.Name ?? department.Name}: please submit the department's {notice.Period} self-evaluation, with its ledger and evidence, by {deadline} (Beijing time).");
        // An escalation is keyed by its deadline too: a correction's missed deadline is escalated again, not taken
        // for the first window's escalation already enqueued.
        var kind = escalate ? string.Create(CultureInfo.InvariantCulture, $"escalate-{notice.DeadlineUtc:yyyyMMddHHmm}") : "remind";
        return recipients.Select((to, i) =>
            new OutboxMessage($"{kind}-{notice.DepartmentId}-{i.ToString(CultureInfo.InvariantCulture)}", to, subject, body, options.Language.ToString().ToLowerInvariant(), clock.GetUtcNow(), OfficeId: notice.OfficeId));
    }
}
