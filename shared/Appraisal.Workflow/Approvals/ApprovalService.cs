using System.Text.Json;
using Appraisal.Domain.Decisions;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Scoring;
using Appraisal.Storage;
using Appraisal.Storage.Approvals;
using Appraisal.Storage.Scorecards;
using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Microsoft.DurableTask.Client;

namespace Appraisal.Workflow.Approvals;

/// <summary>The Party group's emailed approval links: issued with the decision request (one per member and round,
/// the same however often the activity runs), opened (a GET shows what is decided and changes nothing), and used (the
/// POST from that page: the nonce is spent with the decision stored, then the vote is recorded and raised by
/// <see cref="CastVoteAction"/>, whose guard the link's member passes like any caller). A replayed POST finds the nonce
/// spent: it answers 409, and only while the cycle still awaits that member in that round (a crash between storing
/// and raising) raises the stored vote again — recording nothing new (one audit entry per member and round).</summary>
public sealed class ApprovalService(ApprovalLinks links, ApprovalOptions options, NonceRepository nonces, ScorecardRepository scorecards, CycleRecords records,
    CastVoteAction votes, Storage.Audit.AuditLog audit, TimeProvider clock)
{
    public TimeSpan LinkLifetime => options.LinkLifetime;

    /// <summary>The link a member gets for a round's decision.</summary>
    public async Task<Uri> IssueAsync(CycleRequest request, string memberId, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.GetUtcNow();
        var nonce = await links.NonceAsync(request.OfficeId, request.Period, request.Round, memberId, cancel).ConfigureAwait(false);
        var cycleId = CycleStarter.InstanceId(request.OfficeId, Domain.Periods.Period.Parse(request.Period));
        ApprovalNonce issued;
        try
        {
            issued = (await nonces.IssueAsync(new ApprovalNonce(cycleId, nonce, memberId, now, now + options.LinkLifetime), cancel).ConfigureAwait(false)).Value;
        }
        catch (ConcurrencyConflictException ex) when (ex.Status == 409)
        {
            issued = (await nonces.GetAsync(cycleId, nonce, cancel).ConfigureAwait(false))!.Value;
        }

        var token = await links.SignAsync(new ApprovalClaims(request.OfficeId, request.Period, request.Round, request.SchemeId, request.ScoringId ?? "", memberId, nonce,
            issued.ExpiresAt.ToUnixTimeSeconds()), cancel).ConfigureAwait(false);
        return new Uri(options.PublicBaseUrl, $"api/approvals/{token}");
    }

    /// <summary>Checks a link as a GET sees it: nothing changes, whatever the answer.</summary>
    public async Task<ApprovalView> OpenAsync(DurableTaskClient client, string token, CancellationToken cancel)
    {
        var (outcome, claims, nonce) = await CheckAsync(token, cancel).ConfigureAwait(false);
        if (outcome != ApprovalOutcome.Confirm)
        {
            return new ApprovalView(outcome, claims, null, null, nonce?.Decision);
        }

        var org = await records.OrganisationAsync(claims!.OfficeId, cancel).ConfigureAwait(false);
        if (await AwaitsAsync(client, claims, cancel).ConfigureAwait(false) is null)
        {
            return new ApprovalView(ApprovalOutcome.NotAwaiting, claims, org, null, null);
        }

        var cards = await scorecards.ForPeriodAsync(claims.OfficeId, claims.Period, claims.SchemeId, cancel).ConfigureAwait(false);

        // The appraisal office's verification notes: the submissions it adjusted or returned, with its reasons.
        var notes = (await audit.ReadAsync(claims.OfficeId, claims.Period, cancel).ConfigureAwait(false))
            .Where(e => e.Action is "submission.adjusted" or "submission.returned")
            .Select(e => new VerificationNote(org.FindDepartment(e.Target)?.Name ?? e.Target, e.Action == "submission.returned", ObjectionHistory.Field(e.After, "reason") ?? string.Empty, e.At))
            .ToList();
        // The changes against the last period of the same kind, under the same scheme (when the office has its results).
        var previous = GradeComparison.PreviousOf(claims.Period);
        var earlier = await scorecards.ForPeriodAsync(claims.OfficeId, previous, claims.SchemeId, cancel).ConfigureAwait(false);
        return new ApprovalView(ApprovalOutcome.Confirm, claims, org, cards, null) { Notes = notes, Changes = GradeComparison.Of(previous, cards, earlier, org) };
    }

    /// <summary>The POST from the confirmation page: anti-forgery value, decision and reason checked before anything is stored.</summary>
    public async Task<ApprovalView> DecideAsync(DurableTaskClient client, string token, string? decision, string? reason, string? cookie, string? formToken, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        var (outcome, claims, nonce) = await CheckAsync(token, cancel).ConfigureAwait(false);
        if (outcome == ApprovalOutcome.Used)
        {
            // A replay, or a retry after a crash between storing and raising: raise the stored vote again (counted once).
            if (nonce!.Decision is { } stored && await AwaitsAsync(client, claims!, cancel).ConfigureAwait(false) is { } state)
            {
                await votes.RecordAsync(client, state, JsonSerializer.Deserialize<Vote>(stored)!, cancel).ConfigureAwait(false);
            }

            return new ApprovalView(ApprovalOutcome.Used, claims, null, null, nonce!.Decision);
        }

        if (outcome != ApprovalOutcome.Confirm)
        {
            return new ApprovalView(outcome, claims, null, null, null);
        }

        var approve = decision switch { "approve" => true, "reject" => (bool?)false, _ => null };
        if (!await links.FormTokenMatchesAsync(claims!.Nonce, cookie, formToken, cancel).ConfigureAwait(false) || approve is null
            || !CastVoteAction.IsReasonValid(approve.Value, reason))
        {
            return new ApprovalView(ApprovalOutcome.BadForm, claims, null, null, null);
        }

        var vote = new Vote(claims.MemberId, approve.Value, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), claims.Round);
        if (await AwaitsAsync(client, claims, cancel).ConfigureAwait(false) is not { } awaiting)
        {
            return new ApprovalView(ApprovalOutcome.NotAwaiting, claims, null, null, null);
        }

        try
        {
            await nonces.ConsumeAsync(claims.CycleId, claims.Nonce, JsonSerializer.Serialize(vote), clock.GetUtcNow(), cancel).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException)
        {
            return new ApprovalView(ApprovalOutcome.Used, claims, null, null, null);
        }

        await votes.RecordAsync(client, awaiting, vote, cancel).ConfigureAwait(false);
        var org = await records.FindOrganisationAsync(claims.OfficeId, cancel).ConfigureAwait(false); // the office by name on the answer page
        return new ApprovalView(ApprovalOutcome.Recorded, claims, org, null, JsonSerializer.Serialize(vote));
    }

    /// <summary>The anti-forgery value the page's form carries for this browser's cookie.</summary>
    public Task<string> FormTokenAsync(ApprovalClaims claims, string cookie, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(claims);
        return links.FormTokenAsync(claims.Nonce, cookie, cancel);
    }

    private async Task<(ApprovalOutcome, ApprovalClaims?, ApprovalNonce?)> CheckAsync(string token, CancellationToken cancel)
    {
        var (check, claims) = await links.CheckAsync(token, clock.GetUtcNow(), cancel).ConfigureAwait(false);
        switch (check)
        {
            case LinkCheck.Malformed:
                return (ApprovalOutcome.Unknown, null, null);
            case LinkCheck.Forged:
                return (ApprovalOutcome.Forged, null, null);
            case LinkCheck.Expired:
                return (ApprovalOutcome.Expired, claims, null);
        }

        var nonce = (await nonces.GetAsync(claims!.CycleId, claims.Nonce, cancel).ConfigureAwait(false))?.Value;
        if (nonce is null || nonce.MemberId != claims.MemberId)
        {
            return (ApprovalOutcome.Unknown, null, null);
        }

        return nonce.UsedAt is not null ? (ApprovalOutcome.Used, claims, nonce) : (ApprovalOutcome.Confirm, claims, nonce);
    }

    /// <summary>The cycle's state when it is at its decision, in the link's round, still awaiting the member — the
    /// vote's own guard, with the link's member as the caller (the signed link is their credential) — or null.</summary>
    private async Task<CycleState?> AwaitsAsync(DurableTaskClient client, ApprovalClaims claims, CancellationToken cancel)
    {
        var member = new Caller(claims.MemberId, new HashSet<Role> { Role.PartyGroup }, claims.OfficeId, null);
        try
        {
            return await votes.GuardAsync(client, member, claims.OfficeId, claims.Period, claims.Round, cancel).ConfigureAwait(false);
        }
        catch (RequestRefusedException)
        {
            return null;
        }
    }
}

/// <summary>A department's submission the appraisal office adjusted or returned, with its reason.</summary>
public sealed record VerificationNote(string Department, bool Returned, string Reason, DateTimeOffset At);

/// <summary>What the approval page shows: the outcome, the link's claims (when it could be read), the office and the
/// results being decided (on the confirmation page), and the decision stored (after a POST or on a used link).</summary>

public sealed record ApprovalView(ApprovalOutcome Outcome, ApprovalClaims? Claims, OfficeOrganisation? Organisation, IReadOnlyList<Scorecard>? Cards, string? Decision)
{
    public IReadOnlyList<VerificationNote> Notes { get; init; } = [];

    /// <summary>The changes against the last period (on the confirmation page).</summary>
    public GradeComparison? Changes { get; init; }

    public int StatusCode => Outcome switch
    {
        ApprovalOutcome.Recorded => 200,
        ApprovalOutcome.NotAwaiting => 409,
        _ => (int)Outcome,
    };
}
