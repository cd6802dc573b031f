using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Domain.Schemes.Validation;
using Appraisal.Domain.Text;
using Appraisal.Workflow.Pages;

namespace Appraisal.Workflow.Tests.Pages;

/// <summary>The scheme drafting form: a stored scheme shown in fields and sent back unchanged is the same scheme; a
/// value entered wrong is reported by the document's own check at the JSON path that leads back to the field it was
/// typed in — past rows marked for removal — and a path the form shows no field for goes to its row, its section or
/// the summary. A rated indicator's rater groups are rows of their own (who rates, k, name, weight), and an error in one
/// leads to its field past groups removed.</summary>
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

        void Post(string path, SchemeSection section)
        {
            posted[path + ".rows"] = shown.Rows(path).ToString(System.Globalization.CultureInfo.InvariantCulture);
            for (var i = 0; i < shown.Rows(path); i++)
            {
                foreach (var field in section.Fields)
                {
                    var name = SchemeForm.Name(path, i, field.Key);
                    posted[name] = field.Kind == SchemeFieldKind.Flag ? (shown[name] == "true" ? "true" : null) : shown[name];
                }

                if (section.Nested is { } nested)
                {
                    Post(SchemeForm.Name(path, i, nested.Path), nested);
                }
            }
        }

        foreach (var section in SchemeForm.Sections)
        {
            Post(section.Path, section);
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
        Assert.Equal(("department-head", "departmentHead", "1", "30"), (SchemeForm.From(B)["ratedIndicators[0].raterGroups[1].group"], SchemeForm.From(B)["ratedIndicators[0].raterGroups[1].raters"],
            SchemeForm.From(B)["ratedIndicators[0].raterGroups[1].minResponses"], SchemeForm.From(B)["ratedIndicators[0].raterGroups[1].weight"]));
        Assert.Equal(3, SchemeForm.From(B).Rows("ratedIndicators[0].raterGroups"));
        Assert.Equal("80", SchemeForm.From(B)["ratedIndicators[0].fallbackRating"]);
        Assert.Equal("defective, returned", SchemeForm.From(B)["targetIndicators[4].filter.flags"]);
    }

    [Theory]
    [InlineData("4", null)]
    [InlineData("", null)]
    [InlineData("5", "应不大于 4，实际为 5")]
    [InlineData("2.5", "应为 integer，实际为 number")]
    public void Decimals_AreEntered_AndAWrongValueIsReportedAtItsField(string entered, string? error)
    {
        var form = Posted(SchemeForm.From(B), new() { ["decimals"] = entered });

        var read = SchemeDocument.Read(form.ToDocument(B, out var kept));

        Assert.Equal("2", SchemeForm.From(B)["decimals"]);
        if (error is null)
        {
            Assert.True(read.IsValid, string.Join("; ", read.Errors));
            Assert.Equal(entered.Length == 0 ? Scheme.DefaultDecimals : 4, read.Scheme!.Decimals);
            return;
        }

        var issue = Assert.Single(read.Errors);
        Assert.Equal(error, issue.MessageZh);
        Assert.Equal("decimals", SchemeForm.FieldOf(issue.Path, kept));
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
            ["ratedIndicators[0].raterGroups[0].weight"] = "70",
            ["ratedIndicators[0].raterGroups[1].remove"] = "true",
        });

        var read = SchemeDocument.Read(form.ToDocument(B, out var kept));

        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        var scheme = read.Scheme!;
        Assert.Equal((25m, null, 0m), (scheme.TargetIndicators[0].Points, scheme.TargetIndicators[0].BonusCap, scheme.TargetIndicators[0].BonusPerUnit));
        Assert.DoesNotContain(scheme.LedgerItems, i => i.Id == "research-article");
        Assert.Equal(B.LedgerItems.Count - 1, scheme.LedgerItems.Count);
        Assert.False(scheme.LedgerItems.Single(i => i.Id == "ethics-violation").EvidenceRequired);
        Assert.Equal([("colleagues", 70m), ("leaders", 30m)], scheme.RatedIndicators[0].RaterGroups.Select(g => (g.Group, g.Weight)));
        Assert.Equal(B.RatedIndicators[0].RaterGroups[2], scheme.RatedIndicators[0].RaterGroups[1]);
        Assert.Equal([0, 2], kept["ratedIndicators[0].raterGroups"]);
        Assert.Equal([0, 2, 3, 4, 5, 6], kept["ledgerItems"]);
        Assert.Equal(Json(B.LeaderWorkload), Json(scheme.LeaderWorkload)); // not in the form: kept as stored
        Assert.Equal(B.YearEnd.QuarterWeights, scheme.YearEnd.QuarterWeights);
    }

    [Fact]
    public void ARowsFieldsTheFormDoesNotShow_AreKeptByItsId_AndTheUncappedBonusIsATick()
    {
        var a = SchemeTemplates.Load("A");
        var shownA = SchemeForm.From(a);
        Assert.Equal("true", shownA["targetIndicators[0].bonusUncapped"]);

        // Template A's closure rate: the tick taken off and a cap entered instead.
        var capped = SchemeDocument.Read(Posted(shownA, new() { ["targetIndicators[0].bonusUncapped"] = null, ["targetIndicators[0].bonusCap"] = "5" }).ToDocument(a, out _));
        Assert.True(capped.IsValid, string.Join("; ", capped.Errors));
        Assert.Equal((false, 5m), (capped.Scheme!.TargetIndicators[0].BonusUncapped, capped.Scheme.TargetIndicators[0].BonusCap));
        Assert.True(capped.Scheme.TargetIndicators[2].BonusUncapped);

        // Template B's case count entered again as a new last row (its first row renamed, the closure rate removed): its
        // case weights (not in the form) go with its id, the fields the form shows are as entered; the renamed row has none.
        var shownB = SchemeForm.From(B).WithEmptyRow("targetIndicators");
        var row = shownB.Rows("targetIndicators") - 1;
        var moved = Posted(shownB, new()
        {
            ["targetIndicators[0].id"] = "closure-rate-2",
            ["targetIndicators[1].remove"] = "true",
            [SchemeForm.Name("targetIndicators", row, "id")] = "case-count",
            [SchemeForm.Name("targetIndicators", row, "name.zh")] = "办案数量",
            [SchemeForm.Name("targetIndicators", row, "category")] = "case-handling",
            [SchemeForm.Name("targetIndicators", row, "metric")] = "caseCount",
            [SchemeForm.Name("targetIndicators", row, "target")] = "10",
            [SchemeForm.Name("targetIndicators", row, "points")] = "25",
        });
        var read = SchemeDocument.Read(moved.ToDocument(B, out _));

        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        var scheme = read.Scheme!;
        Assert.Null(scheme.TargetIndicators.Single(t => t.Id == "closure-rate-2").Weights);
        var caseCount = scheme.TargetIndicators.Single(t => t.Id == "case-count");
        Assert.Equal(Json(B.TargetIndicators[0].Weights), Json(caseCount.Weights));
        Assert.Equal((10m, 25m), (caseCount.Target, caseCount.Points));
        Assert.Equal("case-count", scheme.TargetIndicators[^1].Id);
    }

    [Fact]
    public void ARaterGroupAdded_WithWhoRatesKAndName_AndTheFallbackAndWindow_BecomeTheScheme()
    {
        // Skills (B) is rated by the leaders alone: case management joins, and the ratings wait for the self-evaluation.
        var shown = SchemeForm.From(B).WithEmptyRow("ratedIndicators[1].raterGroups");
        Assert.Equal(2, shown.Rows("ratedIndicators[1].raterGroups"));
        var form = Posted(shown, new()
        {
            ["ratingWindow"] = "afterSelfEvaluation",
            ["ratedIndicators[1].fallbackRating"] = "75",
            ["ratedIndicators[1].raterGroups[0].weight"] = "60",
            ["ratedIndicators[1].raterGroups[1].group"] = "case-management",
            ["ratedIndicators[1].raterGroups[1].name.zh"] = "案件质量评查",
            ["ratedIndicators[1].raterGroups[1].weight"] = "40",
            ["ratedIndicators[1].raterGroups[1].raters"] = "department",
            ["ratedIndicators[1].raterGroups[1].departmentId"] = "D11",
            ["ratedIndicators[1].raterGroups[1].minResponses"] = "2",
        });

        var read = SchemeDocument.Read(form.ToDocument(B, out _));

        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        var skills = read.Scheme!.RatedIndicators[1];
        Assert.Equal(RatingWindow.AfterSelfEvaluation, read.Scheme.RatingWindow);
        Assert.Equal(75m, skills.FallbackRating);
        Assert.Equal(B.RatedIndicators[1].RaterGroups[0] with { Weight = 60 }, skills.RaterGroups[0]);
        var added = skills.RaterGroups[1];
        Assert.Equal(("case-management", "案件质量评查", 40m, RaterKind.Department, "D11", 2), (added.Group, added.Name?.Zh, added.Weight, added.Raters, added.DepartmentId, added.MinResponses));
        Assert.Empty(SchemeValidator.ValidateDraft(read.Scheme));

        // Shown again as stored: the same values in the same fields.
        var again = SchemeForm.From(read.Scheme);
        Assert.Equal(("department", "D11", "2", "75", "afterSelfEvaluation"), (again["ratedIndicators[1].raterGroups[1].raters"], again["ratedIndicators[1].raterGroups[1].departmentId"],
            again["ratedIndicators[1].raterGroups[1].minResponses"], again["ratedIndicators[1].fallbackRating"], again["ratingWindow"]));
    }

    [Fact]
    public void ARaterGroupWithoutRaters_IsRefusedForADraft_AtItsRatersField_PastGroupsRemoved()
    {
        // The first group removed, the third's raters left unstated (as in a scheme written before rater kinds).
        var form = Posted(SchemeForm.From(B), new()
        {
            ["ratedIndicators[0].raterGroups[0].remove"] = "true",
            ["ratedIndicators[0].raterGroups[1].weight"] = "70",
            ["ratedIndicators[0].raterGroups[2].raters"] = "",
            ["ratedIndicators[0].raterGroups[2].minResponses"] = "",
        });

        var read = SchemeDocument.Read(form.ToDocument(B, out var kept));

        Assert.True(read.IsValid, string.Join("; ", read.Errors)); // a scheme without raters still reads (sameDepartment, k = 1)
        Assert.Equal((RaterKind.SameDepartment, 1), (read.Scheme!.RatedIndicators[0].RaterGroups[1].EffectiveRaters, read.Scheme.RatedIndicators[0].RaterGroups[1].EffectiveMinResponses));
        var error = Assert.Single(SchemeValidator.ValidateDraft(read.Scheme));
        Assert.Equal("$.ratedIndicators[0].raterGroups[1].raters", error.Path);
        Assert.Equal("ratedIndicators[0].raterGroups[2].raters", SchemeForm.FieldOf(error.Path, kept));
        Assert.StartsWith("expected the raters of group 'leaders' of 'conduct-evaluation'", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("found none", error.Message, StringComparison.Ordinal);
        Assert.Contains("未写明", error.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void AnIndicatorWithEveryGroupRemoved_IsReportedAtItsGroups()
    {
        var form = Posted(SchemeForm.From(B), new() { ["ratedIndicators[1].raterGroups[0].remove"] = "true" });

        var read = SchemeDocument.Read(form.ToDocument(B, out var kept));

        Assert.Contains(read.Errors, e => e.Path == "$.ratedIndicators[1].raterGroups" && SchemeForm.FieldOf(e.Path, kept) == "ratedIndicators[1].raterGroups");
    }

    [Theory]
    [InlineData("targetIndicators[1].points", "-5", "$.targetIndicators[1].points")]
    [InlineData("targetIndicators[1].points", "三十", "$.targetIndicators[1].points")]
    [InlineData("targetIndicators[1].metric", "closure", "$.targetIndicators[1].metric")]
    [InlineData("ledgerItems[2].id", "bad id!", "$.ledgerItems[2].id")]
    [InlineData("ratedIndicators[0].raterGroups[2].minResponses", "0", "$.ratedIndicators[0].raterGroups[2].minResponses")]
    [InlineData("ratedIndicators[0].raterGroups[2].minResponses", "2.5", "$.ratedIndicators[0].raterGroups[2].minResponses")]
    [InlineData("ratedIndicators[0].fallbackRating", "101", "$.ratedIndicators[0].fallbackRating")]
    [InlineData("ratedIndicators[0].raterGroups[1].departmentId", "D11", "$.ratedIndicators[0].raterGroups[1].departmentId")]
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
    [InlineData("$.ratingWindow", "ratingWindow")]
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
        var all = SchemeForm.Sections.Concat(SchemeForm.Sections.Where(s => s.Nested is not null).Select(s => s.Nested!)).ToList();
        var keys = SchemeForm.Scalars.Concat(all.SelectMany(s => s.Fields)).SelectMany(f =>
            (f.Choices ?? []).Select(f.ChoiceKey).Append("Scheme.Field." + f.Key)).Append("Scheme.Choice.noDepartment").Append("Scheme.RaterGroupsHint").Append("Scheme.RatersNotStated").Append("Scheme.RaterGroup");
        var sections = all.SelectMany(s => new[] { "Scheme.Section." + s.Path, "Scheme.Add." + s.Path });
        foreach (var key in keys.Concat(sections).Concat(Enum.GetNames<Appraisal.Domain.Scoring.LineKind>().Select(k => "Scheme.Line." + k)))
        {
            Assert.Contains(key, PageText.Keys(Language.Zh));
            Assert.Contains(key, PageText.Keys(Language.En));
        }
    }
}
