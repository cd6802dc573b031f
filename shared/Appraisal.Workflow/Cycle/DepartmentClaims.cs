using System.Text.Json;
using Appraisal.Domain.Inputs;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;

namespace Appraisal.Workflow.Cycle;

/// <summary>What a department submits in its self-evaluation (自查自评): its people's ratings and its ledger claims
/// (加减分台帐), in the office's CSV formats (docs/inputs.md). Stored as the submission's payload and read again when the
/// period is scored, so what is scored is exactly what was submitted and verified.</summary>
public sealed record DepartmentClaims(string? RatingsCsv, string? LedgerCsv)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToPayload() => JsonSerializer.Serialize(this, Json);

    public static DepartmentClaims FromPayload(string payload) =>
        JsonSerializer.Deserialize<DepartmentClaims>(payload, Json) ?? new DepartmentClaims(null, null);

    /// <summary>Reads the claims against the scheme and the department's subjects; every problem lands in
    /// <paramref name="errors"/> with its file, line and field; rows for subjects outside the department are refused.</summary>
    public (List<Rating> Ratings, List<LedgerEntry> Ledger) Read(Scheme scheme, SubjectSet subjects, string departmentId, Period period, InputErrors errors)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(errors);
        var ratings = RatingsCsv is { Length: > 0 } r ? RatingCsv.Read(new StringReader(r), "ratings.csv", scheme, subjects, errors) : [];
        var ledger = LedgerCsv is { Length: > 0 } l ? Domain.Inputs.LedgerCsv.Read(new StringReader(l), "ledger.csv", scheme, subjects, period, errors) : [];
        foreach (var subject in ratings.Select(x => x.SubjectId).Concat(ledger.Select(x => x.SubjectId)).Distinct(StringComparer.Ordinal))
        {
            var index = subjects.IndexOf(subject);
            if (index >= 0 && subjects[index].DepartmentId != departmentId)
            {
                errors.Add("claims", 0, "subject_id",
                    $"expected subjects of department {departmentId}, found {subject} of {subjects[index].DepartmentId}",
                    $"应为部门 {departmentId} 的考核对象，实际 {subject} 属于 {subjects[index].DepartmentId}");
            }
        }

        return (ratings, ledger);
    }
}
