namespace Appraisal.Workflow.Approvals;

/// <summary>What an approval link led to, and the HTTP status its page is answered with.</summary>
public enum ApprovalOutcome
{
    /// <summary>GET of a good link: the confirmation page (200).</summary>
    Confirm = 200,

    /// <summary>POST recorded the decision (200).</summary>
    Recorded = 201,

    /// <summary>The form lacks its anti-forgery value, a decision, or the reason a rejection needs (400).</summary>
    BadForm = 400,

    /// <summary>Signed by no key we hold: tampered (403).</summary>
    Forged = 403,

    /// <summary>Not a link, or one never issued (404).</summary>
    Unknown = 404,

    /// <summary>Used already (409).</summary>
    Used = 409,

    /// <summary>The cycle no longer awaits this member's decision in this round (409).</summary>
    NotAwaiting = 4091,

    /// <summary>Past its time (410).</summary>
    Expired = 410,
}
