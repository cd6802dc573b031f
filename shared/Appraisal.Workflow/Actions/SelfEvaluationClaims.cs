using System.Globalization;
using Appraisal.Domain.Inputs;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using Appraisal.Storage.SelfEvaluations;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Http;

namespace Appraisal.Workflow.Actions;

/// <summary>The bonuses and deductions a person claims in their self-evaluation, checked against the cycle's scheme
/// as the department's ledger rows are (<see cref="DepartmentClaims.Read"/>, the person as the subject of each): a
/// ledger item of the scheme that applies to this person in this period, a whole number of occurrences, and — every
/// bonus and deduction needs material — a file uploaded for the person's own department. Every problem is named by its
/// claim and field (<c>claims[0].item</c>), all in one refusal.</summary>
public static class SelfEvaluationClaims
{
    /// <summary>The most claims one self-evaluation holds.</summary>
    public const int MaxClaims = 20;

    /// <summary>The longest note on a claim (one line).</summary>
    public const int MaxNoteLength = 200;

    /// <summary>The claims as stored, or a 422 naming every claim's problem; none stored when any is wrong. The
    /// last argument answers whether a SHA-256 names a file uploaded for the person's department of the office.</summary>
    public static async Task<IReadOnlyList<SelfEvaluationClaim>> CheckAsync(Scheme scheme, OfficeOrganisation organisation, Person person, Period period,
        IReadOnlyList<SelfEvaluationClaimRequest?> claims, Func<string, Task<bool>> uploadedForDepartment)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(uploadedForDepartment);
        if (claims.Count > MaxClaims)
        {
            throw new RequestRefusedException(400, "claims", $"expected at most {MaxClaims} claims, found {claims.Count}", $"最多申报 {MaxClaims} 项加减分，实际为 {claims.Count} 项");
        }

        var errors = new List<InputError>();
        void Add(int i, string field, string message, string messageZh) => errors.Add(new InputError("claims", i + 1, $"claims[{i}].{field}", message, messageZh));

        // Read as the department's ledger is: the same reader, the person the subject of every row.
        var rows = claims.Select(c => (IReadOnlyList<string?>)[person.Id, c?.Item?.Trim(), c?.Occurrences?.ToString(CultureInfo.InvariantCulture), c?.Evidence?.Trim(), null]).ToList();
        var read = new InputErrors();
        var subjects = SubjectSet.For(scheme, organisation);
        new DepartmentClaims(LedgerCsv.Text(rows)).Read(scheme, subjects, person.DepartmentId, period, read);
        foreach (var e in read.Items.Where(e => e.Line >= 2 && e.Line - 2 < claims.Count))
        {
            // A person the scheme does not appraise: no item of it applies to them.
            var field = e.Field switch { "occurrences" => "occurrences", _ => "item" };
            Add(e.Line - 2, field, e.Message, e.MessageZh);
        }

        var items = scheme.LedgerItems.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var checkedFiles = new Dictionary<string, bool>(StringComparer.Ordinal);
        var result = new List<SelfEvaluationClaim>();
        for (var i = 0; i < claims.Count; i++)
        {
            var claim = claims[i];
            var itemId = claim?.Item?.Trim() ?? string.Empty;
            if (items.TryGetValue(itemId, out var item) && item.YearEndOnly && period.Kind != PeriodKind.Year && !errors.Any(e => e.Field == $"claims[{i}].item"))
            {
                Add(i, "item", $"expected a ledger item that applies to {person.Id} in {period}, found '{itemId}' (counted at year end only)",
                    $"应为本期适用于 {person.Id} 的台帐项目，实际 '{itemId}' 仅在年终计分");
            }

            var sha = claim?.Evidence?.Trim() ?? string.Empty;
            if (sha.Length == 0)
            {
                Add(i, "evidence", "expected the SHA-256 of a file uploaded for the department (every bonus and deduction needs material), found none",
                    "应注明本部门已上传的证明材料（加减分都需要有相应的材料），实际没有");
            }
            else if (sha.Length != 64 || !sha.All(char.IsAsciiHexDigitLower))
            {
                Add(i, "evidence", $"expected a SHA-256 (64 lower-case hexadecimal digits), found '{sha}'", $"应为 64 位小写十六进制摘要，实际为 '{sha}'");
            }
            else
            {
                if (!checkedFiles.TryGetValue(sha, out var known))
                {
                    checkedFiles[sha] = known = await uploadedForDepartment(sha).ConfigureAwait(false);
                }

                if (!known)
                {
                    Add(i, "evidence", $"expected an evidence file uploaded for department {person.DepartmentId}, found none with hash {sha}", $"未找到本部门上传的摘要为 {sha} 的证明材料");
                }
            }

            var note = claim?.Note?.Trim();
            if (note is { Length: > 0 } && (note.Length > MaxNoteLength || note.Any(char.IsControl)))
            {
                Add(i, "note", $"expected at most {MaxNoteLength} characters on one line, found {note.Length} characters{(note.Any(char.IsControl) ? " with control characters" : string.Empty)}",
                    $"备注应为不超过 {MaxNoteLength} 字的单行文字，实际为 {note.Length} 字{(note.Any(char.IsControl) ? "且含控制字符" : string.Empty)}");
            }

            if (claim?.Occurrences is { } n)
            {
                result.Add(new SelfEvaluationClaim(itemId, n, sha, note is { Length: > 0 } ? note : null));
            }
        }

        if (errors.Count > 0)
        {
            var ordered = errors.OrderBy(e => e.Line).ThenBy(e => Array.IndexOf(Fields, e.Field[(e.Field.IndexOf('.', StringComparison.Ordinal) + 1)..])).ToList();
            throw new RequestRefusedException(422, ordered[0].Field, $"expected valid claims, found {ordered.Count} problem(s): {ordered[0].Message}",
                $"加减分申报有 {ordered.Count} 处问题：{ordered[0].MessageZh}", ordered);
        }

        return result;
    }

    private static readonly string[] Fields = ["item", "occurrences", "evidence", "note"];
}
