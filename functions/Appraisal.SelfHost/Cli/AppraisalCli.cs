using System.CommandLine;

using Appraisal.Storage;

namespace Appraisal.SelfHost.Cli;

/// <summary>The <c>appraisal</c> command line: schemes, the sample office, scoring, the year-end appraisal, storage, and the durable self-host with its cycles.</summary>
public static class AppraisalCli
{
    /// <param name="storage">Where storage is; by default from the environment (<see cref="StorageSettings"/>).</param>
    public static RootCommand Build(StorageOptions? storage = null)
    {
        var source = storage is null ? (Func<StorageOptions>)StorageSettings.FromEnvironment : () => storage;
        var root = new RootCommand("Appraisal.Functions — 检察机关绩效考核 (quantified performance appraisal)")
        {
            Scheme(source),
            SampleCommand.Build(),
            ScoreCommand.Build(source),
            YearEndCommand.Build(source),
            ImportCommand.Build(source),
            AuditCommand.Build(source),
            ArchiveCommand.Build(source),
            EvidenceCommand.Build(source),
            ServeCommand.Build(),
            CycleCommand.Build(),
            ProvinceCommand.Build(),
            DemoCommand.Build(),
            TokenCommand.Build(source),
            SignInCommand.Build(source),
            MailCommand.Build(source),
            CalendarCommand.Build(source),
        };
        foreach (var command in BackupCommand.Build(source))
        {
            root.Subcommands.Add(command);
        }

        root.HelpName = "appraisal";
        return root;
    }

    private static Command Scheme(Func<StorageOptions> storage)
    {
        var scheme = SchemeCommands.Build();
        scheme.Subcommands.Add(SchemeStoreCommand.Build(storage));
        return scheme;
    }
}
