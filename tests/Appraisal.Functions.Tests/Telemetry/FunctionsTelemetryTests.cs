using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Appraisal.Functions.Tests.Telemetry;

/// <summary>The Functions app's telemetry registrations (the Functions host cannot run here): Application Insights
/// through the isolated worker's integration, always; the workflow's Meter and ActivitySource through the Azure Monitor
/// exporter once a connection string is set, with the managed identity named by AZURE_CLIENT_ID.</summary>
public sealed class FunctionsTelemetryTests
{
    private const string Connection = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/";

    [Fact]
    public async Task WithAConnectionString_ApplicationInsightsAndTheAzureMonitorExporter_AreRegistered()
    {
        await using var services = Services(new() { [FunctionsTelemetry.ConnectionStringSetting] = Connection, ["AZURE_CLIENT_ID"] = "11111111-1111-1111-1111-111111111111" });

        Assert.NotNull(services.GetService<TelemetryClient>());
        Assert.Contains(services.GetServices<ITelemetryInitializer>(), i => i.GetType().FullName!.StartsWith("Microsoft.Azure.Functions.Worker", StringComparison.Ordinal));
        Assert.Contains(services.GetServices<ITelemetryModule>(), m => m.GetType().FullName!.StartsWith("Microsoft.Azure.Functions.Worker", StringComparison.Ordinal));
        Assert.NotNull(services.GetService<MeterProvider>());
        Assert.NotNull(services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task WithoutAConnectionString_NoExporterRuns()
    {
        await using var services = Services([]);

        Assert.NotNull(services.GetService<TelemetryClient>());
        Assert.Null(services.GetService<MeterProvider>());
        Assert.Null(services.GetService<TracerProvider>());
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddFunctionsTelemetry(configuration).BuildServiceProvider();
    }
}
