using System.Text.Json;
using Appraisal.Domain.Cycles;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Cycles;
using Appraisal.Storage.Evidence;
using Appraisal.Storage.Scorecards;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;

namespace Appraisal.Workflow.Actions;

/// <summary>Evidence (证明材料) for a department's claims: uploaded by the head of that department of that office, or
/// by one of its people for the claims of their own self-evaluation, for a period whose results are not final yet, and
/// recorded with office, department, period and uploader. A file is served only to those who may see a submission it
/// was uploaded for — that department's head, the office's appraisal office, Party group and supervisors (and
/// province-level supervisors) — to the person who uploaded it, and to a person a scored claim cites it for; to anyone
/// else the answer is the same 404 as for a file that does not exist, so a hash reveals nothing.</summary>
public sealed class EvidenceActions(EvidenceStore store, CycleRecords records, CycleRepository cycles, ScorecardRepository scorecards, AuditLog audit, TimeProvider clock)
{
    public async Task<EvidenceRef> UploadAsync(Caller caller, string officeId, string period, string departmentId, ReadOnlyMemory<byte> content, string? fileName, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.UploadEvidence, officeId, departmentId);
        var p = Domain.Periods.Period.TryParse(period, out var parsed, out var reason) ? parsed
            : throw new RequestRefusedException(400, "period", $"expected a period such as 2026-Q1, found '{period}' ({reason})", $"应为期间，如 2026-Q1，实际为 '{period}'（{reason}）");
        var org = await records.FindOrganisationAsync(officeId, cancel).ConfigureAwait(false);
        if (org?.FindDepartment(departmentId) is null)
        {
            throw new RequestRefusedException(404, "departmentId", $"expected a department of {officeId}, found '{departmentId}'", $"应为 {officeId} 院的部门，实际为 '{departmentId}'");
        }

        if (await cycles.GetAsync(officeId, p.ToString(), cancel).ConfigureAwait(false) is { Value.Stage: CycleStage.Final })
        {
            throw new RequestRefusedException(409, "period", $"expected a period whose results are not final yet, found {officeId} {p} final", $"{officeId} {p} 的考核结果已确定，不能再上传证明材料");
        }

        if (content.Length == 0)
        {
            throw new RequestRefusedException(400, "body", "expected the file as the request body, found an empty body", "请求体应为证明材料文件，实际为空");
        }

        var at = clock.GetUtcNow();
        using var stream = new MemoryStream(content.ToArray(), writable: false);
        var stored = await store.PutAsync(stream, fileName, new EvidenceUpload(caller.UserId, at, officeId, departmentId, p.ToString()), cancel).ConfigureAwait(false);
        await audit.AppendAsync(officeId, p.ToString(), caller.UserId, "evidence.uploaded", stored.Sha256, null,
            JsonSerializer.Serialize(new { departmentId, stored.ContentType, stored.Size, stored.FileName }), at, cancel).ConfigureAwait(false);
        return stored;
    }

    /// <summary>The file with its type, its hash checked; 404 alike when missing or not the caller's to see.</summary>
    public async Task<(byte[] Content, string ContentType)> ReadAsync(Caller caller, string officeId, string sha256, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.ReadEvidence, officeId);
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new RequestRefusedException(400, "sha256", $"expected 64 lower-case hexadecimal digits, found '{sha256}'", $"应为 64 位小写十六进制摘要，实际为 '{sha256}'");
        }

        if (!await MaySeeAsync(caller, officeId, sha256, cancel).ConfigureAwait(false))
        {
            throw new RequestRefusedException(404, "sha256", $"expected an evidence file of {officeId} you may see, found none with hash {sha256}", $"未找到摘要为 {sha256} 的证明材料");
        }

        return await store.OpenAsync(sha256, cancel).ConfigureAwait(false);
    }

    private async Task<bool> MaySeeAsync(Caller caller, string officeId, string sha256, CancellationToken cancel)
    {
        var uploads = (await store.UploadsAsync(sha256, cancel).ConfigureAwait(false)).Where(u => u.OfficeId == officeId).ToList();
        if (uploads.Count == 0 || !await store.ExistsAsync(sha256, cancel).ConfigureAwait(false))
        {
            return false;
        }

        if (caller.ReadsWholeOffice)
        {
            return true;
        }

        if (caller.Has(Role.DepartmentHead) && caller.DepartmentId is { } own && uploads.Any(u => u.DepartmentId == own))
        {
            return true;
        }

        // The person who uploaded it (for their own self-evaluation's claims).
        if (uploads.Any(u => u.UploadedBy == caller.UserId))
        {
            return true;
        }

        // The person a scored claim cites it for (their dossier links it).
        var cards = await scorecards.ForSubjectAsync(officeId, caller.UserId, cancel).ConfigureAwait(false);
        return cards.Any(c => c.Lines.Any(l => l.Entry?.Evidence == sha256));
    }
}
