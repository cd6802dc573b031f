using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using Appraisal.Functions.Tests.Metadata;
using Appraisal.Storage;
using Appraisal.Workflow.Approvals;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Mail;
using Appraisal.Workflow.Notifications;
using Appraisal.Workflow.Schedules;

namespace Appraisal.Functions.Tests.Infra;

/// <summary>The Bicep against the code: every app setting it sets is one the app (or the Functions host) reads, under
/// the name the app reads it by; every setting the app needs on Azure is set — the timers' schedule names as the
/// published functions.metadata gives them, every required option, and what has only a local default; secrets come
/// from Key Vault; storage is reached with Entra ID only.</summary>
[Collection(PublishedAppCollection.Name)]
public sealed class InfraSettingsTests(PublishedApp app)
{
    /// <summary>The options sections the app binds (WorkflowServices.AddAppraisalWorkflow) and their types.</summary>
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.Ordinal)
    {
        ["Storage"] = typeof(StorageOptions),
        [CycleOptions.Section] = typeof(CycleOptions),
        ["Notifications"] = typeof(NotificationOptions),
        [SmtpOptions.Section] = typeof(SmtpOptions),
        [ApprovalOptions.Section] = typeof(ApprovalOptions),
        [ScheduleOptions.Section] = typeof(ScheduleOptions),
    };

    /// <summary>Read by the Functions host (identity-based AzureWebJobsStorage, the task hub's too), by Application
    /// Insights, and by DefaultAzureCredential (which user-assigned identity).</summary>
    private static readonly string[] HostSettings =
    [
        "AzureWebJobsStorage__accountName", "AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__queueServiceUri",
        "AzureWebJobsStorage__tableServiceUri", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId",
        "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "AZURE_CLIENT_ID",
    ];

    /// <summary>Needed on Azure although the code has a default, because the default is for a developer's machine:
    /// Azurite, a loopback SMTP relay and base URL, a link key generated into storage.</summary>
    private static readonly string[] NeededOnAzure =
    [
        "Storage__TableServiceUri", "Storage__BlobServiceUri", "Storage__Prefix", "Smtp__Host", "Smtp__Port", "Smtp__Security",
        "Approvals__SigningKey", "Approvals__PublicBaseUrl", "Notifications__TimeZone", "AZURE_CLIENT_ID",
        "AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__queueServiceUri", "AzureWebJobsStorage__tableServiceUri",
        "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId", "APPLICATIONINSIGHTS_CONNECTION_STRING",
    ];

    private static readonly string[] Secrets = ["Approvals__SigningKey", "Smtp__UserName", "Smtp__Password"];

    [Fact]
    public void EverySettingTheBicepSets_IsOneTheAppReads_UnderThatName()
    {
        foreach (var name in AppSettings().Keys)
        {
            if (HostSettings.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            var parts = name.Split("__");
            Assert.True(parts.Length >= 2 && Sections.ContainsKey(parts[0]), $"{name}: expected a host setting or Section__Property of {string.Join(", ", Sections.Keys)}");
            var property = Sections[parts[0]].GetProperty(parts[1], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            Assert.True(property is not null, $"{name}: {Sections[parts[0]].Name} has no property {parts[1]}");
        }
    }

    [Fact]
    public void EverySettingTheAppNeedsOnAzure_IsSet()
    {
        var timers = app.Functions.Select(f => f.Trigger.Schedule).OfType<string>().Where(s => s.StartsWith('%')).Select(s => s.Trim('%').Replace(":", "__", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, timers.Count);
        var required = Sections.SelectMany(s => s.Value.GetProperties().Where(p => p.GetCustomAttribute<RequiredAttribute>() is not null).Select(p => $"{s.Key}__{p.Name}"));
        var set = AppSettings().Keys.ToHashSet(StringComparer.Ordinal);
        var missing = timers.Concat(required).Concat(NeededOnAzure).Where(n => !set.Contains(n)).Distinct().ToList();
        Assert.True(missing.Count == 0, "not set by infra/app/function.bicep: " + string.Join(", ", missing));
    }

    [Fact]
    public void Secrets_AreKeyVaultReferences_AndNoSettingHoldsAKeyOrConnectionString()
    {
        var settings = AppSettings();
        foreach (var name in Secrets)
        {
            Assert.Contains("@Microsoft.KeyVault(SecretUri=", settings[name], StringComparison.Ordinal);
        }

        Assert.DoesNotContain(settings.Keys, k => k.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase) && k != "APPLICATIONINSIGHTS_CONNECTION_STRING");
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings.Keys);
        Assert.All(settings.Where(s => !Secrets.Contains(s.Key)), s => Assert.DoesNotContain("listKeys", s.Value, StringComparison.OrdinalIgnoreCase));

        var storage = CompiledBicep.Template("app/storage.json");
        var accounts = CompiledBicep.OfType(storage, "Microsoft.Storage/storageAccounts").ToList();
        Assert.Equal(2, accounts.Count);
        Assert.All(accounts, a => Assert.Equal("[variables('accountProperties')]", a.GetProperty("properties").GetString()));
        Assert.False(storage.GetProperty("variables").GetProperty("accountProperties").GetProperty("allowSharedKeyAccess").GetBoolean());
    }

    [Fact]
    public void TheDefaults_InMainBicep_AreTheCodesDefaults()
    {
        var parameters = CompiledBicep.Template("main.json").GetProperty("parameters");
        Assert.Equal(new StorageOptions().Prefix, parameters.GetProperty("dataPrefix").GetProperty("defaultValue").GetString());
        Assert.Equal(new CycleOptions().SchemeId, parameters.GetProperty("schemeId").GetProperty("defaultValue").GetString());
        var schedules = parameters.GetProperty("schedules").GetProperty("defaultValue");
        var code = new ScheduleOptions();
        Assert.Equal(
            [code.Monthly, code.Quarterly, code.Annual, code.TimeZone],
            new[] { "monthly", "quarterly", "annual", "timeZone" }.Select(k => schedules.GetProperty(k).GetString()));
    }

    [Fact]
    public void TheParametersFile_NamesOnlyParametersOfMain_AndEveryOneWithoutADefault()
    {
        var declared = CompiledBicep.Template("main.json").GetProperty("parameters").EnumerateObject().ToList();
        using var file = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("infra/main.parameters.json")));
        var given = file.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToList();
        Assert.All(given, g => Assert.Contains(g, declared.Select(d => d.Name)));
        Assert.All(declared.Where(d => !d.Value.TryGetProperty("defaultValue", out _)), d => Assert.Contains(d.Name, given));
    }

    [Fact]
    public void TheEvidenceContainer_IsTheOneTheAppWritesTo_AndKeepsFilesImmutable()
    {
        var storage = CompiledBicep.Template("app/storage.json");
        var containers = CompiledBicep.OfType(storage, "Microsoft.Storage/storageAccounts/blobServices/containers").ToList();
        var evidence = Assert.Single(containers, c => c.GetProperty("name").GetString()!.Contains($"-{ContainerNames.Evidence}", StringComparison.Ordinal));
        Assert.True(evidence.GetProperty("properties").GetProperty("immutableStorageWithVersioning").GetProperty("enabled").GetBoolean());
        var policy = Assert.Single(CompiledBicep.OfType(storage, "Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies"));
        Assert.Contains("evidenceRetentionDays", policy.GetProperty("properties").GetProperty("immutabilityPeriodSinceCreationInDays").GetString(), StringComparison.Ordinal);
        var data = CompiledBicep.OfType(storage, "Microsoft.Storage/storageAccounts/blobServices")
            .Select(b => b.TryGetProperty("properties", out var p) ? p : default).Single(p => p.ValueKind == JsonValueKind.Object);
        Assert.True(data.GetProperty("isVersioningEnabled").GetBoolean());
        Assert.True(data.GetProperty("deleteRetentionPolicy").GetProperty("enabled").GetBoolean());
    }

    /// <summary>App Service Authentication signs everyone in except on the paths it excludes: exactly the anonymous
    /// functions' routes (the approval links, whose signed link is the credential, and the health endpoint), each
    /// route parameter a wildcard — no more, or a function would be reachable unsigned, and no fewer, or a mailed link
    /// would land on a sign-in page.</summary>
    [Fact]
    public void TheAnonymousFunctions_AreExactlyThePathsAppServiceAuthenticationLetsThrough()
    {
        var anonymous = app.Functions.Select(f => f.Trigger)
            .Where(t => string.Equals(t.AuthLevel, "Anonymous", StringComparison.OrdinalIgnoreCase))
            .Select(t => "/api/" + System.Text.RegularExpressions.Regex.Replace(t.Route!, "\\{[^}]+\\}.*$", "*"))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var auth = Assert.Single(CompiledBicep.OfType(CompiledBicep.Template("app/function.json"), "Microsoft.Web/sites/config"),
            r => r.GetProperty("name").GetString()!.Contains("'authsettingsV2'", StringComparison.Ordinal));
        var validation = auth.GetProperty("properties").GetProperty("globalValidation");
        Assert.True(validation.GetProperty("requireAuthentication").GetBoolean());
        var excluded = validation.GetProperty("excludedPaths").EnumerateArray().Select(p => p.GetString()!).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["/api/approvals/*", "/api/health"], anonymous);
        Assert.Equal(anonymous, excluded);
    }

    /// <summary>The Function App's app settings as infra/app/function.bicep sets them (values as ARM expressions).</summary>
    private static Dictionary<string, string> AppSettings()
    {
        var config = Assert.Single(CompiledBicep.OfType(CompiledBicep.Template("app/function.json"), "Microsoft.Web/sites/config"),
            r => r.GetProperty("name").GetString()!.Contains("'appsettings'", StringComparison.Ordinal));
        return config.GetProperty("properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal);
    }
}
