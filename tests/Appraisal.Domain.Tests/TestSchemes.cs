using Appraisal.Domain.Organisation;
using Appraisal.Domain.Schemes;

namespace Appraisal.Domain.Tests;

/// <summary>Builds small schemes in code, one rule at a time: start from <see cref="Department"/>,
/// <see cref="Person"/> or <see cref="Weighted"/> and add parts with <c>with { ... }</c>.</summary>
internal static class TestSchemes
{
    public static Category Category(string id, decimal @base, decimal? weight = null, bool performance = false) =>
        new() { Id = id, Name = new LocalizedText(id), Base = @base, Weight = weight, Performance = performance };

    /// <summary>A base-plus-adjustment department scheme.</summary>
    public static Scheme Department(params Category[] categories) => new()
    {
        Id = "test-department",
        Version = 1,
        Name = new LocalizedText("测试方案", "Test scheme"),
        SubjectKind = SubjectKind.Department,
        Categories = categories,
    };

    /// <summary>A base-plus-adjustment person scheme for quota prosecutors.</summary>
    public static Scheme Person(params Category[] categories) => Department(categories) with
    {
        Id = "test-person",
        SubjectKind = SubjectKind.Person,
        StaffCategories = [StaffCategory.QuotaProsecutor],
    };

    /// <summary>A weighted person scheme: each category scored 0–100 and counted with its weight.</summary>
    public static Scheme Weighted(params Category[] categories) => Person(categories) with
    {
        Id = "test-weighted",
        Mode = SchemeMode.Weighted,
    };

    public static TargetIndicator Target(string id, string category, CaseMetric metric, decimal target, decimal points,
        decimal bonusPerUnit = 0m, decimal? bonusCap = null, decimal deductionPerUnit = 0m, decimal? deductionCap = null,
        decimal unit = 1m, CaseFilter? filter = null) => new()
        {
            Id = id,
            Name = new LocalizedText(id),
            Category = category,
            Metric = metric,
            Target = target,
            Points = points,
            Unit = unit,
            BonusPerUnit = bonusPerUnit,
            BonusCap = bonusCap,
            DeductionPerUnit = deductionPerUnit,
            DeductionCap = deductionCap,
            Filter = filter ?? CaseFilter.All,
        };

    public static RatedIndicator Rated(string id, string category, decimal points, bool dropExtremes = false, params (string Group, decimal Weight)[] groups) => new()
    {
        Id = id,
        Name = new LocalizedText(id),
        Category = category,
        Points = points,
        DropExtremes = dropExtremes,
        RaterGroups = groups.Select(g => new RaterGroup { Group = g.Group, Weight = g.Weight }).ToList(),
    };

    public static LedgerItem Bonus(string id, string category, decimal points, decimal? cap = null, decimal uplift = 0m,
        bool evidenceRequired = true, bool yearEndOnly = false) =>
        Item(id, category, LedgerKind.Bonus, points, cap, uplift, evidenceRequired, yearEndOnly);

    public static LedgerItem Deduction(string id, string category, decimal points, decimal? cap = null,
        bool evidenceRequired = true, bool yearEndOnly = false) =>
        Item(id, category, LedgerKind.Deduction, points, cap, 0m, evidenceRequired, yearEndOnly);

    public static LeaderWorkloadRules Workload(string category, decimal deduction, params (LeadershipPost Post, decimal MinShare)[] rules) => new()
    {
        Category = category,
        Deduction = deduction,
        Rules = rules.Select(r => new LeaderShareRule { Post = r.Post, MinSharePercent = r.MinShare }).ToList(),
    };

    private static LedgerItem Item(string id, string category, LedgerKind kind, decimal points, decimal? cap, decimal uplift,
        bool evidenceRequired, bool yearEndOnly) => new()
        {
            Id = id,
            Name = new LocalizedText(id),
            Category = category,
            Kind = kind,
            Points = points,
            Cap = cap,
            UpliftPercent = uplift,
            EvidenceRequired = evidenceRequired,
            YearEndOnly = yearEndOnly,
        };
}
