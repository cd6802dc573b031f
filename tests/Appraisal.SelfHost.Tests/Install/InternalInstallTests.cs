using System.Reflection;
using Appraisal.SelfHost.Hosting;
using Appraisal.SelfHost.Identity;
using Appraisal.Storage;
using Appraisal.Workflow.Approvals;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Mail;
using Appraisal.Workflow.Notifications;
using Appraisal.Workflow.Schedules;

namespace Appraisal.SelfHost.Tests.Install;

/// <summary>The internal-network install's files against the code: every setting the example environment file
/// names (set or commented out) is one the self-host reads under that name, the commands the systemd units run
/// exist in the CLI, and the units start what install.sh installs.</summary>
public sealed class InternalInstallTests
{
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.Ordinal)
    {
        ["Storage"] = typeof(StorageOptions),
        [SelfHostOptions.Section] = typeof(SelfHostOptions),
        [AuthOptions.Section] = typeof(AuthOptions),
        [ApprovalOptions.Section] = typeof(ApprovalOptions),
        [SmtpOptions.Section] = typeof(SmtpOptions),
        ["Notifications"] = typeof(NotificationOptions),
        [ScheduleOptions.Section] = typeof(ScheduleOptions),
        [CycleOptions.Section] = typeof(CycleOptions),
    };

    private static string PathOf(string relative) => Path.Combine(AzuriteFixture.RepositoryRoot(), relative);

    [Fact]
    public void EverySettingOfTheExampleEnvironment_IsOneTheSelfHostReads()
    {
        var names = File.ReadAllLines(PathOf("infra/selfhost/appraisal.env.example"))
            .Select(l => l.TrimStart('#', ' '))
            .Where(l => l.Length > 0 && char.IsUpper(l[0]) && l.Contains("__", StringComparison.Ordinal) && l.Contains('=', StringComparison.Ordinal))
            .Select(l => l[..l.IndexOf('=', StringComparison.Ordinal)])
            .ToList();
        Assert.True(names.Count >= 15, string.Join(", ", names));
        foreach (var name in names)
        {
            var parts = name.Split("__");
            Assert.True(Sections.TryGetValue(parts[0], out var type), $"{name}: expected one of the sections {string.Join(", ", Sections.Keys)}");
            Assert.True(type.GetProperty(parts[1], BindingFlags.Public | BindingFlags.Instance) is not null, $"{name}: {type.Name} has no property {parts[1]}");
            Assert.True(parts.Length == 2 || (parts.Length == 3 && int.TryParse(parts[2], out _)), $"{name}: expected Section__Setting or Section__List__N");
        }

        Assert.Contains("Auth__SigningKey", names);
        Assert.Contains("Approvals__SigningKey", names);
        Assert.Contains("Approvals__PublicBaseUrl", names);
    }

    [Theory]
    [InlineData("appraisal.service", "serve")]
    [InlineData("appraisal-backup.service", "backup")]
    public void TheUnits_RunCommandsTheCliHas(string unit, string command)
    {
        var text = File.ReadAllText(PathOf($"infra/selfhost/{unit}"));
        Assert.Contains($"/opt/appraisal/bin/appraisal {command}", text, StringComparison.Ordinal);
        Assert.Contains("EnvironmentFile=/etc/appraisal/appraisal.env", text, StringComparison.Ordinal);
        Assert.Contains(Appraisal.SelfHost.Cli.AppraisalCli.Build().Subcommands, c => c.Name == command);
    }

    [Fact]
    public void InstallSh_InstallsEveryUnit_AndAzuriteFromThePinnedPackage()
    {
        var script = File.ReadAllText(PathOf("infra/selfhost/install.sh"));
        foreach (var unit in Directory.GetFiles(PathOf("infra/selfhost"), "*.service").Concat(Directory.GetFiles(PathOf("infra/selfhost"), "*.timer")).Select(Path.GetFileName))
        {
            Assert.Contains(unit!, script, StringComparison.Ordinal);
        }

        Assert.Contains("/opt/appraisal/azurite/node_modules/.bin/azurite", File.ReadAllText(PathOf("infra/selfhost/azurite.service")), StringComparison.Ordinal);
        Assert.Contains("cp package.json package-lock.json /opt/appraisal/azurite/", script, StringComparison.Ordinal);
    }
}
