using Appraisal.Storage;
using Appraisal.Workflow.Hosting;
using Appraisal.Workflow.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.SelfHost.Cli;

/// <summary>The workflow's services for a CLI command that changes storage: the same application services the HTTP
/// endpoints call (so an import, an evidence upload or an archive is the same action whichever way it comes), over the
/// CLI's storage, with settings from the environment as the self-host reads them (<c>Cycle__SchemeId</c> and the like).</summary>
internal static class CliServices
{
    public static async Task<ServiceProvider> OpenAsync(StorageOptions storage, CancellationToken cancel)
    {
        var account = await StorageSettings.OpenAsync(storage, cancel);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAppraisalWorkflow(new ConfigurationBuilder().AddEnvironmentVariables().Build());
        services.AddSingleton(account);
        return services.BuildServiceProvider();
    }

    /// <summary>The operator at the server's console: whoever holds the storage credentials the CLI runs with may do
    /// what an administrator and the appraisal office may (of <paramref name="officeId"/>, or of every office) — and,
    /// naming a department, what its head may — and is recorded as <paramref name="actor"/>. The application services
    /// still check everything else: the records, the stage, the input.</summary>
    public static Caller Operator(string actor, string? officeId = null, string? departmentId = null) =>
        new(actor, departmentId is null ? new HashSet<Role> { Role.Administrator, Role.AppraisalOffice } : new HashSet<Role> { Role.Administrator, Role.AppraisalOffice, Role.DepartmentHead },
            officeId, departmentId);
}
