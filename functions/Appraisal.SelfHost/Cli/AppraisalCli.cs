using System.CommandLine;

namespace Appraisal.SelfHost.Cli;

/// <summary>The <c>appraisal</c> command line: schemes, the sample office, scoring and the year-end appraisal.</summary>
public static class AppraisalCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Appraisal.Functions — 检察机关绩效考核 (quantified performance appraisal)")
        {
            SchemeCommands.Build(),
            SampleCommand.Build(),
            ScoreCommand.Build(),
            YearEndCommand.Build(),
            ImportCommand.Build(),
            AuditCommand.Build(),
        };
        root.HelpName = "appraisal";
        return root;
    }
}
