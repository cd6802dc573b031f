using Appraisal.Domain.Cycles;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Province;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Appraisal.Workflow.Http;

/// <summary>Every HTTP endpoint, by function name, verb, route (under <c>/api</c>) and who may call it: the self-host maps these
/// delegates with minimal APIs (and describes them in its OpenAPI document); the Functions app has an HTTP trigger of the
/// same name, verb and route for each, which a test checks against its published functions.metadata.</summary>
public static class EndpointCatalog
{
    public const string RoutePrefix = "api";

    private const string Json = "application/json";

    public static IReadOnlyList<EndpointEntry> All { get; } =
    [
        new("ValidateScheme", "POST", "schemes/validate", AccessRule.Anyone, (HttpRequest r) => SchemeEndpoints.ValidateAsync(r))
        { Area = "schemes", Summary = "Check a scheme document: every error with its JSON path (422), warnings alongside", BodyMediaType = Json },
        new("ListSchemeTemplates", "GET", "schemes/templates", AccessRule.Anyone, (HttpRequest r) => SchemeEndpoints.ListTemplatesAsync(r))
        { Area = "schemes", Summary = "The ready-made scheme templates (A–D) with their descriptions" },
        new("GetSchemeTemplate", "GET", "schemes/templates/{letter}", AccessRule.Anyone, (HttpRequest r, string letter) => SchemeEndpoints.GetTemplateAsync(letter, r))
        { Area = "schemes", Summary = "A template's scheme document" },
        new("CreateSchemeDraft", "POST", "schemes", AccessRule.DraftScheme, (HttpRequest r) => SchemeDraftEndpoints.CreateAsync(r))
        { Record = "the scheme becomes the caller's office's; an id taken by another office or a ready-made scheme is refused", Area = "schemes", Summary = "Store a new draft version of a scheme; 201 with Location and ETag, 409 when the version exists", BodyMediaType = Json, Success = 201 },
        new("ListSchemeVersions", "GET", "schemes/{schemeId}/versions", AccessRule.ReadScheme, (HttpRequest r, string schemeId) => SchemeDraftEndpoints.ListAsync(r, schemeId))
        { Record = "the caller's office's schemes and the ready-made ones; others answer 404", Area = "schemes", Summary = "Every version of a scheme with its status and ETag" },
        new("GetSchemeVersion", "GET", "schemes/{schemeId}/versions/{version}", AccessRule.ReadScheme, (HttpRequest r, string schemeId, string version) => SchemeDraftEndpoints.GetAsync(r, schemeId, version))
        { Record = "the caller's office's schemes and the ready-made ones; others answer 404", Area = "schemes", Summary = "One version: status and document, its ETag as a header" },
        new("UpdateSchemeDraft", "PUT", "schemes/{schemeId}/versions/{version}", AccessRule.DraftScheme, (HttpRequest r, string schemeId, string version) => SchemeDraftEndpoints.UpdateAsync(r, schemeId, version))
        { Record = "the caller's office's draft only (others 404; ready-made read-only)", Area = "schemes", Summary = "Replace a draft's document; If-Match required (428 without, 412 when stale), 409 once submitted or decided", BodyMediaType = Json },
        new("SubmitSchemeDraft", "POST", "schemes/{schemeId}/versions/{version}/submission", AccessRule.DraftScheme, (HttpRequest r, string schemeId, string version) => SchemeDraftEndpoints.SubmitAsync(r, schemeId, version))
        { Record = "the caller's office's draft only (others 404; ready-made read-only)", Area = "schemes", Summary = "Submit a draft for the Party group's decision (If-Match required); no longer edited after" },
        new("ImportOrganisation", "PUT", "offices/{officeId}/organisation", AccessRule.ManageOrganisation, (HttpRequest r, string officeId) => OfficeEndpoints.ImportOrganisationAsync(r, officeId))
        { Area = "offices", Summary = "Import an office's organisation document; people left out are deactivated; 422 lists every error", BodyMediaType = Json },
        new("GetOrganisation", "GET", "offices/{officeId}/organisation", AccessRule.ReadOrganisation, (HttpRequest r, string officeId) => OfficeEndpoints.GetOrganisationAsync(r, officeId))
        { Area = "offices", Summary = "The office's organisation document as stored" },
        new("ImportCases", "POST", "offices/{officeId}/cases", AccessRule.ImportCases, (HttpRequest r, string officeId) => OfficeEndpoints.ImportCasesAsync(r, officeId))
        { Area = "offices", Summary = "Import case records (CSV, at most 16 MiB); one bad row is 422 listing every error, nothing imported", BodyMediaType = "text/csv" },
        new("ImportYearLedger", "POST", "offices/{officeId}/years/{year}/ledger", AccessRule.ImportLedger, (HttpRequest r, string officeId, string year) => OfficeEndpoints.ImportYearLedgerAsync(r, officeId, year))
        {
            Record = "the office's decided scheme (?scheme=, else the default); cited evidence uploaded for the office; taken until the year-end appraisal starts (409 after); the same file again 409",
            Area = "offices", Summary = "Import the year's ledger of year-end-only items (CSV: subject_id,item_id,occurrences,evidence,note); the year-end appraisal combines it with the quarters; 422 lists every error, nothing imported",
            BodyMediaType = "text/csv", Success = 201,
        },
        new("StartCycle", "POST", "cycles", AccessRule.StartCycle, (HttpRequest r, DurableTaskClient c) => CycleEndpoints.StartAsync(r, c))
        { Record = "the office named in the body; its own scheme or a ready-made decided one", Summary = "Start the period's orchestration (quarter: cycle, month: bulletin, year: year-end); 202 when started, 200 when it was there", Body = typeof(CycleStart), Success = 202 },
        new("GetCycleStatus", "GET", "cycles/{officeId}/{period}", AccessRule.ReadCycle, (HttpRequest r, DurableTaskClient c, string officeId, string period) => CycleEndpoints.StatusAsync(r, c, officeId, period))
        { Summary = "The cycle's stage, what it awaits (departments, approvers), the departments correcting, and its outcome once done" },
        new("SubmitSelfEvaluation", "POST", "cycles/{officeId}/{period}/departments/{departmentId}/submission",
            AccessRule.Submit, (HttpRequest r, DurableTaskClient c, string officeId, string period, string departmentId) => CycleEndpoints.SubmitAsync(r, c, officeId, period, departmentId))
        { Record = "the department's open window: self-evaluation, or its own correction of a returned submission (also while the office verifies others); one submission (a returned one replaced)", Stages = [CycleStage.SelfEvaluation, CycleStage.Correction], Summary = "A department's self-evaluation (ledger claims as CSV; ratings are refused: the raters give them); Idempotency-Key honoured", Body = typeof(SubmissionRequest), Success = 202 },
        new("SubmitSelfEvaluationOfPerson", "POST", "cycles/{officeId}/{period}/people/{personId}/self-evaluation", AccessRule.SelfEvaluate,
            (HttpRequest r, DurableTaskClient c, string officeId, string period, string personId) => SelfEvaluationEndpoints.SubmitAsync(r, c, officeId, period, personId))
        { Record = "the caller's own, before the deadline, citing only files uploaded for their department; claims of the cycle's scheme's items that apply to them", Stages = [CycleStage.SelfEvaluation], Summary = "A person's own self-evaluation (个人自评) for their department head, during self-evaluation; Idempotency-Key honoured; 201 stored, 200 revised or repeated", Body = typeof(SelfEvaluationRequest), Success = 201 },
        new("ListSelfEvaluations", "GET", "cycles/{officeId}/{period}/departments/{departmentId}/self-evaluations", AccessRule.ReadSelfEvaluations,
            (HttpRequest r, string officeId, string period, string departmentId) => SelfEvaluationEndpoints.ListAsync(r, officeId, period, departmentId))
        { Record = "a department head their own department's", Summary = "A department's self-evaluations of its people (its head, the appraisal office, supervisors)" },
        new("ReviewSelfEvaluation", "POST", "cycles/{officeId}/{period}/self-evaluations/{personId}/review", AccessRule.ReviewSelfEvaluations,
            (HttpRequest r, DurableTaskClient c, string officeId, string period, string personId) => SelfEvaluationEndpoints.ReviewAsync(r, c, officeId, period, personId))
        {
            Record = "the head of the person's own department (not their own); the current revision (409 when the person revised since); after self-evaluation only for a department correcting a returned submission (also while the office verifies others)",
            Stages = [CycleStage.SelfEvaluation, CycleStage.Correction],
            Summary = "The department head accepts a person's self-evaluation (个人自评), or returns it with a reason for the person to revise; stored under its ETag and audited", Body = typeof(SelfEvaluationReviewRequest), Success = 202,
        },
        new("GetRatingQuestionnaire", "GET", "cycles/{officeId}/{period}/ratings", AccessRule.Rate,
            (HttpRequest r, DurableTaskClient c, string officeId, string period) => RatingEndpoints.QuestionnaireAsync(r, c, officeId, period))
        {
            Record = "the caller's own questionnaire (a person of the office); their own answers only with their receipt (Ballot-Receipt header), nobody else's ever",
            Summary = "The signed-in person's questionnaire of the raters (民主测评): their sections under the quarter's scheme, which they answered, the window's close; with the Ballot-Receipt header their own answers",
        },
        new("AnswerRatingSection", "POST", "cycles/{officeId}/{period}/ratings/{sectionId}", AccessRule.Rate,
            (HttpRequest r, DurableTaskClient c, string officeId, string period, string sectionId) => RatingEndpoints.AnswerAsync(r, c, officeId, period, sectionId))
        {
            Record = "the caller's own section while the rating window is open; every question once, subjects they rate only (never themselves); a revision only with the receipt it was first answered with; nothing audited per answer",
            Summary = "Answers one section of the signed-in person's questionnaire (scores 0–100 or null for cannot judge); optional Ballot-Receipt header to revise; 200 with the receipt (base64url) and whether it revised",
            Body = typeof(Actions.RatingAnswersRequest),
        },
        new("UploadEvidence", "POST", "cycles/{officeId}/{period}/departments/{departmentId}/evidence", AccessRule.UploadEvidence,
            (HttpRequest r, string officeId, string period, string departmentId) => EvidenceEndpoints.UploadAsync(r, officeId, period, departmentId))
        { Record = "the caller's department (a head's, or a person's own); not once the period is final", Summary = "Store an evidence file (PDF, JPEG, PNG, DOCX, XLSX by content); 201 with the SHA-256 ledger rows cite", BodyMediaType = "application/octet-stream", Success = 201 },
        new("GetEvidence", "GET", "offices/{officeId}/evidence/{sha256}", AccessRule.ReadEvidence, (HttpRequest r, string officeId, string sha256) => EvidenceEndpoints.GetAsync(r, officeId, sha256))
        { Record = "uploaded for the office: its department's head, the office's readers, its uploader, a person a scored claim cites it for; 404 alike otherwise", Area = "offices", Summary = "An evidence file, to those who may see its department's submission (404 alike when missing or not yours), its hash checked" },
        new("VerifySubmission", "POST", "cycles/{officeId}/{period}/departments/{departmentId}/verification",
            AccessRule.Verify, (HttpRequest r, DurableTaskClient c, string officeId, string period, string departmentId) => CycleEndpoints.VerifyAsync(r, c, officeId, period, departmentId))
        { Record = "a department the cycle awaits at verification", Stages = [CycleStage.Verification], Summary = "The appraisal office verifies a submission it awaits at verification: accept, adjust with a reason, or return for correction", Body = typeof(VerificationRequest), Success = 202 },
        new("DecideScheme", "POST", "cycles/{officeId}/{period}/scheme-decision", AccessRule.Decide, (HttpRequest r, DurableTaskClient c, string officeId, string period) => CycleEndpoints.DecideSchemeAsync(r, c, officeId, period))
        { Record = "the caller awaited; the office's own submitted version; the decider is the caller", Stages = [CycleStage.SchemeDecision], Summary = "A Party-group member decides the office's submitted scheme version while the cycle awaits it; the decider recorded is the caller", Body = typeof(SchemeDecisionRequest), Success = 202 },
        new("CastVote", "POST", "cycles/{officeId}/{period}/votes", AccessRule.Decide, (HttpRequest r, DurableTaskClient c, string officeId, string period) => CycleEndpoints.VoteAsync(r, c, officeId, period))
        { Record = "the caller awaited, in the round being decided; one audit entry per member and round", Stages = [CycleStage.Decision], Summary = "The signed-in member's vote on the results, for the round being decided, while the cycle awaits them (a reason to reject)", Body = typeof(VoteRequest), Success = 202 },
        new("FileObjection", "POST", "cycles/{officeId}/{period}/objections", AccessRule.Object, (HttpRequest r, DurableTaskClient c, string officeId, string period) => CycleEndpoints.ObjectAsync(r, c, officeId, period))
        { Record = "one's own result, or a department head's department's; before the objection period ends", Stages = [CycleStage.Publication], Summary = "An objection while the results are published (one's own result; a department head's department); the filer is the caller", Body = typeof(ObjectionRequest), Success = 202 },
        new("ReviewObjections", "POST", "cycles/{officeId}/{period}/objection-review", AccessRule.Verify, (HttpRequest r, DurableTaskClient c, string officeId, string period) => CycleEndpoints.ReviewObjectionsAsync(r, c, officeId, period))
        { Record = "the round whose objections await review", Stages = [CycleStage.ObjectionReview], Summary = "The appraisal office's review of the objections once the objection period is over; reopened departments go back to verification", Body = typeof(ObjectionReviewRequest), Success = 202 },
        new("EnterPaperRatings", "PUT", "cycles/{officeId}/{period}/ratings/paper", AccessRule.EnterPaperRatings,
            (HttpRequest r, DurableTaskClient c, string officeId, string period) => RatingResultEndpoints.PaperAsync(r, c, officeId, period))
        {
            Record = "a quarter with a rating window, before scoring (open, closed or sealed); a subject of the scheme, a rated indicator and one of its groups; entered again, replaced (audited with both)",
            Stages = [CycleStage.SelfEvaluation, CycleStage.Verification, CycleStage.Correction, CycleStage.Rating],
            Summary = "The appraisal office enters a rater group's paper ballots (纸质测评) for one subject and indicator in aggregate: count (1–10000) and mean (0–100); stored as a paper cell and audited", Body = typeof(Actions.PaperRatingRequest),
        },
        new("GetResponseRates", "GET", "cycles/{officeId}/{period}/ratings/response-rates", AccessRule.ReadResponseRates, (HttpRequest r, string officeId, string period) => RatingResultEndpoints.ResponseRatesAsync(r, officeId, period))
        { Record = "a quarter with a rating window (404 without)", Summary = "The rating window's response rates per rated indicator, rater group and department of the subjects — who may answer, who answered, the rate, a warning below the group's minimum; counts only" },
        new("GetCycleResults", "GET", "cycles/{officeId}/{period}/results", AccessRule.ReadResults, (HttpRequest r, string officeId, string period) => ResultEndpoints.ResultsAsync(r, officeId, period))
        { Record = "a department head their department's scorecards", Summary = "The cycle's scorecards with every line; a department head sees their own department's" },
        new("ExportResults", "GET", "cycles/{officeId}/{period}/exports/{file}", AccessRule.ReadResults, (HttpRequest r, string officeId, string period, string file) => ExportEndpoints.DownloadAsync(r, officeId, period, file))
        { Record = "a department head their department's scorecards", Summary = "The cycle's results as results.xlsx (ranking, lines, departments) or ranking.csv, lines.csv, departments.csv" },
        new("GetPublicNotice", "GET", "cycles/{officeId}/{period}/notice", AccessRule.ReadNotice, (HttpRequest r, string officeId, string period) => ResultEndpoints.NoticeAsync(r, officeId, period))
        { Summary = "The public notice (公示): name, department, score, grade and rank; 404 until published" },
        new("GetDossier", "GET", "offices/{officeId}/people/{personId}/dossier", AccessRule.ReadDossier, (HttpRequest r, string officeId, string personId) => ResultEndpoints.DossierAsync(r, officeId, personId))
        { Record = "staff their own (final results), a department head their department's people", Area = "offices", Summary = "A person's results across periods, each with its scorecard (staff: their own, final results only)" },
        new("GetBulletin", "GET", "offices/{officeId}/bulletins/{month}", AccessRule.ReadBulletin, (HttpRequest r, string officeId, string month) => ResultEndpoints.BulletinAsync(r, officeId, month))
        { Area = "offices", Summary = "The month's bulletin (月度通报); 404 until composed" },
        new("ToDoPage", "GET", "pages/todo", AccessRule.Anyone, (HttpRequest r, DurableTaskClient c) => PageEndpoints.ToDoAsync(r, c))
        { Record = "the signed-in person's own office: what its running cycles await from them", Area = "pages", Summary = "我的待办 — the signed-in person's to-do list across periods, each with its deadline and the form that settles it (HTML)" },
        new("SelfEvaluationFormPage", "GET", "pages/cycles/{officeId}/{period}/self-evaluation", AccessRule.SelfEvaluate, (HttpRequest r, DurableTaskClient c, string officeId, string period) => PageEndpoints.SelfEvaluationFormAsync(r, c, officeId, period))
        { Record = "the signed-in person's own self-evaluation and uploads", Area = "pages", Summary = "The personal self-evaluation form (个人自评), filled with what was submitted before: the person's evidence uploads to cite, ledger claims (HTML)" },
        new("UploadSelfEvaluationEvidenceForm", "POST", "pages/cycles/{officeId}/{period}/self-evaluation/evidence", AccessRule.SelfEvaluate,
            (HttpRequest r, DurableTaskClient c, string officeId, string period) => PageEndpoints.SelfEvaluationEvidenceUploadAsync(r, c, officeId, period))
        {
            Record = "as UploadEvidence, for the signed-in person's own department; anti-forgery value", Area = "pages",
            Summary = "Uploads an evidence file from the self-evaluation form (multipart) through the same service as the API, the person recorded as uploader; back to the form (303) (HTML)",
            BodyMediaType = "multipart/form-data", Success = 303,
        },
        new("SubmitSelfEvaluationForm", "POST", "pages/cycles/{officeId}/{period}/self-evaluation", AccessRule.SelfEvaluate, (HttpRequest r, DurableTaskClient c, string officeId, string period) => PageEndpoints.SelfEvaluationSubmitAsync(r, c, officeId, period))
        {
            Record = "the signed-in person's own self-evaluation; files uploaded for their own department; anti-forgery value", Stages = [Domain.Cycles.CycleStage.SelfEvaluation],
            Area = "pages", Summary = "Submits the self-evaluation form through the same service as the API; errors shown next to their fields, nothing stored (HTML)", BodyMediaType = "application/x-www-form-urlencoded",
        },
        new("RatingsPage", "GET", "pages/cycles/{officeId}/{period}/ratings", AccessRule.Rate, (HttpRequest r, DurableTaskClient c, string officeId, string period) => PageEndpoints.RatingsFormAsync(r, c, officeId, period))
        { Record = "as GetRatingQuestionnaire; the receipt from this browser's cookie", Area = "pages", Summary = "The signed-in person's questionnaire of the raters (民主测评问卷): one form per section, each answered or not, filled with their own answers when this browser holds the receipt (HTML)" },
        new("AnswerRatingSectionForm", "POST", "pages/cycles/{officeId}/{period}/ratings/{sectionId}", AccessRule.Rate,
            (HttpRequest r, DurableTaskClient c, string officeId, string period, string sectionId) => PageEndpoints.RatingsSubmitAsync(r, c, officeId, period, sectionId))
        {
            Record = "as AnswerRatingSection, the receipt kept in an HttpOnly, SameSite=Strict cookie of the questionnaire's path; anti-forgery value",
            Area = "pages", Summary = "Answers one section of the questionnaire through the same service as the API; back to the questionnaire (303), or the questionnaire with each error beside its question, nothing stored (HTML)",
            BodyMediaType = "application/x-www-form-urlencoded", Success = 303,
        },
        new("DepartmentSubmissionPage", "GET", "pages/cycles/{officeId}/{period}/departments/{departmentId}/submission", AccessRule.Submit,
            (HttpRequest r, DurableTaskClient c, string officeId, string period, string departmentId) => PageEndpoints.DepartmentSubmissionFormAsync(r, c, officeId, period, departmentId))
        { Record = "the running quarter of the office", Area = "pages", Summary = "The department head's sheet (部门自查自评): the people's self-evaluations, evidence uploaded, the ledger claims form (HTML)" },
        new("SubmitDepartmentForm", "POST", "pages/cycles/{officeId}/{period}/departments/{departmentId}/submission", AccessRule.Submit,
            (HttpRequest r, DurableTaskClient c, string officeId, string period, string departmentId) => PageEndpoints.DepartmentSubmissionSubmitAsync(r, c, officeId, period, departmentId))
        {
            Record = "as SubmitSelfEvaluation; anti-forgery value", Stages = [Domain.Cycles.CycleStage.SelfEvaluation, Domain.Cycles.CycleStage.Correction],
            Area = "pages", Summary = "Submits the department's sheet through the same service as the API (or adds empty rows, or previews the scores: checked as a submission, scored, nothing stored); each error beside its row and field, nothing stored (HTML)", BodyMediaType = "application/x-www-form-urlencoded",
        },
        new("ReviewSelfEvaluationForm", "POST", "pages/cycles/{officeId}/{period}/departments/{departmentId}/self-evaluations/{personId}/review", AccessRule.ReviewSelfEvaluations,
            (HttpRequest r, DurableTaskClient c, string officeId, string period, string departmentId, string personId) => PageEndpoints.SelfEvaluationReviewSubmitAsync(r, c, officeId, period, departmentId, personId))
        {
            Record = "as ReviewSelfEvaluation; anti-forgery value", Stages = [Domain.Cycles.CycleStage.SelfEvaluation, Domain.Cycles.CycleStage.Correction],
            Area = "pages", Summary = "Accepts or returns (with a reason) a person's self-evaluation from the department's sheet through the same service as the API; back to the sheet (303), or the sheet with the error beside that person's row, nothing stored (HTML)",
            BodyMediaType = "application/x-www-form-urlencoded", Success = 303,
        },
        new("UploadEvidenceForm", "POST", "pages/cycles/{officeId}/{period}/departments/{departmentId}/evidence", AccessRule.Submit,
            (HttpRequest r, DurableTaskClient c, string officeId, string period, string departmentId) => PageEndpoints.DepartmentEvidenceUploadAsync(r, c, officeId, period, departmentId))
        { Record = "as UploadEvidence; anti-forgery value", Area = "pages", Summary = "Uploads an evidence file from the department's sheet (multipart) through the same service as the API; back to the sheet (303) (HTML)", BodyMediaType = "multipart/form-data", Success = 303 },
        new("VerificationPage", "GET", "pages/cycles/{officeId}/{period}/departments/{departmentId}/verification", AccessRule.ReadVerification,
            (HttpRequest r, DurableTaskClient c, string officeId, string period, string departmentId) => PageEndpoints.VerificationFormAsync(r, c, officeId, period, departmentId))
        { Record = "the running quarter of the office", Area = "pages", Summary = "The appraisal office's verification of a department (核查): its claims with their evidence, the people's self-evaluations, and the decision form (HTML)" },
        new("SubmitVerificationForm", "POST", "pages/cycles/{officeId}/{period}/departments/{departmentId}/verification", AccessRule.Verify,
            (HttpRequest r, DurableTaskClient c, string officeId, string period, string departmentId) => PageEndpoints.VerificationSubmitAsync(r, c, officeId, period, departmentId))
        {
            Record = "as VerifySubmission; anti-forgery value", Stages = [Domain.Cycles.CycleStage.Verification],
            Area = "pages", Summary = "Accept, adjust or return a department's submission through the same service as the API; the error beside its field, nothing stored (HTML)", BodyMediaType = "application/x-www-form-urlencoded",
        },
        new("ObjectionReviewPage", "GET", "pages/cycles/{officeId}/{period}/objections", AccessRule.ReadVerification,
            (HttpRequest r, DurableTaskClient c, string officeId, string period) => PageEndpoints.ObjectionReviewFormAsync(r, c, officeId, period))
        { Record = "the running cycle of the office", Area = "pages", Summary = "The appraisal office's review of the objections (异议复核): each pending objection with its grounds, and the departments to reopen (HTML)" },
        new("SubmitObjectionReviewForm", "POST", "pages/cycles/{officeId}/{period}/objections", AccessRule.Verify,
            (HttpRequest r, DurableTaskClient c, string officeId, string period) => PageEndpoints.ObjectionReviewSubmitAsync(r, c, officeId, period))
        {
            Record = "as ReviewObjections; anti-forgery value", Stages = [Domain.Cycles.CycleStage.ObjectionReview],
            Area = "pages", Summary = "Records the review of the objections through the same service as the API (HTML)", BodyMediaType = "application/x-www-form-urlencoded",
        },
        new("PaperRatingsPage", "GET", "pages/cycles/{officeId}/{period}/ratings/paper", AccessRule.ReadResponseRates,
            (HttpRequest r, DurableTaskClient c, string officeId, string period) => PageEndpoints.PaperRatingsAsync(r, c, officeId, period))
        { Record = "a quarter with a rating window (404 without); the form for the appraisal office only", Area = "pages", Summary = "The rating window's response rates and paper results, with the appraisal office's form to enter a group's paper ballots (HTML)" },
        new("EnterPaperRatingsForm", "POST", "pages/cycles/{officeId}/{period}/ratings/paper", AccessRule.EnterPaperRatings,
            (HttpRequest r, DurableTaskClient c, string officeId, string period) => PageEndpoints.PaperRatingsSubmitAsync(r, c, officeId, period))
        {
            Record = "as EnterPaperRatings; anti-forgery value", Stages = [CycleStage.SelfEvaluation, CycleStage.Verification, CycleStage.Correction, CycleStage.Rating],
            Area = "pages", Summary = "Enters a group's paper ballots from the page through the same service as the API; the error beside its field, nothing stored (HTML)", BodyMediaType = "application/x-www-form-urlencoded",
        },
        new("AuditTrailPage", "GET", "pages/cycles/{officeId}/{period}/audit", AccessRule.ReadAudit, (HttpRequest r, string officeId, string period) => PageEndpoints.AuditTrailAsync(r, officeId, period))
        { Area = "pages", Summary = "A period's audit trail (审计记录) with the check of its hash chain, for supervisors and the appraisal office (HTML)" },
        new("NoticePage", "GET", "pages/cycles/{officeId}/{period}/notice", AccessRule.ReadNotice, (HttpRequest r, string officeId, string period) => PageEndpoints.NoticeAsync(r, officeId, period))
        { Area = "pages", Summary = "The public notice as a page (HTML): results by department, the objection period and the way to object" },
        new("ObjectionFormPage", "GET", "pages/cycles/{officeId}/{period}/objection", AccessRule.Object, (HttpRequest r, string officeId, string period) => PageEndpoints.ObjectionFormAsync(r, officeId, period))
        { Area = "pages", Summary = "The objection form of the public notice (HTML)" },
        new("SubmitObjectionForm", "POST", "pages/cycles/{officeId}/{period}/objection", AccessRule.Object, (HttpRequest r, DurableTaskClient c, string officeId, string period) => PageEndpoints.ObjectionSubmitAsync(r, c, officeId, period))
        { Record = "as FileObjection, with the form's anti-forgery value", Stages = [CycleStage.Publication], Area = "pages", Summary = "Files the objection from the form (anti-forgery value required); a page either way", BodyMediaType = "application/x-www-form-urlencoded" },
        new("DossierPage", "GET", "pages/offices/{officeId}/people/{personId}/dossier", AccessRule.ReadDossier, (HttpRequest r, string officeId, string personId) => PageEndpoints.DossierAsync(r, officeId, personId))
        { Record = "staff their own (final results), a department head their department's people", Area = "pages", Summary = "A person's dossier as a page (HTML): results by year with every scorecard line and its evidence; ?year= and ?kind= filter" },
        new("RunningScorePage", "GET", "pages/offices/{officeId}/people/{personId}/running-score", AccessRule.ReadDossier, (HttpRequest r, string officeId, string personId) => PageEndpoints.RunningScoreAsync(r, officeId, personId))
        { Record = "as DossierPage: staff their own, a department head their department's people", Area = "pages", Summary = "A person's running score for a quarter (HTML): each month's figures as the monthly bulletins have them, or that a month's is not out yet; ?quarter= (this quarter by default)" },
        new("DashboardPage", "GET", "pages/offices/{officeId}/dashboard", AccessRule.ReadDashboard, (HttpRequest r, DurableTaskClient c, string officeId) => PageEndpoints.DashboardAsync(r, c, officeId))
        { Area = "pages", Summary = "The appraisal office's dashboard (HTML): periods by stage, who is awaited, overdue items, and the actions its reader may take (verify, review objections, audit trail, bulletins, import, start)" },
        new("ResendMailForm", "POST", "pages/offices/{officeId}/dashboard", AccessRule.ResendMail, (HttpRequest r, DurableTaskClient c, string officeId) => PageEndpoints.ResendMailSubmitAsync(r, c, officeId))
        {
            Record = "a mail of the office, set aside; audited (mail.resent) in the office's chain; anti-forgery value", Area = "pages", BodyMediaType = "application/x-www-form-urlencoded",
            Summary = "Resends one mail set aside (stream, key, optionally a corrected address) through the same service as 'appraisal mail resend'; the dashboard again with the outcome, or the error beside the mail's form (HTML)",
        },
        new("ImportPage", "GET", "pages/offices/{officeId}/imports", AccessRule.ImportCases, (HttpRequest r, string officeId) => PageEndpoints.ImportFormAsync(r, officeId))
        { Area = "pages", Summary = "The appraisal office's imports (导入): upload forms for the organisation (administrators) and the case records, with the formats and limits (HTML)" },
        new("ImportForm", "POST", "pages/offices/{officeId}/imports", AccessRule.ImportCases, (HttpRequest r, string officeId) => PageEndpoints.ImportUploadAsync(r, officeId))
        {
            Record = "?form=organisation as ImportOrganisation (administrators), ?form=cases as ImportCases; anti-forgery value", Area = "pages", BodyMediaType = "multipart/form-data",
            Summary = "Imports the uploaded organisation document (?form=organisation, 4 MiB) or case records (?form=cases, CSV, 16 MiB) through the same service as the API; every row's error with its file, line and field, nothing imported (HTML)",
        },
        new("StartCyclePage", "GET", "pages/offices/{officeId}/cycle-start", AccessRule.StartCycle, (HttpRequest r, string officeId) => PageEndpoints.StartCycleFormAsync(r, officeId))
        { Area = "pages", Summary = "The form that starts a period (发起考核): a quarter's cycle, a month's bulletin or the year-end appraisal, with the office's stage durations as defaults (HTML)" },
        new("StartCycleForm", "POST", "pages/offices/{officeId}/cycle-start", AccessRule.StartCycle, (HttpRequest r, DurableTaskClient c, string officeId) => PageEndpoints.StartCycleSubmitAsync(r, c, officeId))
        {
            Record = "as StartCycle; anti-forgery value", Area = "pages", BodyMediaType = "application/x-www-form-urlencoded",
            Summary = "Starts the period through the same service as the API; each bad field beside it, nothing started; a period already started is 409 (HTML)",
        },
        new("BulletinPage", "GET", "pages/offices/{officeId}/bulletins/{month}", AccessRule.ReadBulletin, (HttpRequest r, string officeId, string month) => PageEndpoints.BulletinAsync(r, officeId, month))
        { Area = "pages", Summary = "The month's bulletin as a print-friendly page (HTML): department ranking and change, charts, running quarter scores, warnings" },
        new("SchemesPage", "GET", "pages/offices/{officeId}/schemes", AccessRule.ReviewSchemeDrafts, (HttpRequest r, string officeId) => PageEndpoints.SchemesAsync(r, officeId))
        { Record = "the office's own schemes and the ready-made ones", Area = "pages", Summary = "Scheme drafting (方案制定): the scheme in force, the office's versions, and (for the appraisal office) the form that starts a draft from a template or a stored version (HTML)" },
        new("StartSchemeDraftForm", "POST", "pages/offices/{officeId}/schemes", AccessRule.DraftOfficeScheme, (HttpRequest r, string officeId) => PageEndpoints.StartSchemeDraftAsync(r, officeId))
        {
            Record = "as CreateSchemeDraft; anti-forgery value", Area = "pages", BodyMediaType = "application/x-www-form-urlencoded", Success = 303,
            Summary = "Starts a draft from a template (A–D) or a stored version through the same service as the API; to its editor (303), or the error beside its field (HTML)",
        },
        new("SchemeDraftPage", "GET", "pages/offices/{officeId}/schemes/{schemeId}/versions/{version}", AccessRule.ReviewSchemeDrafts,
            (HttpRequest r, string officeId, string schemeId, string version) => PageEndpoints.SchemeDraftAsync(r, officeId, schemeId, version))
        { Record = "the office's own schemes and the ready-made ones (read-only); others 404", Area = "pages", Summary = "A scheme version: the draft editor for the appraisal office (fields, JSON, submission), read-only otherwise (HTML)" },
        new("SaveSchemeDraftForm", "POST", "pages/offices/{officeId}/schemes/{schemeId}/versions/{version}", AccessRule.DraftOfficeScheme,
            (HttpRequest r, string officeId, string schemeId, string version) => PageEndpoints.SaveSchemeDraftAsync(r, officeId, schemeId, version))
        {
            Record = "as UpdateSchemeDraft, under the ETag the form was served with (stale: 409, nothing overwritten); anti-forgery value", Area = "pages", BodyMediaType = "application/x-www-form-urlencoded",
            Summary = "Saves a draft from its fields or its JSON through the same service as the API; each validator error at its field, nothing stored (HTML)",
        },
        new("SubmitSchemeDraftForm", "POST", "pages/offices/{officeId}/schemes/{schemeId}/versions/{version}/submission", AccessRule.DraftOfficeScheme,
            (HttpRequest r, string officeId, string schemeId, string version) => PageEndpoints.SubmitSchemeDraftAsync(r, officeId, schemeId, version))
        {
            Record = "as SubmitSchemeDraft, under the ETag the page was served with; anti-forgery value", Area = "pages", BodyMediaType = "application/x-www-form-urlencoded", Success = 303,
            Summary = "Submits a draft for the Party group's decision through the same service as the API; back to the version (303) (HTML)",
        },
        new("SchemeDiffPage", "GET", "pages/offices/{officeId}/schemes/{schemeId}/versions/{version}/diff", AccessRule.ReviewSchemeDrafts,
            (HttpRequest r, string officeId, string schemeId, string version) => PageEndpoints.SchemeDiffAsync(r, officeId, schemeId, version))
        { Record = "as SchemeDraftPage", Area = "pages", Summary = "A version's changes against the version before it (?against=inforce: the scheme in force): items added, removed, changed with old and new values (HTML)" },
        new("SchemePreviewPage", "GET", "pages/offices/{officeId}/schemes/{schemeId}/versions/{version}/preview", AccessRule.ReviewSchemeDrafts,
            (HttpRequest r, string officeId, string schemeId, string version) => PageEndpoints.SchemePreviewAsync(r, officeId, schemeId, version))
        { Record = "as SchemeDraftPage", Area = "pages", Summary = "What-if preview: the version and the scheme in force scored on the last completed quarter — grade counts, and whose grade would change and why (HTML)" },
        new("ListSetAsideMail", "GET", "offices/{officeId}/mail/set-aside", AccessRule.ResendMail, (HttpRequest r, string officeId) => MailEndpoints.ListAsync(r, officeId))
        { Area = "offices", Summary = "The office's mail set aside (refused for good, failed Smtp:MaxAttempts times, or cut off after it was handed over): stream, key, recipient, subject, attempts, last error, since when" },
        new("ResendMail", "POST", "offices/{officeId}/mail/set-aside/resend", AccessRule.ResendMail, (HttpRequest r, string officeId) => MailEndpoints.ResendAsync(r, officeId))
        {
            Record = "a mail of the office, set aside (404 another's, 409 not set aside); audited (mail.resent) in the office's chain", Area = "offices", Body = typeof(MailResendRequest),
            Summary = "Resend one mail set aside, once, at the sender's next pass — to a corrected address when 'to' is given (400 when it is not an address); audited with the old and new address",
        },
        new("GetBulletinFile", "GET", "offices/{officeId}/bulletins/{month}/files/{file}", AccessRule.ReadBulletin, (HttpRequest r, string officeId, string month, string file) => ResultEndpoints.BulletinFileAsync(r, officeId, month, file))
        { Area = "offices", Summary = "The bulletin's stored files: bulletin.html, bulletin.xlsx, departments.svg, distribution.svg" },
        new("BuildArchive", "POST", "offices/{officeId}/archives/{year}", AccessRule.BuildArchive, (HttpRequest r, string officeId, string year) => ArchiveEndpoints.BuildAsync(r, officeId, year))
        { Area = "offices", Summary = "Build the year's archive (final results, audit extracts, evidence manifest, manifest.json with hashes) into Blob storage", Success = 201 },
        new("GetArchive", "GET", "offices/{officeId}/archives/{year}", AccessRule.ReadArchive, (HttpRequest r, string officeId, string year) => ArchiveEndpoints.GetAsync(r, officeId, year))
        { Area = "offices", Summary = "The year's archive as a zip; check it with 'appraisal audit verify --archive'" },
        new("StartProvinceCycle", "POST", "provinces/cycles", AccessRule.StartProvince, (HttpRequest r, DurableTaskClient c) => ProvinceEndpoints.StartAsync(r, c))
        { Record = "a caller of no office (province-level)", Area = "provinces", Summary = "Start a province's quarter, its offices fanned out in batches; 202 when started, 200 when it was there", Body = typeof(ProvinceStart), Success = 202 },
        new("GetProvinceCycleStatus", "GET", "provinces/{provinceId}/{period}", AccessRule.ReadProvince, (HttpRequest r, DurableTaskClient c, string provinceId, string period) => ProvinceEndpoints.StatusAsync(r, c, provinceId, period))
        { Record = "a caller of no office (province-level)", Area = "provinces", Summary = "The batches still running, then the offices completed and failed" },
        new("ListCalendarYears", "GET", "calendar/years", AccessRule.ReadCalendar, (HttpRequest r) => CalendarEndpoints.ListAsync(r))
        { Area = "calendar", Summary = "The working-day calendar's years (shipped and added by an administrator), each with its source, notice, holidays, worked days and ETag" },
        new("GetCalendarYear", "GET", "calendar/years/{year}", AccessRule.ReadCalendar, (HttpRequest r, string year) => CalendarEndpoints.GetAsync(r, year))
        { Area = "calendar", Summary = "A year's holiday arrangement document (the State Council's notice as JSON), its ETag as a header; 404 when the calendar does not hold the year" },
        new("StoreCalendarYear", "PUT", "calendar/years/{year}", AccessRule.ManageCalendar, (HttpRequest r, string year) => CalendarEndpoints.StoreAsync(r, year))
        {
            Record = "a caller of no office (province-level); a year the calendar holds only with If-Match (its ETag; \"shipped\" for a shipped year); audited (calendar.added, calendar.replaced) in the calendar's own chain",
            Area = "calendar", BodyMediaType = Json, Success = 201,
            Summary = "Add a year's holiday arrangement (no If-Match, or If-None-Match: *; 201, 409 when the year is there) or replace it with a corrected notice (If-Match: the ETag read; 200, 412 when stale); every error at its JSON path (422), nothing stored",
        },
        new("CalendarPage", "GET", "pages/calendar", AccessRule.ReadCalendar, (HttpRequest r) => PageEndpoints.CalendarAsync(r))
        { Area = "pages", Summary = "The working-day calendar (工作日日历): each year's holidays and worked weekend days, where it comes from, and for a province-level administrator the form that adds or replaces a year (?replace=YEAR) (HTML)" },
        new("StoreCalendarYearForm", "POST", "pages/calendar", AccessRule.ManageCalendar, (HttpRequest r) => PageEndpoints.CalendarSubmitAsync(r))
        {
            Record = "as StoreCalendarYear, a replacement under the ETag the form was served with; anti-forgery value", Area = "pages", BodyMediaType = "application/x-www-form-urlencoded",
            Summary = "Adds or replaces a year from the pasted document through the same service as the API; every error beside the field with its JSON path, nothing stored (HTML)",
        },
        new("OpenApprovalLink", "GET", "approvals/{token}", AccessRule.Link, (HttpRequest r, DurableTaskClient c, string token) => ApprovalEndpoints.OpenAsync(r, c, token))
        { Area = "approvals", Summary = "The approval page a mailed link opens (HTML): the results, grade distribution, changes against the previous period and verification notes; changes nothing" },
        new("SubmitApprovalLink", "POST", "approvals/{token}", AccessRule.Link, (HttpRequest r, DurableTaskClient c, string token) => ApprovalEndpoints.DecideAsync(r, c, token))
        { Record = "the link's member, awaited in the link's round; a replay records nothing new", Stages = [CycleStage.Decision], Area = "approvals", Summary = "The approval page's form: records approve or reject (409 replayed, 410 expired, 403 tampered)", BodyMediaType = "application/x-www-form-urlencoded" },
        new("GetHealth", "GET", "health", AccessRule.Probe, (HttpRequest r, DurableTaskClient c) => Health.HealthEndpoints.GetAsync(r, c))
        { Record = "each part's state and time only (no error text, host or setting); asked at most once per Health:CacheFor", Area = "health", Summary = "Whether storage, the task hub and the SMTP server answer: 200 healthy, 503 with Retry-After when one does not" },
    ];
}
