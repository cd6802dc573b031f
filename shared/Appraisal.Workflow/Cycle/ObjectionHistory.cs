using System.Text.Json;
using Appraisal.Domain.Periods;
using Appraisal.Storage.Audit;

namespace Appraisal.Workflow.Cycle;

/// <summary>Where an objection stands: awaiting the appraisal office's review, reviewed with the result standing
/// (维持原结果), or reviewed with the department's results reopened for verification (重新核查).</summary>
public enum ObjectionOutcome
{
    Pending,
    Stands,
    Reopened,
}

/// <summary>One objection (异议) to a person's result, as the audit log holds it: when and by whom it was filed, its
/// grounds, and how the review that followed it decided.</summary>
public sealed record ObjectionRecord(string Period, string Key, DateTimeOffset FiledAt, string FiledBy, string Reason, ObjectionOutcome Outcome, DateTimeOffset? ReviewedAt);

/// <summary>Reads objections and their outcomes back from the audit log, where <see cref="Actions.FileObjectionAction"/> and <see cref="Actions.ReviewObjectionsAction"/> records each
/// filing ("objection.filed") and each review ("objections.reviewed", naming the departments it reopens). The review
/// that decides an objection is the first one after it in the same period's chain.</summary>
public static class ObjectionHistory
{
    public static IReadOnlyList<ObjectionRecord> Of(string period, IReadOnlyList<AuditEntry> entries, string subjectId, string departmentId)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var found = new List<ObjectionRecord>();
        foreach (var filed in entries.Where(e => e.Action == "objection.filed" && e.Target == subjectId))
        {
            var review = entries.FirstOrDefault(e => e.Action == "objections.reviewed" && e.Sequence > filed.Sequence);
            var outcome = review is null ? ObjectionOutcome.Pending
                : Reopened(review).Contains(departmentId, StringComparer.Ordinal) ? ObjectionOutcome.Reopened
                : ObjectionOutcome.Stands;
            found.Add(new ObjectionRecord(period, $"objection-{filed.Sequence}", filed.At, filed.Actor, Field(filed.After, "reason") ?? string.Empty, outcome, review?.At));
        }

        return found;
    }

    /// <summary>A person's objections across the given periods, newest first. Only quarters and years publish results
    /// for objections, so only their chains are read, all at once.</summary>
    public static async Task<IReadOnlyList<ObjectionRecord>> ForSubjectAsync(AuditLog audit, string officeId, IEnumerable<string> periods, string subjectId, string departmentId, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(periods);
        var published = periods.Distinct(StringComparer.Ordinal)
            .Where(p => Period.TryParse(p, out var parsed, out _) && parsed.Kind != PeriodKind.Month);
        var found = await Task.WhenAll(published.Select(async period =>
            Of(period, await audit.ReadAsync(officeId, period, cancel).ConfigureAwait(false), subjectId, departmentId))).ConfigureAwait(false);
        return [.. found.SelectMany(o => o).OrderByDescending(o => o.FiledAt)];
    }

    private static string[] Reopened(AuditEntry review)
    {
        using var json = JsonDocument.Parse(review.After ?? "{}");
        return json.RootElement.TryGetProperty("reopen", out var reopen) && reopen.ValueKind == JsonValueKind.Array
            ? [.. reopen.EnumerateArray().Select(d => d.GetString() ?? string.Empty)]
            : [];
    }

    /// <summary>A text field of an audit entry's details (JSON), any case of its name; null when absent or not JSON.</summary>
    internal static string? Field(string? json, string name)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: JsonValueKind.String } found
                ? found.Value.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
