using System.CommandLine;

using Appraisal.Storage;

namespace Appraisal.SelfHost.Cli;

/// <summary>The <c>appraisal</c> command line: schemes, the sample office, scoring and the year-end appraisal.</summary>
public static class AppraisalCli
{
    /// <param name="storage">Where storage is; by default from the environment (<see cref="StorageSettings"/>).</param>
    public static RootCommand Build(StorageOptions? storage = null)
    {
        var source = storage is null ? (Func<StorageOptions>)StorageSettings.FromEnvironment : () => storage;
        var root = new RootCommand("Appraisal.Functions — 检察机关绩效考核 (quantified performance appraisal)")
        {
            SchemeCommands.Build(),
            SampleCommand.Build(),
            ScoreCommand.Build(source),
            YearEndCommand.Build(),
            ImportCommand.Build(source),
            AuditCommand.Build(source),
            EvidenceCommand.Build(source),
        };
        root.HelpName = "appraisal";
        return root;
    }
}
