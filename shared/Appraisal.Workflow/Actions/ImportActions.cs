using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Appraisal.Domain.Cases;
using Appraisal.Domain.Inputs;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Scoring;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Cases;
using Appraisal.Storage.Cycles;
using Appraisal.Storage.Evidence;
using Appraisal.Storage.Ledger;
using Appraisal.Storage.Organisation;
using Appraisal.Storage.Schemes;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;

namespace Appraisal.Workflow.Actions;

/// <summary>What an import stored: the organisation's changes, the case records, the year's ledger entries.</summary>
public sealed record ImportOutcome(string OfficeId, OrganisationImport? Organisation, int? Cases);

public sealed record OrganisationImport(int Added, int Updated, int Deactivated, int Unchanged);

public sealed record LedgerImport(string OfficeId, string Year, string SchemeId, int SchemeVersion, string Batch, int Entries);

/// <summary>An office's data brought in from outside — its organisation (administrators), the case records exported
/// from the case-management system (the appraisal office or administrators) and the year's ledger of year-end-only
/// items (the appraisal office) — for the HTTP endpoints and the CLI alike. Every file is read and every row checked
/// before anything is stored (one bad row: 422 listing every error, nothing imported); each import is audited once
/// under the signed-in caller.</summary>
public sealed class ImportActions(
    OrganisationRepository organisation, CaseRepository cases, LedgerRepository ledger, SchemeRepository schemes, CycleRepository cycles,
    EvidenceStore evidence, CycleSnapshots snapshots, AuditLog audit, CycleOptions options, TimeProvider clock)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Imports an organisation document and/or case records of one office. With both, both are checked
    /// first (the cases against the new organisation), then both stored — an import with a bad case row stores
    /// neither. <paramref name="officeId"/> null: the office the document names (the CLI's import of a file).</summary>
    public async Task<ImportOutcome> RunAsync(Caller caller, string? officeId, ReadOnlyMemory<byte>? organisationJson, ReadOnlyMemory<byte>? casesCsv, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (organisationJson is null && casesCsv is null)
        {
            throw new RequestRefusedException(400, "body", "expected an organisation document or case records, found neither", "应提供组织机构文件或案件记录，实际均未提供");
        }

        if (officeId is not null)
        {
            Authorize(caller, officeId, organisationJson is not null, casesCsv is not null);
        }

        OfficeOrganisation? org = null;
        if (organisationJson is { } json)
        {
            var errors = new InputErrors();
            org = OrganisationDocument.Read(Text(json, "organisation.json"), "organisation.json", errors);
            if (errors.Any || org is null)
            {
                throw Invalid(errors, "organisation");
            }

            if (officeId is not null && org.Office.Id != officeId)
            {
                throw new RequestRefusedException(400, "office.id", $"expected the organisation of {officeId} (as in the route), found {org.Office.Id}",
                    $"应为路由所指 {officeId} 的组织机构，实际为 {org.Office.Id}");
            }

            if (officeId is null)
            {
                Authorize(caller, org.Office.Id, organisation: true, cases: casesCsv is not null);
            }
        }

        var office = officeId ?? org!.Office.Id;
        CaseLog? log = null;
        if (casesCsv is { } csv)
        {
            var against = org ?? await organisation.LoadAsync(office, cancel).ConfigureAwait(false) ?? throw UnknownOffice(office);
            var errors = new InputErrors();
            using var reader = new StringReader(Text(csv, "cases.csv"));
            log = CaseCsv.Read(reader, "cases.csv", against, errors);
            if (errors.Any)
            {
                throw Invalid(errors, "cases");
            }
        }

        OrganisationImport? imported = null;
        if (org is not null)
        {
            var summary = await organisation.ImportAsync(org, cancel).ConfigureAwait(false);
            snapshots.Forget(office);
            imported = new OrganisationImport(summary.Added, summary.Updated, summary.Deactivated, summary.Unchanged);
            await audit.AppendAsync(office, AuditPeriods.Office, caller.UserId, "organisation.imported", office, null,
                JsonSerializer.Serialize(imported), clock.GetUtcNow(), cancel).ConfigureAwait(false);
        }

        int? count = null;
        if (log is not null)
        {
            count = await cases.ImportAsync(office, Enumerable.Range(0, log.Count).Select(i => log[i]), cancel).ConfigureAwait(false);
            await audit.AppendAsync(office, AuditPeriods.Office, caller.UserId, "cases.imported", office, null,
                JsonSerializer.Serialize(new { imported = count }), clock.GetUtcNow(), cancel).ConfigureAwait(false);
        }

        return new ImportOutcome(office, imported, count);
    }

    /// <summary>The year's ledger (年终台帐): year-end-only items, read by the same rules as the CLI's <c>year-end
    /// --ledger</c>, against the office's decided scheme; each cited evidence file must have been uploaded for this
    /// office. Taken until the year-end appraisal starts (its combining reads them); the same file again conflicts.</summary>
    public async Task<LedgerImport> YearLedgerAsync(Caller caller, string officeId, string year, string? schemeId, ReadOnlyMemory<byte> csv, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.ImportLedger, officeId);
        if (!Period.TryParse(year, out var period, out _) || period.Kind != PeriodKind.Year)
        {
            throw new RequestRefusedException(400, "year", $"expected a year such as 2026, found '{year}'", $"应为年份，如 2026，实际为 '{year}'");
        }

        var org = await organisation.LoadAsync(officeId, cancel).ConfigureAwait(false) ?? throw UnknownOffice(officeId);
        var id = schemeId ?? options.SchemeId;
        var versions = await schemes.VersionsAsync(id, cancel).ConfigureAwait(false);
        var decided = versions.Count > 0 && versions[0].OfficeId is { } owner && owner != officeId ? null : versions.LastOrDefault(v => v.Status == SchemeStatus.Decided);
        if (decided is null)
        {
            throw new RequestRefusedException(404, "scheme", $"expected a decided scheme of {officeId} or a ready-made one, found none decided with id '{id}'",
                $"应为本院或预置的已决定考核方案，未找到已决定的 '{id}'");
        }

        if (await cycles.GetAsync(officeId, year, cancel).ConfigureAwait(false) is { } started)
        {
            throw new RequestRefusedException(409, "year", $"expected the {year} year-end appraisal not started yet, found it at {started.Value.Stage}: the year's ledger is closed",
                $"{year} 年度考核已开始（{StageNames.Zh(started.Value.Stage)}），年度台帐不能再导入");
        }

        var scheme = decided.Scheme;
        var subjects = SubjectSet.For(scheme, org);
        var errors = new InputErrors();
        List<LedgerEntry> entries;
        using (var reader = new StringReader(Text(csv, "ledger.csv")))
        {
            entries = LedgerCsv.Read(reader, "ledger.csv", scheme, subjects, period, errors);
        }

        // An entry citing stored evidence (by its SHA-256; a document number is cited as text) must cite a file
        // uploaded for this office: one never uploaded and one of another office are the same error.
        foreach (var entry in entries.Where(e => e.Evidence is { Length: 64 } h && h.All(char.IsAsciiHexDigitLower)))
        {
            if (!(await evidence.UploadsAsync(entry.Evidence!, cancel).ConfigureAwait(false)).Any(u => u.OfficeId == officeId))
            {
                errors.Add("ledger.csv", entry.Source?.Line ?? 0, "evidence", $"expected a file uploaded for {officeId}, found none with SHA-256 {entry.Evidence}",
                    $"应为本院已上传的证明材料，未找到 SHA-256 为 {entry.Evidence} 的文件");
            }
        }

        if (errors.Any)
        {
            throw Invalid(errors, "ledger");
        }

        var batch = Convert.ToHexStringLower(SHA256.HashData(csv.Span))[..16];
        await ledger.AddAsync(officeId, year, scheme.Id, batch, entries, cancel).ConfigureAwait(false);
        var outcome = new LedgerImport(officeId, year, scheme.Id, scheme.Version, batch, entries.Count);
        await audit.AppendAsync(officeId, year, caller.UserId, "ledger.imported", string.Create(CultureInfo.InvariantCulture, $"{officeId}/{year}/{scheme.Id}/{batch}"), null,
            JsonSerializer.Serialize(new { entries = entries.Count, schemeVersion = scheme.Version }), clock.GetUtcNow(), cancel).ConfigureAwait(false);
        return outcome;
    }

    internal static RequestRefusedException UnknownOffice(string officeId) =>
        new(404, "officeId", $"expected an office whose organisation was imported, found none with id '{officeId}'", $"未找到院 '{officeId}'（尚未导入组织机构）");

    private static void Authorize(Caller caller, string officeId, bool organisation, bool cases)
    {
        if (organisation)
        {
            Access.Authorize(caller, AccessRule.ManageOrganisation, officeId);
        }

        if (cases)
        {
            Access.Authorize(caller, AccessRule.ImportCases, officeId);
        }
    }

    private static string Text(ReadOnlyMemory<byte> bytes, string file)
    {
        try
        {
            var text = StrictUtf8.GetString(bytes.Span);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException ex)
        {
            throw new RequestRefusedException(400, "body", $"expected UTF-8 text ({file}), found an invalid byte at offset {ex.Index}", $"应为 UTF-8 文本（{file}），实际在偏移 {ex.Index} 处有无效字节");
        }
    }

    private static RequestRefusedException Invalid(InputErrors errors, string field) =>
        new(422, field, $"expected every row to hold, found {errors.Items.Count} error(s); nothing imported (see errors)",
            $"发现 {errors.Items.Count} 个错误，未导入任何数据（详见 errors）", errors.Items.Take(200).ToList());
}
