using Appraisal.Domain.Organisation;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Json;

namespace Appraisal.Domain.Tests.Schemes;

public sealed class SchemeTemplatesTests
{
    [Theory]
    [InlineData("A")]
    [InlineData("B")]
    [InlineData("C")]
    [InlineData("D")]
    public void ShippedTemplate_Validates_WithNoErrorsAndNoWarnings(string letter)
    {
        var result = SchemeDocument.Read(SchemeTemplates.Json(letter));

        Assert.True(result.IsValid, string.Join("; ", result.Issues));
        Assert.Empty(result.Issues);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("d")]
    public void TemplateLetter_IsCaseInsensitive(string letter)
    {
        Assert.Equal(SchemeTemplates.Json(letter.ToUpperInvariant()), SchemeTemplates.Json(letter));
    }

    [Fact]
    public void UnknownTemplateLetter_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SchemeTemplates.Json("E"));
    }

    [Fact]
    public void TemplateA_IsADepartmentScheme_WithBases60_30_10()
    {
        var scheme = SchemeTemplates.Load("A");

        Assert.Equal(SubjectKind.Department, scheme.SubjectKind);
        Assert.Equal(SchemeMode.BasePlusAdjustment, scheme.Mode);
        Assert.Equal(["business", "common", "compliance"], scheme.Categories.Select(c => c.Id));
        Assert.Equal([60m, 30m, 10m], scheme.Categories.Select(c => c.Base));
    }

    [Fact]
    public void TemplateA_HonoursCarryThe20PercentUplift()
    {
        var scheme = SchemeTemplates.Load("A");

        var provincial = scheme.LedgerItems.Single(i => i.Id == "honour-provincial");

        Assert.Equal(20m, provincial.UpliftPercent);
        Assert.Equal(3.6m, provincial.PointsPerOccurrence);
    }

    [Fact]
    public void TemplateB_IsWeighted_70_10_10_10_ForQuotaProsecutors()
    {
        var scheme = SchemeTemplates.Load("B");

        Assert.Equal(SchemeMode.Weighted, scheme.Mode);
        Assert.Equal([StaffCategory.QuotaProsecutor], scheme.StaffCategories);
        Assert.Equal([70m, 10m, 10m, 10m], scheme.Categories.Select(c => c.Weight!.Value));
        Assert.All(scheme.Categories, c => Assert.Equal(100m, c.Base));
    }

    [Fact]
    public void TemplateC_HasTheFiveCivilServantCategories_ForAssistantsAndAdministrativeStaff()
    {
        var scheme = SchemeTemplates.Load("C");

        Assert.Equal(["virtue", "ability", "diligence", "achievement", "integrity"], scheme.Categories.Select(c => c.Id));
        Assert.Equal([StaffCategory.ProsecutorialAssistant, StaffCategory.JudicialAdministrativeStaff], scheme.StaffCategories);
        Assert.Equal(100m, scheme.Categories.Sum(c => c.Base));
    }

    [Fact]
    public void TemplateD_HasEightAspects_AndQuarterWeights20_25_25_30()
    {
        var scheme = SchemeTemplates.Load("D");

        Assert.Equal(8, scheme.Categories.Count);
        Assert.Equal([20m, 25m, 25m, 30m], scheme.YearEnd.QuarterWeights);
        Assert.Equal(70m, scheme.Categories.Where(c => c.Performance).Sum(c => c.Base));
    }

    [Theory]
    [InlineData("A")]
    [InlineData("B")]
    [InlineData("C")]
    [InlineData("D")]
    public void Template_WrittenAndReadBack_IsTheSameDocument(string letter)
    {
        var written = SchemeDocument.Write(SchemeTemplates.Load(letter));

        var reread = SchemeDocument.Read(written);

        Assert.True(reread.IsValid, string.Join("; ", reread.Issues));
        Assert.Equal(written, SchemeDocument.Write(reread.Scheme!));
    }
}
