using Appraisal.Domain.Schemes;

namespace Appraisal.SelfHost.Tests.Cli;

public sealed class SchemeCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("A")]
    [InlineData("B")]
    [InlineData("C")]
    [InlineData("D")]
    public async Task New_ThenValidate_EveryTemplateIsValid(string letter)
    {
        var file = _folder[$"scheme-{letter}.json"];

        var created = await CliRun.InvokeAsync("scheme", "new", "--template", letter, "--output", file);
        var validated = await CliRun.InvokeAsync("scheme", "validate", file);

        Assert.Equal(0, created.ExitCode);
        Assert.Equal(SchemeTemplates.Json(letter), await File.ReadAllTextAsync(file));
        Assert.Equal(0, validated.ExitCode);
        Assert.Contains("valid —", validated.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("error", validated.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_RefusesToOverwriteAnExistingFile()
    {
        var file = _folder["existing.json"];
        await File.WriteAllTextAsync(file, "keep me");

        var run = await CliRun.InvokeAsync("scheme", "new", "-t", "A", "-o", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("keep me", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task New_UnknownTemplate_IsAParseError()
    {
        var run = await CliRun.InvokeAsync("scheme", "new", "-t", "E");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("'E'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_BrokenScheme_ReportsEveryErrorWithItsPath_AndFails()
    {
        var json = SchemeTemplates.Json("A")
            .Replace("\"base\": 60", "\"base\": 65", StringComparison.Ordinal)
            .Replace("\"category\": \"common\"", "\"category\": \"nowhere\"", StringComparison.Ordinal)
            .Replace("\"excellentQuotaPercent\": 20", "\"excellentQuotaPercent\": 120", StringComparison.Ordinal);
        var file = _folder["broken.json"];
        await File.WriteAllTextAsync(file, json);

        var run = await CliRun.InvokeAsync("scheme", "validate", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("$.grading.excellentQuotaPercent", run.Error, StringComparison.Ordinal);

        // The shape error stops the semantic pass; fix it and the semantic errors appear, all of them.
        await File.WriteAllTextAsync(file, json.Replace("\"excellentQuotaPercent\": 120", "\"excellentQuotaPercent\": 20", StringComparison.Ordinal));
        run = await CliRun.InvokeAsync("scheme", "validate", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error $.categories: expected category bases summing to 100, found 105", run.Error, StringComparison.Ordinal);
        Assert.Contains("$.ledgerItems[6].category", run.Error, StringComparison.Ordinal);
        Assert.Contains("'nowhere'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_WarningsArePrintedButDoNotFail()
    {
        var json = SchemeTemplates.Json("B").Replace("\"minSharePercent\": 50", "\"minSharePercent\": 40", StringComparison.Ordinal);
        var file = _folder["warned.json"];
        await File.WriteAllTextAsync(file, json);

        var run = await CliRun.InvokeAsync("scheme", "validate", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("warning $.leaderWorkload.rules[0].minSharePercent", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MissingFile_FailsWithItsName()
    {
        var run = await CliRun.InvokeAsync("scheme", "validate", _folder["absent.json"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("absent.json", run.Error, StringComparison.Ordinal);
    }
}
