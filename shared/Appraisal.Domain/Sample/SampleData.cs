using Appraisal.Domain.Cases;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Scoring;

namespace Appraisal.Domain.Sample;

/// <summary>A generated office: organisation, a period of case records, and per scheme its ratings and ledger entries.</summary>
public sealed record SampleData(
    OfficeOrganisation Organisation,
    IReadOnlyList<CaseRecord> Cases,
    IReadOnlyDictionary<string, IReadOnlyList<Rating>> Ratings,
    IReadOnlyDictionary<string, IReadOnlyList<LedgerEntry>> Ledger);
