using System.Net;
using Microsoft.AspNetCore.Builder;

namespace Appraisal.SelfHost.Hosting;

/// <summary>The forwarded headers of the office's reverse proxy, believed from the proxies the settings name only
/// (<see cref="SelfHostOptions.KnownProxies"/>, <see cref="SelfHostOptions.KnownNetworks"/>); from anyone else they are
/// left as sent and change nothing. With none configured the middleware is not added at all.</summary>
public static class ForwardedHeaders
{
    public static WebApplication UseForwardedHeadersFrom(this WebApplication app, SelfHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        if (options.KnownProxies.Count == 0 && options.KnownNetworks.Count == 0)
        {
            return app;
        }

        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto };
        // The defaults trust loopback; only what the settings name is trusted.
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var (proxy, i) in options.KnownProxies.Select((p, i) => (p, i)))
        {
            forwarded.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address
                : throw new InvalidOperationException($"SelfHost:KnownProxies:{i}: expected an IP address such as 127.0.0.1, found '{proxy}'"));
        }

        foreach (var (network, i) in options.KnownNetworks.Select((n, i) => (n, i)))
        {
            forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed) ? parsed
                : throw new InvalidOperationException($"SelfHost:KnownNetworks:{i}: expected a network in CIDR notation such as 10.1.0.0/24, found '{network}'"));
        }

        app.UseForwardedHeaders(forwarded);
        return app;
    }
}
