using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Appraisal.Domain.Cycles;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Text;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Cycles;
using Appraisal.Storage.Evidence;
using Appraisal.Storage.Reports;
using Appraisal.Storage.Schemes;
using Appraisal.Storage.Scorecards;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;

namespace Appraisal.Workflow.Exports;

/// <summary>One file of an archive, with its SHA-256 and size as the manifest lists it.</summary>
public sealed record ArchiveFile(string Path, string Sha256, long Size);

/// <summary>What an archive holds: whose, which year, when made, and every file with its hash.</summary>
public sealed record ArchiveManifest(string OfficeId, string OfficeName, int Year, DateTimeOffset CreatedAt, IReadOnlyList<string> Periods, IReadOnlyList<ArchiveFile> Files);

/// <summary>What checking an archive found: how many files and audit entries held, and every problem.</summary>
public sealed record ArchiveCheck(int Files, int AuditEntries, IReadOnlyList<string> Problems)
{
    public bool Intact => Problems.Count == 0;
}

/// <summary>An office's annual archive (年度归档) as a zip in Blob storage: the final results of the year's cycles
/// (ranking and every scorecard line, CSV), the audit log of each of the year's periods (JSON, with its hash chain),
/// the manifest of the evidence the results cite (hash, type, size, whether stored), and a manifest.json listing every
/// file with its SHA-256. <see cref="Verify"/> checks an archive against its manifest and recomputes every chain.</summary>
public sealed class AnnualArchive(ReportStore reports, CycleRepository cycles, ScorecardRepository scorecards, SchemeRepository schemes, CycleRecords records,
    AuditLog audit, EvidenceStore evidence, TimeProvider clock)
{
    public const string ManifestName = "manifest.json";

    /// <summary>How an archive is stored and served: a zip.</summary>
    public const string ContentType = "application/zip";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public static string BlobName(string officeId, int year) => string.Create(CultureInfo.InvariantCulture, $"archives/{officeId}/{year}.zip");

    /// <summary>Builds the year's archive from storage and stores it (a later build replaces it), for the appraisal
    /// office of that office (the CLI's operator included); audited under the caller; returns its manifest.</summary>
    public async Task<ArchiveManifest> BuildAsync(Caller caller, string officeId, int year, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.BuildArchive, officeId);
        if (year is < 2000 or > 2100)
        {
            throw new RequestRefusedException(400, "year", $"expected a year from 2000 to 2100, found {year}", $"应为 2000 至 2100 的年份，实际为 {year}");
        }

        var org = await records.FindOrganisationAsync(officeId, cancel).ConfigureAwait(false)
            ?? throw new RequestRefusedException(404, "officeId", $"expected an office with an imported organisation, found none for '{officeId}'", $"未找到 '{officeId}' 院的机构信息");
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var cited = new SortedSet<string>(StringComparer.Ordinal);
        var periods = new List<string>();
        foreach (var cycle in (await cycles.ForOfficeAsync(officeId, cancel).ConfigureAwait(false)).Select(c => c.Value)
            .Where(c => c.Stage == CycleStage.Final && Period.TryParse(c.Period, out var p, out _) && p.Year == year && p.Kind != PeriodKind.Month)
            .OrderBy(c => c.Period, StringComparer.Ordinal))
        {
            var scheme = (await schemes.GetAsync(cycle.SchemeId, cycle.SchemeVersion, cancel).ConfigureAwait(false))?.Scheme;
            var cards = await scorecards.ForPeriodAsync(officeId, cycle.Period, cycle.SchemeId, cancel).ConfigureAwait(false);
            if (scheme is null || cards.Count == 0)
            {
                continue;
            }

            periods.Add(cycle.Period);
            var tables = ScorecardExport.Tables(org, scheme, cards, Language.Zh);
            files[$"results/{cycle.Period}-ranking.csv"] = TableFiles.Csv(tables[0]);
            files[$"results/{cycle.Period}-lines.csv"] = TableFiles.Csv(tables[1]);
            foreach (var sha in cards.SelectMany(c => c.Lines).Select(l => l.Entry?.Evidence).OfType<string>().Where(IsSha256))
            {
                cited.Add(sha);
            }
        }

        var yearPeriods = Enumerable.Range(1, 12).Select(m => Period.Month(year, m)).Concat(Enumerable.Range(1, 4).Select(q => Period.Quarter(year, q))).Append(Period.OfYear(year));
        foreach (var p in yearPeriods)
        {
            var entries = await audit.ReadAsync(officeId, p.ToString(), cancel).ConfigureAwait(false);
            if (entries.Count > 0)
            {
                files[$"audit/{p}.json"] = JsonSerializer.SerializeToUtf8Bytes(entries, Json);
                foreach (var e in entries.Where(e => e.Action == "evidence.uploaded" && IsSha256(e.Target)))
                {
                    cited.Add(e.Target);
                }
            }
        }

        var manifest = new StringBuilder("sha256,content_type,size,stored\r\n");
        foreach (var sha in cited)
        {
            var described = await evidence.DescribeAsync(sha, cancel).ConfigureAwait(false);
            manifest.Append(CultureInfo.InvariantCulture, $"{sha},{described?.ContentType},{described?.Size},{(described is null ? "no" : "yes")}\r\n");
        }

        files["evidence/manifest.csv"] = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(manifest.ToString())];
        var listed = new ArchiveManifest(officeId, org.Office.Name, year, clock.GetUtcNow(), periods,
            files.Select(f => new ArchiveFile(f.Key, Convert.ToHexStringLower(SHA256.HashData(f.Value)), f.Value.Length)).ToList());

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in files.Append(new(ManifestName, JsonSerializer.SerializeToUtf8Bytes(listed, Json))))
            {
                var entry = archive.CreateEntry(path, CompressionLevel.Optimal);
                await using var stream = entry.Open();
                await stream.WriteAsync(content, cancel).ConfigureAwait(false);
            }
        }

        var bytes = zip.ToArray();
        await reports.PutAsync(BlobName(officeId, year), BinaryData.FromBytes(bytes), ContentType, cancel).ConfigureAwait(false);
        // In the office's own partition, not the year's: the archive holds the year's chains as they were when built.
        await audit.AppendAsync(officeId, AuditPeriods.Office, caller.UserId, "archive.built", BlobName(officeId, year), null,
            JsonSerializer.Serialize(new { periods, files = listed.Files.Count, sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)) }), clock.GetUtcNow(), cancel).ConfigureAwait(false);
        return listed;
    }

    /// <summary>Checks an archive: every file the manifest lists is there with its hash and size, nothing else is, and
    /// every audit extract's chain recomputes.</summary>
    public static ArchiveCheck Verify(Stream zip)
    {
        ArgumentNullException.ThrowIfNull(zip);
        var problems = new List<string>();
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            return new ArchiveCheck(0, 0, [$"expected a zip archive, found: {ex.Message}"]);
        }

        using (archive)
        {
            var manifestEntry = archive.GetEntry(ManifestName);
            if (manifestEntry is null)
            {
                return new ArchiveCheck(0, 0, [$"expected {ManifestName} in the archive, found none"]);
            }

            ArchiveManifest? manifest;
            using (var stream = manifestEntry.Open())
            {
                manifest = JsonSerializer.Deserialize<ArchiveManifest>(stream, Json);
            }

            if (manifest is null)
            {
                return new ArchiveCheck(0, 0, [$"{ManifestName}: expected a manifest, found null"]);
            }

            var auditEntries = 0;
            foreach (var file in manifest.Files)
            {
                var entry = archive.GetEntry(file.Path);
                if (entry is null)
                {
                    problems.Add($"{file.Path}: listed in the manifest, missing from the archive");
                    continue;
                }

                byte[] content;
                using (var stream = entry.Open())
                using (var buffer = new MemoryStream())
                {
                    stream.CopyTo(buffer);
                    content = buffer.ToArray();
                }

                var sha = Convert.ToHexStringLower(SHA256.HashData(content));
                if (sha != file.Sha256 || content.Length != file.Size)
                {
                    problems.Add($"{file.Path}: expected SHA-256 {file.Sha256[..12]}… ({file.Size} bytes), found {sha[..12]}… ({content.Length} bytes): altered");
                    continue;
                }

                if (file.Path.StartsWith("audit/", StringComparison.Ordinal))
                {
                    var entries = JsonSerializer.Deserialize<List<AuditEntry>>(content, Json) ?? [];
                    auditEntries += entries.Count;
                    var chain = AuditLog.Verify(entries);
                    if (!chain.Intact)
                    {
                        problems.Add($"{file.Path}: the audit chain breaks at entry {chain.BrokenAt}: {chain.Reason}");
                    }
                }
            }

            foreach (var extra in archive.Entries.Select(e => e.FullName).Where(n => n != ManifestName && manifest.Files.All(f => f.Path != n)))
            {
                problems.Add($"{extra}: in the archive, not in the manifest");
            }

            return new ArchiveCheck(manifest.Files.Count, auditEntries, problems);
        }
    }

    private static bool IsSha256(string? text) => text is { Length: 64 } && text.All(char.IsAsciiHexDigitLower);
}
