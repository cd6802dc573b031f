namespace Appraisal.SelfHost.Tests.Cli;

/// <summary>The command line's stage durations: a value in no notation it reads is refused before anything is sent,
/// naming the option, what was expected and what was found.</summary>
public sealed class StageDurationOptionTests
{
    [Theory]
    [InlineData("cycle", "--objection-period", "5x")]
    [InlineData("cycle", "--self-evaluation", "0wd")]
    [InlineData("cycle", "--correction", "1.5wd")]
    [InlineData("province", "--objection-period", "five")]
    public async Task ABadDuration_IsRefusedAtItsOption(string command, string option, string value)
    {
        string[] target = command == "cycle" ? ["--office", "office-1", "--period", "2026-Q2"] : ["--province", "p1", "--period", "2026-Q2"];
        var run = await CliRun.InvokeAsync([command, "start", .. target, "--url", "http://127.0.0.1:9", option, value]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"{option}: expected a time span such as 5.00:00:00 or 00:00:30, days such as 5d, or working days such as 5wd, found '{value}'", run.Error, StringComparison.Ordinal);
        Assert.Contains("5 个工作日", run.Error, StringComparison.Ordinal);
    }
}
