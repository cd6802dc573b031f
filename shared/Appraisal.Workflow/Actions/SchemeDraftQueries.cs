using System.Globalization;
using Appraisal.Domain.Schemes;
using Appraisal.Storage.Cycles;
using Appraisal.Storage.Schemes;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;

namespace Appraisal.Workflow.Actions;

/// <summary>A scheme version the office's cycles were scored under, with those periods (newest last).</summary>
public sealed record SchemeUse(string SchemeId, int Version, IReadOnlyList<string> Periods);

/// <summary>An office's schemes as its drafting pages show them: the scheme in force (the most recently decided version
/// of the office's own schemes and of the scheme its cycles use), every version the office owns, and the versions its
/// cycles used (last year's among them).</summary>
public sealed record SchemeOverview(string OfficeId, StoredScheme? InForce, IReadOnlyList<StoredScheme> Own, IReadOnlyList<SchemeUse> Used);

/// <summary>Reading an office's schemes for its drafting pages (方案制定), and preparing a new draft from a template
/// (A–D) or a stored version — which is then stored through <see cref="SchemeDraftActions"/>, as the API stores one.
/// Every read is checked here: the appraisal office, the Party group and supervisors of the office
/// (<see cref="AccessRule.ReviewSchemeDrafts"/>); a scheme of another office answers as if it did not exist.</summary>
public sealed partial class SchemeDraftQueries(SchemeRepository schemes, CycleRepository cycles, CycleOptions options)
{
    /// <summary>A source of a new draft: <c>template:B</c>, or <c>scheme:{id}@{version}</c>.</summary>
    public static string TemplateSource(string letter) => "template:" + letter;

    public static string SchemeSource(string schemeId, int version) => $"scheme:{schemeId}@{version.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>An id a scheme document may have (its JSON Schema's pattern), so nothing else reaches storage keys.</summary>
    public static bool IsSchemeId(string? id) => id is not null && SchemeIdPattern().IsMatch(id);

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex SchemeIdPattern();

    public async Task<SchemeOverview> OverviewAsync(Caller caller, string officeId, CancellationToken cancel)
    {
        Access.Authorize(caller, AccessRule.ReviewSchemeDrafts, officeId);
        var own = await schemes.ForOfficeAsync(officeId, cancel).ConfigureAwait(false);
        var records = (await cycles.ForOfficeAsync(officeId, cancel).ConfigureAwait(false)).Select(c => c.Value).Where(c => c.SchemeVersion > 0).ToList();
        var used = records.GroupBy(c => (c.SchemeId, c.SchemeVersion))
            .Select(g => new SchemeUse(g.Key.SchemeId, g.Key.SchemeVersion, g.Select(c => c.Period).Order(StringComparer.Ordinal).ToList()))
            .OrderByDescending(u => u.Periods[^1], StringComparer.Ordinal)
            .ToList();

        // The scheme in force: the latest decision among the office's own schemes and the one its newest cycle used
        // (before any cycle, the configured default).
        var candidates = own.Where(s => s.Status == SchemeStatus.Decided).ToList();
        var cycleScheme = used.Count > 0 ? used[0].SchemeId : options.SchemeId;
        if (await schemes.LatestDecidedAsync(cycleScheme, cancel).ConfigureAwait(false) is { } decided && (decided.OfficeId is null || decided.OfficeId == officeId))
        {
            candidates.Add(decided);
        }

        var inForce = candidates.OrderBy(s => s.DecidedAt ?? DateTimeOffset.MinValue).LastOrDefault();
        return new SchemeOverview(officeId, inForce, own, used);
    }

    /// <summary>One version of the office's own schemes, or a ready-made one (read-only), with every version of it;
    /// 404 for another office's.</summary>
    public async Task<(StoredScheme Stored, IReadOnlyList<StoredScheme> Versions)> GetAsync(Caller caller, string officeId, string schemeId, int version, CancellationToken cancel)
    {
        Access.Authorize(caller, AccessRule.ReviewSchemeDrafts, officeId);
        if (!IsSchemeId(schemeId))
        {
            throw SchemeDraftActions.NotFound(schemeId, version);
        }

        var versions = await schemes.VersionsAsync(schemeId, cancel).ConfigureAwait(false);
        var stored = versions.FirstOrDefault(v => v.Scheme.Version == version);
        return stored is not null && (stored.OfficeId is null || stored.OfficeId == officeId) ? (stored, versions) : throw SchemeDraftActions.NotFound(schemeId, version);
    }

    /// <summary>What a version is compared with: the version before it (<paramref name="inForce"/> false, when there is
    /// one), else the scheme in force; null when there is neither (or the version is the one in force).</summary>
    public async Task<StoredScheme?> BaselineAsync(Caller caller, string officeId, StoredScheme stored, IReadOnlyList<StoredScheme> versions, bool inForce, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(versions);
        var previous = versions.LastOrDefault(v => v.Scheme.Version < stored.Scheme.Version);
        if (!inForce && previous is not null)
        {
            return previous;
        }

        var current = (await OverviewAsync(caller, officeId, cancel).ConfigureAwait(false)).InForce;
        return current is null || (current.Scheme.Id == stored.Scheme.Id && current.Scheme.Version == stored.Scheme.Version) ? null : current;
    }

    /// <summary>A new draft for the office from <paramref name="source"/>, under <paramref name="schemeId"/> (the office's
    /// own id; a new one starts at version 1, an existing one of the office's gets the version after its newest),
    /// not stored: the caller stores it through <see cref="SchemeDraftActions.CreateAsync"/>.</summary>
    public async Task<Scheme> NewDraftAsync(Caller caller, string officeId, string source, string schemeId, CancellationToken cancel)
    {
        Access.Authorize(caller, AccessRule.DraftOfficeScheme, officeId);
        ArgumentNullException.ThrowIfNull(source);
        Scheme origin;
        if (source.StartsWith("template:", StringComparison.Ordinal) && SchemeTemplates.Descriptions.ContainsKey(source["template:".Length..]))
        {
            origin = SchemeTemplates.Load(source["template:".Length..]);
        }
        else if (source.StartsWith("scheme:", StringComparison.Ordinal) && source.LastIndexOf('@') is var at and > 7
            && int.TryParse(source.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            origin = (await GetAsync(caller, officeId, source[7..at], version, cancel).ConfigureAwait(false)).Stored.Scheme;
        }
        else
        {
            throw new RequestRefusedException(400, "source", $"expected a template (A–D) or a stored scheme version to start from, found '{source}'",
                $"请选择起草所依据的模板（A–D）或已有方案版本，实际为 '{source}'");
        }

        if (!IsSchemeId(schemeId))
        {
            throw new RequestRefusedException(400, "schemeId", $"expected a scheme id of letters, digits, '.', '-' or '_' (at most 64, starting with a letter or digit), found '{schemeId}'",
                $"方案标识应由字母、数字、点、连字符或下划线组成（以字母或数字开头，至多 64 个字符），实际为 '{schemeId}'");
        }

        var versions = await schemes.VersionsAsync(schemeId, cancel).ConfigureAwait(false);
        var next = versions.Count == 0 ? 1 : versions.Max(v => v.Scheme.Version) + 1;
        return origin with { Id = schemeId, Version = next };
    }
}
