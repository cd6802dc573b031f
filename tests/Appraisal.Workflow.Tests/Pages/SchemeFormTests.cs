using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Domain.Text;
using Appraisal.Workflow.Pages;

namespace Appraisal.Workflow.Tests.Pages;

/// <summary>The scheme drafting form: a stored scheme shown in fields and sent back unchanged is the same scheme; a
/// value entered wrong is reported by the document's own check at the JSON path that leads back to the field it was
/// typed in — past rows marked for removal — and a path the form shows no field for goes to its row, its section or
/// the summary.</summary>
public sealed class SchemeFormTests
{
    private static readonly Scheme B = SchemeTemplates.Load("B");

    /// <summary>What a browser sends for the form as shown, with some fields changed (a null value: a box unticked).</summary>
    private static SchemeForm Posted(SchemeForm shown, Dictionary<string, string?> changes)
    {
        var posted = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in SchemeForm.Scalars)
        {
            posted[field.Key] = shown[field.Key];
        }

        foreach (var section in SchemeForm.Sections)
        {
            posted[section.Path + ".rows"] = shown.Rows(section.Path).ToString(System.Globalization.CultureInfo.InvariantCulture);
            for (var i = 0; i < shown.Rows(section.Path); i++)
            {
                foreach (var field in section.Fields)
                {
                    var name = SchemeForm.Name(section.Path, i, field.Key);
                    posted[name] = field.Kind == SchemeFieldKind.Flag ? (shown[name] == "true" ? "true" : null) : shown[name];
                }
            }
        }

        foreach (var (name, value) in changes)
        {
            posted[name] = value;
        }

        return SchemeForm.Read(name => posted.GetValueOrDefault(name));
    }

    private static string Json(object? value) => System.Text.Json.JsonSerializer.Serialize(value, DomainJson.Options);

    [Fact]
    public void AStoredScheme_SentBackUnchanged_IsTheSameScheme()
    {
        var form = Posted(SchemeForm.From(B), []);

        var read = SchemeDocument.Read(form.ToDocument(B, out var kept));

        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        Assert.Equal(SchemeDocument.Write(B), SchemeDocument.Write(read.Scheme!));
        Assert.Equal([0, 1, 2, 3, 4], kept["targetIndicators"]);
        Assert.Equal("30", SchemeForm.From(B)["targetIndicators[0].points"]);
        Assert.Equal("colleagues:40, department-head:30, leaders:30", SchemeForm.From(B)["ratedIndicators[0].raterGroups"]);
        Assert.Equal("defective, returned", SchemeForm.From(B)["targetIndicators[4].filter.flags"]);
    }

    [Fact]
    public void ChangedFields_BecomeTheScheme_AndRowsMarkedOrLeftEmpty_AreDropped()
    {
        var shown = SchemeForm.From(B).WithEmptyRow("ledgerItems");
        var form = Posted(shown, new()
        {
            ["targetIndicators[0].points"] = "25",
            ["targetIndicators[0].bonusCap"] = "",
            ["targetIndicators[0].bonusPerUnit"] = "0",
            ["ledgerItems[1].remove"] = "true",
            ["ledgerItems[4].evidenceRequired"] = null,
            ["ratedIndicators[1].raterGroups"] = "leaders：60，colleagues:40",
        });

        var read = SchemeDocument.Read(form.ToDocument(B, out var kept));

        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        var scheme = read.Scheme!;
        Assert.Equal((25m, null, 0m), (scheme.TargetIndicators[0].Points, scheme.TargetIndicators[0].BonusCap, scheme.TargetIndicators[0].BonusPerUnit));
        Assert.DoesNotContain(scheme.LedgerItems, i => i.Id == "research-article");
        Assert.Equal(B.LedgerItems.Count - 1, scheme.LedgerItems.Count);
        Assert.False(scheme.LedgerItems.Single(i => i.Id == "ethics-violation").EvidenceRequired);
        Assert.Equal([("leaders", 60m), ("colleagues", 40m)], scheme.RatedIndicators[1].RaterGroups.Select(g => (g.Group, g.Weight)));
        Assert.Equal([0, 2, 3, 4, 5, 6], kept["ledgerItems"]);
        Assert.Equal(Json(B.LeaderWorkload), Json(scheme.LeaderWorkload)); // not in the form: kept as stored
        Assert.Equal(B.YearEnd.QuarterWeights, scheme.YearEnd.QuarterWeights);
    }

    [Fact]
    public void WhatTheFormDoesNotShowOfARatedIndicator_IsKept_ForTheGroupsItStillNames()
    {
        // The form shows groups as group:weight; their raters, minimum and name, and the fallback rating, stay as stored.
        var form = Posted(SchemeForm.From(B), new() { ["ratedIndicators[0].raterGroups"] = "colleagues:50, leaders:30, newcomers:20" });

        var read = SchemeDocument.Read(form.ToDocument(B, out _));

        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        var conduct = read.Scheme!.RatedIndicators[0];
        var stored = B.RatedIndicators[0];
        Assert.Equal(stored.FallbackRating, conduct.FallbackRating);
        Assert.Equal(stored.RaterGroups[0] with { Weight = 50 }, conduct.RaterGroups[0]);
        Assert.Equal(stored.RaterGroups[2], conduct.RaterGroups[1]);
        Assert.Equal(new RaterGroup { Group = "newcomers", Weight = 20 }, conduct.RaterGroups[2]);
    }

    [Theory]
    [InlineData("targetIndicators[1].points", "-5", "$.targetIndicators[1].points")]
    [InlineData("targetIndicators[1].points", "三十", "$.targetIndicators[1].points")]
    [InlineData("targetIndicators[1].metric", "closure", "$.targetIndicators[1].metric")]
    [InlineData("ledgerItems[2].id", "bad id!", "$.ledgerItems[2].id")]
    public void AWrongValue_IsReportedAtTheFieldItWasTypedIn(string field, string value, string path)
    {
        var form = Posted(SchemeForm.From(B), new() { [field] = value });

        var read = SchemeDocument.Read(form.ToDocument(B, out var kept));

        var error = Assert.Single(read.Errors);
        Assert.Equal(path, error.Path);
        Assert.Equal(field, SchemeForm.FieldOf(error.Path, kept));
    }

    [Fact]
    public void AnError_AfterARowMarkedForRemoval_LeadsBackToTheRowItWasTypedIn()
    {
        var form = Posted(SchemeForm.From(B), new() { ["targetIndicators[0].remove"] = "true", ["targetIndicators[2].deductionCap"] = "-1" });

        var read = SchemeDocument.Read(form.ToDocument(B, out var kept));

        var error = Assert.Single(read.Errors);
        Assert.Equal("$.targetIndicators[1].deductionCap", error.Path);
        Assert.Equal("targetIndicators[2].deductionCap", SchemeForm.FieldOf(error.Path, kept));
    }

    [Fact]
    public void TheValidatorsRules_LandAtTheirFields_OrTheirSection()
    {
        // Indicator points beyond the category's base: at the base; weights not summing to 100: at the categories.
        var form = Posted(SchemeForm.From(B), new() { ["ratedIndicators[1].points"] = "120", ["categories[1].weight"] = "20" });

        var read = SchemeDocument.Read(form.ToDocument(B, out var kept));

        Assert.Equal(["$.categories", "$.categories[2].base"], read.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Equal("categories", SchemeForm.FieldOf("$.categories", kept));
        Assert.Equal("categories[2].base", SchemeForm.FieldOf("$.categories[2].base", kept));
        Assert.Contains("120", read.Errors.Single(e => e.Path == "$.categories[2].base").Text(Language.Zh), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$.name", "name.zh")]
    [InlineData("$.name.zh", "name.zh")]
    [InlineData("$.grading.excellentQuotaPercent", "grading.excellentQuotaPercent")]
    [InlineData("$.grading.thresholds", "grading.thresholds")]
    [InlineData("$.grading.thresholds[1].min", "grading.thresholds[1].min")]
    [InlineData("$.ratedIndicators[0].raterGroups[1].weight", "ratedIndicators[0].raterGroups")]
    [InlineData("$.targetIndicators[4].filter.flags", "targetIndicators[4].filter.flags")]
    [InlineData("$.targetIndicators[3]", "targetIndicators[3]")]
    [InlineData("$.targetIndicators[3].name", "targetIndicators[3].name.zh")]
    [InlineData("$.targetIndicators[9].points", "targetIndicators")]
    [InlineData("$.yearEnd.quarterWeights", null)]
    [InlineData("$.leaderWorkload.rules[0].post", null)]
    [InlineData("$", null)]
    public void APath_GoesToItsField_ElseItsRowOrSection_ElseTheSummary(string path, string? field)
    {
        var kept = SchemeForm.Sections.ToDictionary(s => s.Path, s => (IReadOnlyList<int>)Enumerable.Range(0, 5).ToList());

        Assert.Equal(field, SchemeForm.FieldOf(path, kept));
    }

    [Fact]
    public void EveryField_AndEveryChoice_IsWorded_InBothLanguages()
    {
        var keys = SchemeForm.Scalars.Concat(SchemeForm.Sections.SelectMany(s => s.Fields)).SelectMany(f =>
            (f.Choices ?? []).Select(c => "Scheme.Choice." + (c.Length == 0 ? "default" : c)).Append("Scheme.Field." + f.Key));
        var sections = SchemeForm.Sections.SelectMany(s => new[] { "Scheme.Section." + s.Path, "Scheme.Add." + s.Path });
        foreach (var key in keys.Concat(sections).Concat(Enum.GetNames<Appraisal.Domain.Scoring.LineKind>().Select(k => "Scheme.Line." + k)))
        {
            Assert.Contains(key, PageText.Keys(Language.Zh));
            Assert.Contains(key, PageText.Keys(Language.En));
        }
    }
}
