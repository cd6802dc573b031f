using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Appraisal.Domain.Inputs;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;

namespace Appraisal.Workflow.Cycle;

/// <summary>What a department submits in its self-evaluation (自查自评): its ledger claims (加减分台帐), in the
/// office's CSV format (docs/inputs.md) — never ratings, which only the raters themselves give (民主测评). Stored as the submission's payload and read again when the
/// period is scored, so what is scored is exactly what was submitted and verified: the appraisal office's verdicts on
/// single claims (<see cref="Decisions"/>) are kept beside the claims as submitted, never written into them.</summary>
public sealed record DepartmentClaims(string? LedgerCsv, IReadOnlyList<ClaimDecision>? Decisions = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public string ToPayload() => JsonSerializer.Serialize(this, Json);

    public static DepartmentClaims FromPayload(string payload) =>
        JsonSerializer.Deserialize<DepartmentClaims>(payload, Json) ?? new DepartmentClaims(LedgerCsv: null);

    /// <summary>Reads the claims against the scheme and the department's subjects; every problem lands in
    /// <paramref name="errors"/> with its file, line and field; rows for subjects outside the department are refused.</summary>
    public List<LedgerEntry> Read(Scheme scheme, SubjectSet subjects, string departmentId, Period period, InputErrors errors)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(errors);
        var ledger = LedgerCsv is { Length: > 0 } l ? Domain.Inputs.LedgerCsv.Read(new StringReader(l), "ledger.csv", scheme, subjects, period, errors) : [];
        if (Decisions is { Count: > 0 } decisions)
        {
            var byLine = decisions.ToDictionary(d => d.Line);
            ledger = [.. ledger.Select(e => e.Source is { } source && byLine.TryGetValue(source.Line, out var d) ? Verified(e, d) : e)];
        }

        foreach (var subject in ledger.Select(x => x.SubjectId).Distinct(StringComparer.Ordinal))
        {
            var index = subjects.IndexOf(subject);
            if (index >= 0 && subjects[index].DepartmentId != departmentId)
            {
                errors.Add("claims", 0, "subject_id",
                    $"expected subjects of department {departmentId}, found {subject} of {subjects[index].DepartmentId}",
                    $"应为部门 {departmentId} 的考核对象，实际 {subject} 属于 {subjects[index].DepartmentId}");
            }
        }

        return ledger;
    }

    /// <summary>The submitted ledger's claims by line (2 for the first row), each with the occurrences claimed.</summary>
    public IReadOnlyDictionary<int, int> ClaimLines()
    {
        var lines = new SortedDictionary<int, int>();
        if (LedgerCsv is { Length: > 0 } l)
        {
            CsvTable.Read(new StringReader(l), "ledger.csv", Domain.Inputs.LedgerCsv.Columns, new InputErrors(), (line, get) =>
                lines[line] = int.TryParse(get("occurrences"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0);
        }

        return lines;
    }

    private static LedgerEntry Verified(LedgerEntry entry, ClaimDecision decision) => decision.Verdict == LedgerVerdict.Adjusted
        ? entry with { Occurrences = decision.Occurrences ?? entry.Occurrences, Verification = new(LedgerVerdict.Adjusted, entry.Occurrences, decision.Reason) }
        : entry with { Verification = new(LedgerVerdict.Rejected, entry.Occurrences, decision.Reason) };
}
