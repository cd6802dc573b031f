namespace Appraisal.Workflow.Identity;

/// <summary>How far a rule reaches: anywhere, the caller's own office, (for a department head) the caller's own
/// department of that office, or a whole province (callers of no office only).</summary>
public enum AccessScope
{
    Any,
    Office,
    Department,
    Province,
}

/// <summary>Who may call an endpoint: the roles, and how far their reach is checked against the route.</summary>
public sealed record AccessRule(string Name, IReadOnlyList<Role> Roles, AccessScope Scope)
{
    public static AccessRule Anyone { get; } = new(nameof(Anyone), Enum.GetValues<Role>(), AccessScope.Any);

    public static AccessRule StartCycle { get; } = new(nameof(StartCycle), [Role.AppraisalOffice], AccessScope.Office);

    public static AccessRule ReadCycle { get; } = new(nameof(ReadCycle), [Role.DepartmentHead, Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor, Role.Administrator], AccessScope.Office);

    public static AccessRule Submit { get; } = new(nameof(Submit), [Role.DepartmentHead], AccessScope.Department);

    public static AccessRule Verify { get; } = new(nameof(Verify), [Role.AppraisalOffice], AccessScope.Office);

    /// <summary>A department's submission as it is verified, and the objections under review: the appraisal office, which
    /// acts on them, and supervisors (纪检监察), who read them without acting.</summary>
    public static AccessRule ReadVerification { get; } = new(nameof(ReadVerification), [Role.AppraisalOffice, Role.Supervisor], AccessScope.Office);

    public static AccessRule Decide { get; } = new(nameof(Decide), [Role.PartyGroup], AccessScope.Office);

    public static AccessRule Object { get; } = new(nameof(Object), [Role.Staff, Role.DepartmentHead], AccessScope.Office);

    /// <summary>A province's quarter starts every office's cycle: a province-level administrator only (one of no office).</summary>
    public static AccessRule StartProvince { get; } = new(nameof(StartProvince), [Role.Administrator], AccessScope.Province);

    public static AccessRule ReadProvince { get; } = new(nameof(ReadProvince), [Role.Administrator, Role.Supervisor], AccessScope.Province);

    /// <summary>Scheme versions: everyone signed in, each their own office's schemes and the shared ones.</summary>
    public static AccessRule ReadScheme { get; } = new(nameof(ReadScheme), Enum.GetValues<Role>(), AccessScope.Any);

    /// <summary>Ready-made schemes every office reads: a province-level administrator (the operator's console).</summary>
    public static AccessRule StoreReadyMadeScheme { get; } = new(nameof(StoreReadyMadeScheme), [Role.Administrator], AccessScope.Province);

    /// <summary>The working-day calendar's years (China's holidays and worked weekend days, by the State Council's yearly
    /// notice): a province-level administrator adds next year's and replaces a year with a corrected notice, once for
    /// every office — the calendar is national, not an office's.</summary>
    public static AccessRule ManageCalendar { get; } = new(nameof(ManageCalendar), [Role.Administrator], AccessScope.Province);

    /// <summary>The calendar's years as they stand: administrators, who keep them, and the appraisal office, whose
    /// deadlines are counted in its working days (it sees before a cycle whether the year is there). Not an office's
    /// record, so of any office.</summary>
    public static AccessRule ReadCalendar { get; } = new(nameof(ReadCalendar), [Role.AppraisalOffice, Role.Administrator], AccessScope.Any);

    public static AccessRule DraftScheme { get; } = new(nameof(DraftScheme), [Role.AppraisalOffice], AccessScope.Any);

    /// <summary>The scheme drafting pages read-only — an office's drafts, their differences and the what-if preview: the
    /// appraisal office that drafts, the Party group that decides, supervisors (纪检监察). Changing a draft is
    /// <see cref="DraftScheme"/>.</summary>
    public static AccessRule ReviewSchemeDrafts { get; } = new(nameof(ReviewSchemeDrafts), [Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor], AccessScope.Office);

    /// <summary>The scheme drafting forms of an office's pages (start, save, submit a draft): its appraisal office, the
    /// same role as <see cref="DraftScheme"/>, bound to the office the page names.</summary>
    public static AccessRule DraftOfficeScheme { get; } = new(nameof(DraftOfficeScheme), [Role.AppraisalOffice], AccessScope.Office);

    /// <summary>The office's organisation (departments, positions, people): its appraisal office, which keeps who is
    /// appraised, and an administrator of the office.</summary>
    public static AccessRule ManageOrganisation { get; } = new(nameof(ManageOrganisation), [Role.AppraisalOffice, Role.Administrator], AccessScope.Office);

    public static AccessRule ReadOrganisation { get; } = new(nameof(ReadOrganisation), [Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor, Role.Administrator], AccessScope.Office);

    public static AccessRule ImportCases { get; } = new(nameof(ImportCases), [Role.AppraisalOffice, Role.Administrator], AccessScope.Office);

    /// <summary>The year's ledger of year-end-only items (年终台帐): the appraisal office of the office.</summary>
    public static AccessRule ImportLedger { get; } = new(nameof(ImportLedger), [Role.AppraisalOffice], AccessScope.Office);

    /// <summary>Evidence for a department's claims: its head, and its people for their own self-evaluation's claims —
    /// each for their own department only.</summary>
    public static AccessRule UploadEvidence { get; } = new(nameof(UploadEvidence), [Role.Staff, Role.DepartmentHead], AccessScope.Department);

    /// <summary>Evidence: the roles that may ask; which file each may see is the evidence's own rule (its department's
    /// head, the whole office's readers, a person a scored claim cites it for).</summary>
    public static AccessRule ReadEvidence { get; } = new(nameof(ReadEvidence), [Role.Staff, Role.DepartmentHead, Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor], AccessScope.Office);

    /// <summary>Scorecards with their lines; a department head sees their own department's only.</summary>
    public static AccessRule ReadResults { get; } = new(nameof(ReadResults), [Role.DepartmentHead, Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor], AccessScope.Office);

    /// <summary>The public notice (公示): everyone of the office.</summary>
    public static AccessRule ReadNotice { get; } = new(nameof(ReadNotice), Enum.GetValues<Role>(), AccessScope.Office);

    /// <summary>A dossier: staff their own, a department head their department's, the office, Party group and supervisors any.</summary>
    public static AccessRule ReadDossier { get; } = new(nameof(ReadDossier), [Role.Staff, Role.DepartmentHead, Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor], AccessScope.Office);

    public static AccessRule ReadBulletin { get; } = new(nameof(ReadBulletin), [Role.DepartmentHead, Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor], AccessScope.Office);

    /// <summary>A person's own self-evaluation (staff, and department heads for themselves).</summary>
    public static AccessRule SelfEvaluate { get; } = new(nameof(SelfEvaluate), [Role.Staff, Role.DepartmentHead], AccessScope.Office);

    /// <summary>A department's self-evaluations: its head, the appraisal office, supervisors.</summary>
    public static AccessRule ReadSelfEvaluations { get; } = new(nameof(ReadSelfEvaluations), [Role.DepartmentHead, Role.AppraisalOffice, Role.Supervisor], AccessScope.Office);

    /// <summary>The review of a person's self-evaluation (accept, or return with a reason): the head of that person's
    /// own department only — the person's department is the one checked, read from the office's organisation.</summary>
    public static AccessRule ReviewSelfEvaluations { get; } = new(nameof(ReviewSelfEvaluations), [Role.DepartmentHead], AccessScope.Department);

    /// <summary>One's own questionnaire of the raters (民主测评): every person of the office, whatever their role — whom
    /// they rate is the scheme's rater groups', read from the organisation.</summary>
    public static AccessRule Rate { get; } = new(nameof(Rate), [Role.Staff, Role.DepartmentHead, Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor], AccessScope.Office);

    /// <summary>The appraisal office's dashboard: the office, the Party group, supervisors.</summary>
    public static AccessRule ReadDashboard { get; } = new(nameof(ReadDashboard), [Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor], AccessScope.Office);

    /// <summary>The office's mail set aside (refused for good, failed too often) and its resend: the appraisal office,
    /// and an administrator of the office — recipients and errors are no one else's to read.</summary>
    public static AccessRule ResendMail { get; } = new(nameof(ResendMail), [Role.AppraisalOffice, Role.Administrator], AccessScope.Office);

    /// <summary>A period's audit trail with its chain check: supervisors (纪检监察) and the appraisal office.</summary>
    public static AccessRule ReadAudit { get; } = new(nameof(ReadAudit), [Role.AppraisalOffice, Role.Supervisor], AccessScope.Office);

    public static AccessRule BuildArchive { get; } = new(nameof(BuildArchive), [Role.AppraisalOffice], AccessScope.Office);

    public static AccessRule ReadArchive { get; } = new(nameof(ReadArchive), [Role.AppraisalOffice, Role.Supervisor], AccessScope.Office);

    /// <summary>A rating window's paper ballots (纸质测评), entered in aggregate: the appraisal office of the office.</summary>
    public static AccessRule EnterPaperRatings { get; } = new(nameof(EnterPaperRatings), [Role.AppraisalOffice], AccessScope.Office);

    /// <summary>A rating window's response rates and paper results (counts only): the appraisal office, the Party group,
    /// supervisors.</summary>
    public static AccessRule ReadResponseRates { get; } = new(nameof(ReadResponseRates), [Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor], AccessScope.Office);

    /// <summary>The link itself is the credential (signed, single-use): no sign-in.</summary>
    public static AccessRule Link { get; } = new(nameof(Link), [], AccessScope.Any);

    /// <summary>The health endpoint: no sign-in (a monitor or a load balancer asks it); it answers each part's state
    /// only, never an error text or a setting.</summary>
    public static AccessRule Probe { get; } = new(nameof(Probe), [], AccessScope.Any);

    public bool Allows(Role role) => Roles.Contains(role);

    /// <summary>Whether any of the caller's roles is one of this rule's (what a page offers; the action itself is
    /// checked in full, scope included, by its service).</summary>
    public bool Allows(Caller caller) => caller is not null && caller.Roles.Any(Allows);
}
