using System.CommandLine;
using Appraisal.SelfHost.Cli;
using Appraisal.Storage;

namespace Appraisal.SelfHost.Tests.Cli;

/// <summary>Runs the <c>appraisal</c> command line in-process and captures what it prints.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static Task<CliRun> InvokeAsync(params string[] args) => InvokeAsync(null, args);

    /// <summary>Runs against the given storage (tests give each run fresh table names) instead of the environment's.</summary>
    public static async Task<CliRun> InvokeAsync(StorageOptions? storage, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AppraisalCli.Build(storage).Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
