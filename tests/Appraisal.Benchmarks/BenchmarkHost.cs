using System.Net;
using Appraisal.SelfHost.Hosting;
using Microsoft.Extensions.Configuration;

namespace Appraisal.Benchmarks;

/// <summary>The self-host a benchmark drives: in this process, on a free loopback port, over the benchmark's storage
/// and task hub, with no schedules and quiet logs.</summary>
internal static class BenchmarkHost
{
    /// <summary>Starts the host; <paramref name="signingKey"/> when the benchmark issues its own bearer tokens,
    /// <paramref name="quiet"/> for warnings only in the log.</summary>
    public static async Task<(SelfHostApp Host, string Url)> StartAsync(string hub, string connection, string prefix, string? signingKey = null, bool quiet = true)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var settings = new Dictionary<string, string?>
        {
            ["SelfHost:Urls"] = url,
            ["SelfHost:TaskHub"] = hub,
            ["Schedules:Enabled"] = "false",
            ["Storage:ConnectionString"] = connection,
            ["Storage:Prefix"] = prefix,
        };
        if (quiet)
        {
            settings["Logging:LogLevel:Default"] = "Warning";
        }

        if (signingKey is not null)
        {
            settings["Auth:SigningKey"] = signingKey;
        }

        return (await SelfHostApp.StartAsync([], c => c.AddInMemoryCollection(settings)), url);
    }

    /// <summary>A loopback port free at the moment.</summary>
    public static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
