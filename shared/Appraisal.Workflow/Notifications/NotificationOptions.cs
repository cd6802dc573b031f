using System.ComponentModel.DataAnnotations;

namespace Appraisal.Workflow.Notifications;

/// <summary>Who receives what the organisation does not say: the appraisal office's mailbox; and the language of mails.</summary>
public sealed class NotificationOptions
{
    /// <summary>The appraisal office (考核办公室) mailbox, copied on escalations.</summary>
    [Required]
    [EmailAddress]
    public string AppraisalOfficeEmail { get; set; } = "kaohe@localhost";

    /// <summary>The time zone deadlines are shown in.</summary>
    public string TimeZone { get; set; } = Schedules.Checkpoints.DefaultTimeZone;

    /// <summary>zh (default) or en.</summary>
    public Domain.Text.Language Language { get; set; } = Domain.Text.Language.Zh;
}
