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
        var validated = await CliRun.InvokeAsync("scheme", "validate", file, "--lang", "en");
        var validatedZh = await CliRun.InvokeAsync("scheme", "validate", file);

        Assert.Equal(0, created.ExitCode);
        Assert.Equal(SchemeTemplates.Json(letter), await File.ReadAllTextAsync(file));
        Assert.Equal(0, validated.ExitCode);
        Assert.Contains("valid —", validated.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("error", validated.Error, StringComparison.Ordinal);
        Assert.Equal(0, validatedZh.ExitCode);
        Assert.Contains("有效 —", validatedZh.Output, StringComparison.Ordinal);
        Assert.Contains("0 个警告", validatedZh.Output, StringComparison.Ordinal);
        Assert.Empty(validatedZh.Error);
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

        var run = await CliRun.InvokeAsync("scheme", "validate", file, "--lang", "en");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("$.grading.excellentQuotaPercent", run.Error, StringComparison.Ordinal);

        // The shape error stops the semantic pass; fix it and the semantic errors appear, all of them.
        await File.WriteAllTextAsync(file, json.Replace("\"excellentQuotaPercent\": 120", "\"excellentQuotaPercent\": 20", StringComparison.Ordinal));
        run = await CliRun.InvokeAsync("scheme", "validate", file, "--lang", "en");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error $.categories: expected category bases summing to 100, found 105", run.Error, StringComparison.Ordinal);
        Assert.Contains("$.ledgerItems[6].category", run.Error, StringComparison.Ordinal);
        Assert.Contains("'nowhere'", run.Error, StringComparison.Ordinal);
        Assert.Contains("broken.json: invalid — 6 error(s), 0 warning(s)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_BrokenScheme_SpeaksChineseByDefault_WithTheSamePathsAndFigures()
    {
        var json = SchemeTemplates.Json("A")
            .Replace("\"base\": 60", "\"base\": 65", StringComparison.Ordinal)
            .Replace("\"category\": \"common\"", "\"category\": \"nowhere\"", StringComparison.Ordinal);
        var file = _folder["broken-zh.json"];
        await File.WriteAllTextAsync(file, json);

        var run = await CliRun.InvokeAsync("scheme", "validate", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("broken-zh.json: 错误 $.categories：期望类别基础分之和为 100，实际为 105", run.Error, StringComparison.Ordinal);
        Assert.Contains("错误 $.ledgerItems[6].category：应为本方案的类别之一（business、common、compliance），实际为 'nowhere'", run.Error, StringComparison.Ordinal);
        Assert.Contains("broken-zh.json: 无效 — 6 个错误，0 个警告", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("expected", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ShapeError_SpeaksChineseByDefault()
    {
        var json = SchemeTemplates.Json("A").Replace("\"excellentQuotaPercent\": 20", "\"excellentQuotaPercent\": 120", StringComparison.Ordinal);
        var file = _folder["shape.json"];
        await File.WriteAllTextAsync(file, json);

        var run = await CliRun.InvokeAsync("scheme", "validate", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("错误 $.grading.excellentQuotaPercent：应不大于 100，实际为 120", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_WarningsArePrintedButDoNotFail()
    {
        var json = SchemeTemplates.Json("B").Replace("\"minSharePercent\": 50", "\"minSharePercent\": 40", StringComparison.Ordinal);
        var file = _folder["warned.json"];
        await File.WriteAllTextAsync(file, json);

        var run = await CliRun.InvokeAsync("scheme", "validate", file, "--lang", "en");
        var zh = await CliRun.InvokeAsync("scheme", "validate", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("warning $.leaderWorkload.rules[0].minSharePercent", run.Output, StringComparison.Ordinal);
        Assert.Equal(0, zh.ExitCode);
        Assert.Contains("警告 $.leaderWorkload.rules[0].minSharePercent：", zh.Output, StringComparison.Ordinal);
        Assert.Contains("50–70%，实际为 40%", zh.Output, StringComparison.Ordinal);
        Assert.Contains("1 个警告", zh.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MissingFile_FailsWithItsName()
    {
        var run = await CliRun.InvokeAsync("scheme", "validate", _folder["absent.json"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("absent.json：找不到文件", run.Error, StringComparison.Ordinal);
    }
}
