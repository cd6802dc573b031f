using System.Text.Json.Nodes;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Domain.Schemes.Validation;
using static Appraisal.Domain.Tests.TestSchemes;

namespace Appraisal.Domain.Tests.Schemes;

/// <summary>Rater groups in scheme documents: who rates (raters, departmentId), the minimum responses, names, the
/// fallback rating and the rating window — read, written, validated; documents without them still load.</summary>
public sealed class SchemeRaterGroupTests
{
    private static JsonObject FirstGroup(JsonObject root) => root["ratedIndicators"]![0]!["raterGroups"]![0]!.AsObject();

    private static SchemeValidationResult WithGroup(Action<JsonObject> change) => SchemeJson.Read(root => change(FirstGroup(root)));

    [Fact]
    public void ADocumentWithoutTheNewFields_Loads_AsSameDepartmentCountingAnyResponse()
    {
        var result = SchemeDocument.Read(SchemeJson.Minimal);

        Assert.True(result.IsValid, string.Join("; ", result.Issues));
        var indicator = result.Scheme!.RatedIndicators[0];
        var group = indicator.RaterGroups[0];
        Assert.Equal((null, RaterKind.SameDepartment, (int?)null, 1, (LocalizedText?)null), (group.Raters, group.EffectiveRaters, group.MinResponses, group.EffectiveMinResponses, group.Name));
        Assert.Null(indicator.FallbackRating);
        Assert.Equal(RatingWindow.WithSelfEvaluation, result.Scheme.RatingWindow);
        Assert.DoesNotContain("\"raters\"", SchemeDocument.Write(result.Scheme), StringComparison.Ordinal);
    }

    [Fact]
    public void TheNewFields_RoundTrip()
    {
        var result = SchemeJson.Read(root =>
        {
            root["ratingWindow"] = "afterSelfEvaluation";
            root["ratedIndicators"]![0]!["fallbackRating"] = 80;
            root["ratedIndicators"]![0]!["raterGroups"] = JsonNode.Parse("""
                [ { "group": "staff", "name": { "zh": "全院干警", "en": "All staff" }, "weight": 50, "raters": "department", "departmentId": "D11", "minResponses": 7 },
                  { "group": "leaders", "weight": 50, "raters": "officeLeaders" } ]
                """);
        });

        Assert.True(result.IsValid, string.Join("; ", result.Issues));
        var scheme = result.Scheme!;
        var indicator = scheme.RatedIndicators[0];
        Assert.Equal(RatingWindow.AfterSelfEvaluation, scheme.RatingWindow);
        Assert.Equal(80m, indicator.FallbackRating);
        Assert.Equal(new RaterGroup { Group = "staff", Name = new LocalizedText("全院干警", "All staff"), Weight = 50, Raters = RaterKind.Department, DepartmentId = "D11", MinResponses = 7 }, indicator.RaterGroups[0]);
        Assert.Equal((RaterKind.OfficeLeaders, 5), (indicator.RaterGroups[1].EffectiveRaters, indicator.RaterGroups[1].EffectiveMinResponses));

        var written = SchemeDocument.Write(scheme);
        Assert.Contains("\"raters\": \"department\"", written, StringComparison.Ordinal);
        Assert.Contains("\"ratingWindow\": \"afterSelfEvaluation\"", written, StringComparison.Ordinal);
        var again = SchemeDocument.Read(written);
        Assert.True(again.IsValid, string.Join("; ", again.Issues));
        Assert.Equal(written, SchemeDocument.Write(again.Scheme!));
        Assert.Equal(indicator.RaterGroups, again.Scheme!.RatedIndicators[0].RaterGroups);
    }

    [Theory]
    [InlineData("A")]
    [InlineData("B")]
    [InlineData("C")]
    [InlineData("D")]
    public void EveryTemplate_RoundTrips(string letter)
    {
        var scheme = SchemeTemplates.Load(letter);

        var again = SchemeDocument.Parse(SchemeDocument.Write(scheme));

        Assert.Equal(SchemeDocument.Write(scheme), SchemeDocument.Write(again));
        Assert.All(scheme.RatedIndicators.SelectMany(r => r.RaterGroups), g => Assert.NotNull(g.Raters));
    }

    [Fact]
    public void AnUnknownRatersKind_IsAShapeError()
    {
        var result = WithGroup(g => g["raters"] = "neighbours");

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.ratedIndicators[0].raterGroups[0].raters", error.Path);
        Assert.Contains("sameDepartment", error.MessageZh, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void MinResponsesOutside1To1000_IsAnError(int k)
    {
        var error = Assert.Single(WithGroup(g => { g["raters"] = "allStaff"; g["minResponses"] = k; }).Errors);
        Assert.Equal("$.ratedIndicators[0].raterGroups[0].minResponses", error.Path);

        var direct = SchemeValidator.Validate(RatedScheme(new RaterGroup { Group = "g", Weight = 100, Raters = RaterKind.AllStaff, MinResponses = k }));
        var issue = Assert.Single(direct);
        Assert.Equal(("$.ratedIndicators[0].raterGroups[0].minResponses", IssueSeverity.Error), (issue.Path, issue.Severity));
        Assert.Contains("1000", issue.MessageZh, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100.5)]
    public void AFallbackRatingOutside0To100_IsAnError(double fallback)
    {
        var error = Assert.Single(SchemeJson.Read(root => root["ratedIndicators"]![0]!["fallbackRating"] = fallback).Errors);
        Assert.Equal("$.ratedIndicators[0].fallbackRating", error.Path);

        var scheme = RatedScheme(new RaterGroup { Group = "g", Weight = 100, Raters = RaterKind.AllStaff });
        scheme = scheme with { RatedIndicators = [scheme.RatedIndicators[0] with { FallbackRating = (decimal)fallback }] };
        var issue = Assert.Single(SchemeValidator.Validate(scheme));
        Assert.Equal("$.ratedIndicators[0].fallbackRating", issue.Path);
        Assert.Contains("保底评分", issue.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void RatersDepartment_WithoutADepartmentId_IsAnError()
    {
        var error = Assert.Single(WithGroup(g => g["raters"] = "department").Errors);

        Assert.Equal("$.ratedIndicators[0].raterGroups[0].departmentId", error.Path);
        Assert.Contains("found none", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADepartmentId_WithOtherRaters_IsAnError()
    {
        var error = Assert.Single(WithGroup(g => { g["raters"] = "allStaff"; g["departmentId"] = "D11"; }).Errors);

        Assert.Equal("$.ratedIndicators[0].raterGroups[0].departmentId", error.Path);
        Assert.Contains("'allStaff'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sameDepartment")]
    [InlineData("departmentHead")]
    public void ADepartmentScheme_RatedByTheDepartmentsOwnMembers_IsAnError(string raters)
    {
        var error = Assert.Single(WithGroup(g => g["raters"] = raters).Errors);

        Assert.Equal("$.ratedIndicators[0].raterGroups[0].raters", error.Path);
        Assert.Contains(raters, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APersonScheme_MayBeRatedByTheSameDepartment()
    {
        var result = SchemeJson.Read(root =>
        {
            SchemeJson.MakePersonScheme(root);
            FirstGroup(root)["raters"] = "sameDepartment";
        });

        Assert.True(result.IsValid, string.Join("; ", result.Issues));
    }

    [Fact]
    public void AGroupTwiceInAnIndicator_IsStillAnError_WhateverItsRaters()
    {
        var scheme = RatedScheme(
            new RaterGroup { Group = "g", Weight = 50, Raters = RaterKind.AllStaff },
            new RaterGroup { Group = "g", Weight = 50, Raters = RaterKind.OfficeLeaders });

        var issue = Assert.Single(SchemeValidator.Validate(scheme));

        Assert.Equal("$.ratedIndicators[0].raterGroups[1].group", issue.Path);
    }

    [Fact]
    public void AnUndefinedRatersValue_BuiltInCode_IsAnError()
    {
        var issue = Assert.Single(SchemeValidator.Validate(RatedScheme(new RaterGroup { Group = "g", Weight = 100, Raters = (RaterKind)42 })));

        Assert.Equal("$.ratedIndicators[0].raterGroups[0].raters", issue.Path);
        Assert.Contains("officeLeaders", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownRatingWindow_IsAShapeError()
    {
        var error = Assert.Single(SchemeJson.Read(root => root["ratingWindow"] = "whenever").Errors);

        Assert.Equal("$.ratingWindow", error.Path);
    }

    private static Scheme RatedScheme(params RaterGroup[] groups) =>
        Department(Category("a", 100)) with { RatedIndicators = [Rated("r", "a", 10) with { RaterGroups = groups }] };
}
