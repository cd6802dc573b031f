using Appraisal.Workflow.Telemetry;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Functions;

/// <summary>The Functions app's telemetry: Application Insights through the isolated worker's integration (requests,
/// dependencies, logs of the worker), and the workflow's own Meter and ActivitySource (<see cref="AppraisalTelemetry"/>:
/// office gauges, mail counters, mail and timer spans) through the Azure Monitor OpenTelemetry exporter — the classic
/// Application Insights SDK the worker integration builds on does not read System.Diagnostics.Metrics instruments.
/// Both send with the app's managed identity (the component refuses instrumentation-key-only ingestion).</summary>
public static class FunctionsTelemetry
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static IServiceCollection AddFunctionsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddApplicationInsightsTelemetryWorkerService();
        services.ConfigureFunctionsApplicationInsights();
        var connection = configuration[ConnectionStringSetting];
        if (string.IsNullOrWhiteSpace(connection))
        {
            return services; // Locally: nothing to send to.
        }

        var clientId = configuration["AZURE_CLIENT_ID"];
        var credential = string.IsNullOrWhiteSpace(clientId) ? null : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        if (credential is not null)
        {
            services.Configure<TelemetryConfiguration>(c => c.SetAzureTokenCredential(credential));
        }

        services.AddOpenTelemetry()
            .WithMetrics(m => m.AddMeter(AppraisalTelemetry.Name).AddAzureMonitorMetricExporter(o => (o.ConnectionString, o.Credential) = (connection, credential)))
            .WithTracing(t => t.AddSource(AppraisalTelemetry.Name).AddAzureMonitorTraceExporter(o => (o.ConnectionString, o.Credential) = (connection, credential)));
        return services;
    }
}
