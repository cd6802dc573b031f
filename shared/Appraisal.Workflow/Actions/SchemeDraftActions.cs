using System.Globalization;
using Appraisal.Domain.Inputs;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Validation;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Schemes;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Azure;

namespace Appraisal.Workflow.Actions;

/// <summary>Drafting an office's scheme (方案制定): a scheme belongs to the office whose appraisal office first stored
/// it; only that office drafts, edits and submits its versions, and reads them (with province-level callers). Ready-made
/// schemes stored by the operator belong to no office: every office reads them, none changes them. Another office's
/// scheme answers as if it did not exist. A draft is saved and submitted only when it says what a draft must
/// (<see cref="SchemeValidator.ValidateDraft"/>: every rater group's raters); a draft started from a scheme decided
/// before rater kinds existed may lack them until it is edited.</summary>
public sealed class SchemeDraftActions(SchemeRepository schemes, AuditLog audit, TimeProvider clock)
{
    public async Task<StoredScheme> CreateAsync(Caller caller, Scheme scheme, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        var office = OwnOffice(caller);
        var versions = await schemes.VersionsAsync(scheme.Id, cancel).ConfigureAwait(false);
        if (versions.Count > 0 && versions[0].OfficeId != office)
        {
            throw new RequestRefusedException(409, "id", $"expected a scheme id of office {office} or a new one, found '{scheme.Id}' taken by {(versions[0].OfficeId is null ? "a ready-made scheme" : "another office")}",
                $"方案标识 '{scheme.Id}' 已被{(versions[0].OfficeId is null ? "预置方案" : "其他院")}使用，请换用本院的方案标识");
        }

        var stored = await schemes.AddDraftAsync(scheme, office, cancel).ConfigureAwait(false);
        await AuditAsync(caller, "scheme.drafted", stored, cancel).ConfigureAwait(false);
        return stored;
    }

    public async Task<StoredScheme> UpdateAsync(Caller caller, Scheme scheme, ETag etag, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        await OwnVersionAsync(caller, scheme.Id, scheme.Version, cancel).ConfigureAwait(false);
        RequireTag(etag);
        RequireDraftRules(scheme);
        var stored = await schemes.UpdateDraftAsync(scheme, etag, cancel).ConfigureAwait(false);
        await AuditAsync(caller, "scheme.edited", stored, cancel).ConfigureAwait(false);
        return stored;
    }

    public async Task<StoredScheme> SubmitAsync(Caller caller, string schemeId, int version, ETag etag, CancellationToken cancel)
    {
        var draft = await OwnVersionAsync(caller, schemeId, version, cancel).ConfigureAwait(false);
        RequireTag(etag);
        // Judged on the draft the caller has seen: a stale tag is left to storage (a conflict).
        if (etag == draft.ETag && draft.Status == SchemeStatus.Draft)
        {
            RequireDraftRules(draft.Scheme);
        }

        var stored = await schemes.SubmitAsync(schemeId, version, etag, cancel).ConfigureAwait(false);
        await AuditAsync(caller, "scheme.submitted", stored, cancel).ConfigureAwait(false);
        return stored;
    }

    /// <summary>A ready-made scheme (预置方案) for every office to read and start cycles with, stored by a province-level
    /// administrator — the operator's <c>appraisal scheme store</c>: a new version as a draft, a draft replaced, and with
    /// <paramref name="decidedBy"/> the decision already taken on paper recorded at once (a decided version never
    /// changes). An id an office already uses is refused; each change is audited under the caller.</summary>
    public async Task<StoredScheme> StoreReadyMadeAsync(Caller caller, Scheme scheme, string? decidedBy, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(scheme);
        Access.Authorize(caller, AccessRule.StoreReadyMadeScheme);
        var versions = await schemes.VersionsAsync(scheme.Id, cancel).ConfigureAwait(false);
        if (versions.Count > 0 && versions[0].OfficeId is { } owner)
        {
            throw new RequestRefusedException(409, "id", $"expected a ready-made scheme id or a new one, found '{scheme.Id}' a scheme of office {owner}",
                $"方案标识 '{scheme.Id}' 已被 {owner} 院使用，不能作为预置方案");
        }

        var stored = versions.FirstOrDefault(v => v.Scheme.Version == scheme.Version);
        if (stored is null)
        {
            stored = await schemes.AddDraftAsync(scheme, null, cancel).ConfigureAwait(false);
            await AuditAsync(caller, "scheme.drafted", stored, cancel).ConfigureAwait(false);
        }
        else if (stored.Status == SchemeStatus.Draft)
        {
            stored = await schemes.UpdateDraftAsync(scheme, stored.ETag, cancel).ConfigureAwait(false);
            await AuditAsync(caller, "scheme.edited", stored, cancel).ConfigureAwait(false);
        }

        if (decidedBy is not null && stored.Status != SchemeStatus.Decided)
        {
            stored = await schemes.DecideAsync(scheme.Id, scheme.Version, decidedBy, clock.GetUtcNow(), stored.ETag, cancel).ConfigureAwait(false);
            await AuditAsync(caller, "scheme.decided", stored, cancel).ConfigureAwait(false);
        }

        return stored;
    }

    /// <summary>Every version the caller may read, oldest first; 404 when there is none (or none of theirs).</summary>
    public async Task<IReadOnlyList<StoredScheme>> ListAsync(Caller caller, string schemeId, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var versions = await schemes.VersionsAsync(schemeId, cancel).ConfigureAwait(false);
        return versions.Count > 0 && Reads(caller, versions[0]) ? versions : throw NotFound(schemeId, null);
    }

    public async Task<StoredScheme> GetAsync(Caller caller, string schemeId, int version, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var stored = await schemes.GetAsync(schemeId, version, cancel).ConfigureAwait(false);
        return stored is not null && Reads(caller, stored) ? stored : throw NotFound(schemeId, version);
    }

    /// <summary>Shared schemes, one's own office's, and (for province-level callers, of no office) every one.</summary>
    private static bool Reads(Caller caller, StoredScheme stored) => stored.OfficeId is null || caller.OfficeId is null || stored.OfficeId == caller.OfficeId;

    /// <summary>Refuses (422) a draft that does not say what a draft must, at the first issue's JSON path, every issue
    /// listed.</summary>
    public static void RequireDraftRules(Scheme scheme)
    {
        var issues = SchemeValidator.ValidateDraft(scheme);
        if (issues.Count > 0)
        {
            throw new RequestRefusedException(422, issues[0].Path, issues[0].Message, issues[0].MessageZh,
                issues.Select(i => new InputError("scheme", 0, i.Path, i.Message, i.MessageZh)).ToList());
        }
    }

    private async Task<StoredScheme> OwnVersionAsync(Caller caller, string schemeId, int version, CancellationToken cancel)
    {
        var office = OwnOffice(caller);
        var stored = await schemes.GetAsync(schemeId, version, cancel).ConfigureAwait(false);
        if (stored is null || (stored.OfficeId is not null && stored.OfficeId != office))
        {
            throw NotFound(schemeId, version);
        }

        if (stored.OfficeId is null)
        {
            throw new RequestRefusedException(409, "schemeId", $"expected a scheme of office {office}, found '{schemeId}' a ready-made scheme (read-only: store a copy under the office's own id)",
                $"'{schemeId}' 是预置方案，不能修改；请以本院方案标识另存一份");
        }

        return stored;
    }

    private static string OwnOffice(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.DraftScheme);
        return caller.OfficeId ?? throw new RequestRefusedException(403, Access.Field, "expected the appraisal office of an office, found a caller of no office",
            "方案由本院考核办制定，登录凭据未说明所属院");
    }

    /// <summary>A draft is changed only under the one ETag its editor read: the wildcard (or nothing) would match any
    /// version and so skip the concurrency check — 428 naming If-Match.</summary>
    private static void RequireTag(ETag etag)
    {
        if (etag == ETag.All || etag == default || string.IsNullOrWhiteSpace(etag.ToString()))
        {
            throw RequestRefusedException.AnyVersion(etag.ToString());
        }
    }

    public static RequestRefusedException NotFound(string schemeId, int? version) => version is null
        ? new RequestRefusedException(404, "schemeId", $"expected a stored scheme, found none with id '{schemeId}'", $"未找到方案 '{schemeId}'")
        : new RequestRefusedException(404, "version", $"expected a stored version of {schemeId}, found none numbered '{version}'", $"未找到方案 {schemeId} 的第 {version} 版");

    /// <summary>Scheme changes go to the office-wide audit partition of the scheme's own id.</summary>
    private Task AuditAsync(Caller caller, string action, StoredScheme stored, CancellationToken cancel) =>
        audit.AppendAsync("schemes", stored.Scheme.Id, caller.UserId, action,
            $"{stored.Scheme.Id}@{stored.Scheme.Version.ToString(CultureInfo.InvariantCulture)}", null, stored.Status.ToString(), clock.GetUtcNow(), cancel);
}
