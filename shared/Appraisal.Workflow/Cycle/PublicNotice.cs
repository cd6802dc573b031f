using Appraisal.Domain.Organisation;
using Appraisal.Domain.Scoring;

namespace Appraisal.Workflow.Cycle;

/// <summary>The public notice (公示) of a cycle's results: only what the rules allow to be public — name, department,
/// score and grade — and the end of the objection period.</summary>
public sealed record PublicNotice(string OfficeId, string OfficeName, string Period, string SchemeId, int SchemeVersion, int Round, DateTime? ObjectionsUntilUtc, IReadOnlyList<PublicNoticeEntry> Entries)
{
    /// <summary>How a notice is stored in the reports container: JSON.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>The decimals its totals are shown with: the scorecards' (2 in notices stored before).</summary>
    public int Decimals { get; init; } = Domain.Schemes.Scheme.DefaultDecimals;

    public static string BlobName(CycleRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{Prefix(request.OfficeId, request.Period)}{request.SchemeId}-r{request.Round}.json";
    }

    /// <summary>Where a cycle's notices are stored, one per scheme and round.</summary>
    public static string Prefix(string officeId, string period) => $"notices/{officeId}/{period}/";

    /// <summary>The round of a notice stored as …-r{round}.json (0 when the name shows none).</summary>
    public static int RoundOf(string blobName)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        var dash = blobName.LastIndexOf("-r", StringComparison.Ordinal);
        return dash >= 0 && int.TryParse(blobName.AsSpan(dash + 2, blobName.Length - dash - 2 - ".json".Length), out var round) ? round : 0;
    }

    public static PublicNotice Of(OfficeOrganisation org, CycleRequest request, IReadOnlyList<Scorecard> cards)
    {
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(cards);
        var departments = org.Departments.ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        return new PublicNotice(request.OfficeId, org.Office.Name, request.Period, request.SchemeId, request.SchemeVersion, request.Round, request.UntilUtc,
            cards.OrderBy(c => c.OfficeRank).ThenBy(c => c.SubjectId, StringComparer.Ordinal)
                .Select(c => new PublicNoticeEntry(c.SubjectName, departments.GetValueOrDefault(c.DepartmentId, c.DepartmentId), c.Total, c.Grade.ToString(), c.OfficeRank))
                .ToList())
        {
            Decimals = Scorecard.DecimalsOf(cards),
        };
    }
}
