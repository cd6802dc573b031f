using System.Reflection;
using Appraisal.SelfHost.Hosting;
using Appraisal.SelfHost.Identity;
using Appraisal.Storage;
using Appraisal.Workflow.Approvals;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Mail;
using Appraisal.Workflow.Notifications;
using Appraisal.Workflow.Schedules;
using Microsoft.Extensions.Configuration;

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
        [SignInOptions.Section] = typeof(SignInOptions),
        [Appraisal.Storage.Backup.BackupOptions.Section] = typeof(Appraisal.Storage.Backup.BackupOptions),
        [Appraisal.Workflow.Health.HealthOptions.Section] = typeof(Appraisal.Workflow.Health.HealthOptions),
        [Appraisal.Workflow.Telemetry.TelemetryOptions.Section] = typeof(Appraisal.Workflow.Telemetry.TelemetryOptions),
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
            Assert.True(SettingType(type, parts[1..]) is not null, $"{name}: {type.Name} has no setting {string.Join(':', parts[1..])}");
        }

        Assert.Contains("Auth__SigningKey", names);
        Assert.Contains("Approvals__SigningKey", names);
        Assert.Contains("Approvals__PublicBaseUrl", names);
    }

    /// <summary>The type a setting's path leads to from <paramref name="type"/> (properties by name, a dictionary's any
    /// key, a list's index), or null when the path names nothing the binder fills.</summary>
    private static Type? SettingType(Type type, string[] path)
    {
        foreach (var part in path)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            {
                type = type.GetGenericArguments()[1];
            }
            else if (type.IsGenericType && type.GetGenericTypeDefinition() is var list && (list == typeof(IList<>) || list == typeof(List<>)))
            {
                if (!int.TryParse(part, out _))
                {
                    return null;
                }

                type = type.GetGenericArguments()[0];
            }
            else if (type.GetProperty(part, BindingFlags.Public | BindingFlags.Instance) is { } property)
            {
                type = property.PropertyType;
            }
            else
            {
                return null;
            }
        }

        return type;
    }

    /// <summary>install.sh's first settings file (settings.sh) for each directory: the directory chosen, its block and
    /// the role groups opened (the other directory's left closed), new keys — and the result binds and validates.</summary>
    [Theory]
    [InlineData("None")]
    [InlineData("Ldap")]
    [InlineData("Oidc")]
    public async Task TheFirstSettingsFile_OpensTheChosenDirectory(string directory)
    {
        var start = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(PathOf("infra/selfhost/settings.sh"));
        start.ArgumentList.Add(directory);
        start.Environment["APPRAISAL"] = $"dotnet {Path.Combine(AppContext.BaseDirectory, "appraisal.dll")}";
        using var process = System.Diagnostics.Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());

        var set = text.Split('\n').Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#')).Select(l => (Name: l[..l.IndexOf('=', StringComparison.Ordinal)], Value: l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..])).ToList();
        Assert.Contains(("SignIn__Directory", directory), set);
        Assert.Equal(2, set.Count(s => s.Name.EndsWith("__SigningKey", StringComparison.Ordinal) && Convert.FromBase64String(s.Value).Length == 32));
        foreach (var block in new[] { "Ldap", "Oidc" })
        {
            var open = set.Count(s => s.Name.StartsWith($"SignIn__{block}__", StringComparison.Ordinal));
            var closed = text.Split('\n').Count(l => l.StartsWith($"# SignIn__{block}__", StringComparison.Ordinal));
            Assert.True(block == directory ? open > 0 && closed == 0 : open == 0 && closed > 0, $"{block}: {open} open, {closed} closed");
        }

        Assert.Equal(directory == "None" ? 0 : 6, set.Count(s => s.Name.StartsWith("SignIn__RoleGroups__", StringComparison.Ordinal)));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(set.Select(s => new KeyValuePair<string, string?>(s.Name.Replace("__", ":", StringComparison.Ordinal), s.Value))).Build();
        var options = configuration.GetSection(SignInOptions.Section).Get<SignInOptions>()!;
        Assert.Equal(Enum.Parse<DirectoryKind>(directory), options.Directory);
        Assert.Equal(directory == "None" ? 0 : 6, options.RoleGroups.Count);
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
