using System.Globalization;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Scoring;
using Appraisal.Storage.Ballots;
using Appraisal.Storage.Schemes;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Http;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Ratings;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.DurableTask.Client;

namespace Appraisal.Workflow.Actions;

/// <summary>Where a period's rating window is: not opened (or none planned), open until its close, past its close, or sealed.</summary>
public enum RatingWindowState
{
    NotOpen,
    Open,
    Closed,
    Sealed,
}

/// <summary>One answer of a questionnaire section as the API takes it: the subject, the rated indicator and the score
/// (0–100, at most two decimals), or null for "cannot judge".</summary>
public sealed record RatingAnswerRequest(string? SubjectId, string? IndicatorId, decimal? Score);

/// <summary>The body of <c>POST cycles/{officeId}/{period}/ratings/{sectionId}</c>: every question of the section answered.</summary>
public sealed record RatingAnswersRequest(IReadOnlyList<RatingAnswerRequest?>? Answers);

/// <summary>A stored section: the receipt (base64url) the rater keeps to revise it, and whether this was a revision.</summary>
public sealed record RatingOutcome(string Receipt, bool Revised);

/// <summary>One section of the signed-in person's questionnaire as they see it: the department's name, the questions,
/// whether they have answered it, and — read back only with their receipt — their own answers.</summary>
public sealed record RatingSectionView(QuestionnaireSection Section, string DepartmentName, bool Answered, IReadOnlyList<BallotScore>? Own);

/// <summary>The signed-in person's questionnaire (民主测评问卷) for a period: their sections, the window's close and state.</summary>
public sealed record RatingQuestionnaire(Person Rater, OfficeOrganisation Organisation, DateTime? ClosesUtc, RatingWindowState State, IReadOnlyList<RatingSectionView> Sections)
{
    /// <summary>A subject's position title (none for a department, or a person without one).</summary>
    public string? PositionOf(string subjectId) =>
        Organisation.FindPerson(subjectId)?.PositionId is { } id ? Organisation.FindPosition(id)?.Title : null;
}

/// <summary>The raters' questionnaire (民主测评): each person of the office answers their own sections under the running
/// quarter's decided scheme while its rating window is open. What they answer goes into the <see cref="BallotBox"/>,
/// which keeps who answered apart from what was answered; nothing here is audited per answer (an entry would join rater
/// and time), and nobody reads anyone's answers but their own — and those only with the receipt.</summary>
public sealed class RatingActions(CycleSnapshots snapshots, SchemeRepository schemes, BallotBox box, TimeProvider clock)
{
    /// <summary>The signed-in person's questionnaire: their sections, which of them they answered, the window's close and
    /// state; with their <paramref name="receipt"/> (base64url) their own answers to fill the form with.</summary>
    public async Task<RatingQuestionnaire> QuestionnaireAsync(DurableTaskClient client, Caller caller, string officeId, string period, string? receipt, CancellationToken cancel)
    {
        var (rater, org, state, closes, sections) = await LoadAsync(client, caller, officeId, period, cancel).ConfigureAwait(false);
        var answered = await box.AnsweredAsync(officeId, state.Period, rater.Id, sections.Select(s => s.Id).ToList(), cancel).ConfigureAwait(false);
        var key = receipt is null ? null : Receipt(receipt);
        var views = new List<RatingSectionView>(sections.Count);
        foreach (var section in sections)
        {
            IReadOnlyList<BallotScore>? own = null;
            if (key is not null && answered.Contains(section.Id))
            {
                own = await box.OwnAsync(officeId, state.Period, rater.Id, section.Id, key,
                    section.Questions.Select(q => (q.Subject.Id, q.Indicator.Id, q.Group.Group)).ToList(), cancel).ConfigureAwait(false);
            }

            views.Add(new RatingSectionView(section, org.FindDepartment(section.DepartmentId)?.Name ?? section.DepartmentId, answered.Contains(section.Id), own));
        }

        return new RatingQuestionnaire(rater, org, closes, await WindowStateAsync(officeId, state.Period, closes, cancel).ConfigureAwait(false), views);
    }

    /// <summary>Stores one section of the signed-in person's questionnaire: every question answered once, while the
    /// window is open; the first time under a new receipt (or the one given, kept for the whole questionnaire), later
    /// only under the receipt it was answered with. Nothing is stored when anything is refused.</summary>
    public async Task<RatingOutcome> AnswerAsync(DurableTaskClient client, Caller caller, string officeId, string period, string sectionId, IReadOnlyList<RatingAnswerRequest?>? answers, string? receipt,
        CancellationToken cancel)
    {
        var (rater, org, state, closes, sections) = await LoadAsync(client, caller, officeId, period, cancel).ConfigureAwait(false);
        var key = receipt is null ? null : Receipt(receipt);

        // Open and close by the window's time; a seal (which comes after the close) is refused by the box itself.
        if (closes is null)
        {
            throw new RequestRefusedException(409, "period", $"expected the rating window of {officeId} {state.Period} open, found it not opened", $"{officeId} {state.Period} 的民主测评尚未开始");
        }

        if (clock.GetUtcNow().UtcDateTime >= closes)
        {
            throw new RequestRefusedException(409, "period", $"expected an answer before the rating window's close {closes:u}, found it later", $"民主测评已于 {Beijing(closes)} 截止");
        }

        var section = sections.FirstOrDefault(s => s.Id == sectionId)
            ?? throw new RequestRefusedException(404, "sectionId", $"expected a section of the caller's questionnaire ({string.Join(", ", sections.Select(s => s.Id))}), found '{sectionId}'",
                $"您的测评问卷没有 '{sectionId}' 部分");
        var scores = Check(org, rater, section, answers);
        var given = key ?? BallotBox.NewReceipt();
        try
        {
            var revised = await box.CastAsync(officeId, state.Period, rater.Id, section.Id, given, scores, MayBeSealed(closes.Value), cancel).ConfigureAwait(false);
            return new RatingOutcome(WebEncoders.Base64UrlEncode(given), revised);
        }
        catch (BallotRefusedException ex) when (ex.Reason == BallotRefusal.Sealed)
        {
            throw Sealed(officeId, state.Period);
        }
        catch (BallotRefusedException ex) when (ex.Reason == BallotRefusal.ReceiptMismatch && key is null)
        {
            throw new RequestRefusedException(409, "Ballot-Receipt",
                $"expected the receipt section {section.Id} was first answered with (the Ballot-Receipt header) to revise it, found none: answers are kept apart from who gave them, so only the receipt finds them again",
                $"您已提交过“{org.FindDepartment(section.DepartmentId)?.Name ?? section.DepartmentId}”部分；测评匿名，修改须凭首次提交时保存在浏览器中的回执（换了浏览器或清除了 Cookie 则无法修改）");
        }
        catch (BallotRefusedException ex) when (ex.Reason == BallotRefusal.ReceiptMismatch)
        {
            throw new RequestRefusedException(409, "Ballot-Receipt", $"expected the receipt section {section.Id} was first answered with, found another",
                $"回执与首次提交“{org.FindDepartment(section.DepartmentId)?.Name ?? section.DepartmentId}”部分时的不符，无法修改");
        }
    }

    /// <summary>The answers checked against the section: each question (subject, indicator) exactly once, each score 0–100
    /// with at most two decimals or null; a subject outside the section — one the rater may not rate, themselves
    /// included — is 403.</summary>
    private static List<BallotScore> Check(OfficeOrganisation org, Person rater, QuestionnaireSection section, IReadOnlyList<RatingAnswerRequest?>? answers)
    {
        if (answers is null || answers.Count == 0)
        {
            throw new RequestRefusedException(400, "answers", $"expected the section's {section.Questions.Count} answers, found none", $"应回答本部分的 {section.Questions.Count} 个问题，实际没有");
        }

        var questions = section.Questions.ToDictionary(q => (q.Subject.Id, q.Indicator.Id));
        var subjects = section.Questions.Select(q => q.Subject.Id).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<(string, string)>();
        var scores = new List<BallotScore>(answers.Count);
        for (var i = 0; i < answers.Count; i++)
        {
            var answer = answers[i] ?? throw new RequestRefusedException(400, $"answers[{i}]", "expected an answer, found null", "应为一个回答，实际为 null");
            var subject = Handler.Require(answer.SubjectId, $"answers[{i}].subjectId");
            var indicator = Handler.Require(answer.IndicatorId, $"answers[{i}].indicatorId");
            if (!subjects.Contains(subject))
            {
                throw new RequestRefusedException(403, $"answers[{i}].subjectId",
                    subject == rater.Id ? "expected a subject the caller rates, found the caller themselves" : $"expected a subject of section {section.Id} the caller rates, found '{subject}'",
                    subject == rater.Id ? "不能为本人评分" : $"您在本部分不评价 '{org.FindPerson(subject)?.Name ?? org.FindDepartment(subject)?.Name ?? subject}'");
            }

            if (!questions.TryGetValue((subject, indicator), out var question))
            {
                throw new RequestRefusedException(422, $"answers[{i}].indicatorId", $"expected an indicator asked of {subject} ({string.Join(", ", section.Questions.Where(q => q.Subject.Id == subject).Select(q => q.Indicator.Id))}), found '{indicator}'",
                    $"本部分不就指标 '{indicator}' 评价 {org.FindPerson(subject)?.Name ?? subject}");
            }

            if (!seen.Add((subject, indicator)))
            {
                throw new RequestRefusedException(422, $"answers[{i}]", $"expected each subject and indicator once, found {subject} {indicator} again", $"{question.Subject.Name}·{question.Indicator.Name.Zh} 重复回答");
            }

            if (answer.Score is { } score && (score < 0 || score > 100 || decimal.Round(score, 2) != score))
            {
                throw new RequestRefusedException(422, $"answers[{i}].score", $"expected a score from 0 to 100 with at most two decimals, or null (cannot judge), found {score.ToString(CultureInfo.InvariantCulture)}",
                    $"分数应为 0 至 100（最多两位小数），或勾选“无法评价”，实际为 {score.ToString(CultureInfo.InvariantCulture)}");
            }

            scores.Add(new BallotScore(subject, indicator, question.Group.Group, answer.Score));
        }

        var missing = section.Questions.Where(q => !seen.Contains((q.Subject.Id, q.Indicator.Id))).ToList();
        if (missing.Count > 0)
        {
            throw new RequestRefusedException(422, "answers", $"expected every question of section {section.Id} answered (a score or null), found {missing.Count} missing: {string.Join(", ", missing.Select(q => $"{q.Subject.Id}/{q.Indicator.Id}"))}",
                $"本部分还有 {missing.Count} 个问题未回答：{string.Join("、", missing.Select(q => $"{q.Subject.Name}·{q.Indicator.Name.Zh}"))}");
        }

        return scores;
    }

    /// <summary>The signed-in person, the running quarter and its window's close, and their sections under its decided scheme.</summary>
    private async Task<(Person Rater, OfficeOrganisation Organisation, CycleState State, DateTime? Closes, IReadOnlyList<QuestionnaireSection> Sections)> LoadAsync(
        DurableTaskClient client, Caller caller, string officeId, string period, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.Rate, officeId);
        var org = await snapshots.OrganisationAsync(officeId).ConfigureAwait(false) ?? throw ImportActions.UnknownOffice(officeId);
        var rater = org.FindPerson(caller.UserId)
            ?? throw new RequestRefusedException(404, Access.Field, $"expected a person of {officeId}, found none with id '{caller.UserId}'", $"{officeId} 院没有人员 '{caller.UserId}'");
        var p = Handler.Period(period, "period", PeriodKind.Quarter);

        // The cycle's state shared for up to CycleSnapshots.CycleFreshness: no stage is checked here, and what decides
        // whether an answer is taken is read afresh — the window's close against the clock, the seal on every request from a
        // minute before the close (MayBeSealed).
        var state = await CycleStates.RecentAsync(snapshots, client, officeId, p.ToString()).ConfigureAwait(false);
        var scheme = await SubmitDepartmentAction.DecidedSchemeAsync(schemes, state.Quarter!, cancel).ConfigureAwait(false);
        var sections = Questionnaire.For(org, scheme, SubjectSet.For(scheme, org), rater, state.Quarter!.PartyGroup);
        var closes = await box.WindowAsync(officeId, state.Period, cancel).ConfigureAwait(false);
        return (rater, org, state, closes, sections);
    }

    private async Task<RatingWindowState> WindowStateAsync(string officeId, string period, DateTime? closes, CancellationToken cancel) =>
        closes is not { } until ? RatingWindowState.NotOpen
        : MayBeSealed(until) && await box.SealOfAsync(officeId, period, cancel).ConfigureAwait(false) is not null ? RatingWindowState.Sealed
        : clock.GetUtcNow().UtcDateTime >= until ? RatingWindowState.Closed
        : RatingWindowState.Open;

    /// <summary>Whether the ballots may be sealed by now, so that the box is asked: from <see cref="SealGuard"/> before
    /// the window's close on. The seal is made only after the close (and its settle, <see cref="Ratings.RatingPlan"/>),
    /// so earlier a rater's request reads no seal — half of the storage requests of answering — unless this host's clock
    /// is more than the guard behind the one that seals.</summary>
    private bool MayBeSealed(DateTime closes) => clock.GetUtcNow().UtcDateTime >= closes - SealGuard;

    /// <summary>How long before the window's close a rater's request starts asking whether the ballots are sealed: the
    /// clocks of the hosts answering raters and of the one sealing may differ by less than this.</summary>
    public static readonly TimeSpan SealGuard = TimeSpan.FromMinutes(1);

    private static RequestRefusedException Sealed(string officeId, string period) =>
        new(409, "period", $"expected the rating window of {officeId} {period} open, found its ballots sealed", $"{officeId} {period} 的民主测评已截止并封存");

    /// <summary>A receipt as given (base64url of its 32 bytes); 400 naming the header otherwise.</summary>
    public static byte[] Receipt(string receipt)
    {
        byte[]? bytes = null;
        try
        {
            bytes = WebEncoders.Base64UrlDecode(receipt);
        }
        catch (FormatException)
        {
        }

        return bytes is { Length: BallotBox.ReceiptBytes }
            ? bytes
            : throw new RequestRefusedException(400, "Ballot-Receipt", $"expected a receipt (base64url of {BallotBox.ReceiptBytes} bytes), found '{(receipt.Length > 60 ? receipt[..60] + "…" : receipt)}'",
                "回执格式不正确");
    }

    private static string Beijing(DateTime? utc) => utc is { } u ? Pages.Html.Beijing(new DateTimeOffset(DateTime.SpecifyKind(u, DateTimeKind.Utc))) : string.Empty;
}
