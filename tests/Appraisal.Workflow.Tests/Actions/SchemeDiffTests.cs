using Appraisal.Domain.Schemes;
using Appraisal.Workflow.Actions;

namespace Appraisal.Workflow.Tests.Actions;

/// <summary>The difference between two versions of a scheme: items matched by id in each list, added, removed or
/// changed, each changed property with its old and new value; the scheme's own settings (grading part by part) as one
/// item; nothing for the same scheme.</summary>
public sealed class SchemeDiffTests
{
    private static readonly Scheme B = SchemeTemplates.Load("B");

    [Fact]
    public void TheSameScheme_UnderAnotherVersion_HasNoDifference()
    {
        Assert.Empty(SchemeDiff.Compare(B, B with { Version = 2 }));
    }

    [Fact]
    public void AddedRemovedAndChangedItems_AreListed_WithOldAndNewValues()
    {
        var after = B with
        {
            Name = new LocalizedText("检察官办案绩效考核（2027）", B.Name.En),
            TargetIndicators = [B.TargetIndicators[0] with { Points = 25m, BonusCap = 12m }, .. B.TargetIndicators.Skip(1)],
            RatedIndicators = [B.RatedIndicators[0]],
            LedgerItems = [.. B.LedgerItems, new LedgerItem { Id = "innovation", Name = new("工作创新", "Innovation"), Category = "skills", Kind = LedgerKind.Bonus, Points = 3m, Cap = 6m }],
            Grading = B.Grading with { ExcellentQuotaPercent = 15m },
        };

        var changes = SchemeDiff.Compare(B, after);

        Assert.Equal(
            [("scheme", "template-b", SchemeChangeKind.Changed), ("targetIndicators", "case-count", SchemeChangeKind.Changed),
             ("ratedIndicators", "skills-evaluation", SchemeChangeKind.Removed), ("ledgerItems", "innovation", SchemeChangeKind.Added)],
            changes.Select(c => (c.Section, c.Id, c.Kind)));
        var settings = changes[0].Properties;
        Assert.Contains(new SchemePropertyChange("name", "检察官办案绩效考核（员额检察官） / Prosecutor case-handling performance (quota prosecutors)", "检察官办案绩效考核（2027） / Prosecutor case-handling performance (quota prosecutors)"), settings);
        Assert.Contains(new SchemePropertyChange("grading.excellentQuotaPercent", "20", "15"), settings);
        Assert.Equal([new("points", "30", "25"), new("bonusCap", "10", "12")], changes[1].Properties);
        Assert.Equal("技能评价", changes[2].Name!.Zh[2..]);
        Assert.Contains(new SchemePropertyChange("points", "60", null), changes[2].Properties);
        Assert.Contains(new SchemePropertyChange("points", null, "3"), changes[3].Properties);
        Assert.Contains(new SchemePropertyChange("kind", null, "bonus"), changes[3].Properties);
        Assert.Equal("工作创新", changes[3].Name!.Zh);
    }
}
