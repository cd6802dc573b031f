using System.Text;
using Appraisal.SelfHost.Hosting;
using Appraisal.SelfHost.Identity;
using Appraisal.Workflow.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>The self-host's own routes (signing in and out, the way in, the API description) beside the catalog's: every
/// route a host maps — the demo's, and one signing people in over OpenID Connect — is in <see cref="HostRoutes"/>, every
/// entry there is mapped, and docs/workflow.md lists them as generated here.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HostRoutesTests
{
    private const string Start = "<!-- host-routes:start (generated from HostRoutes; see HostRoutesTests) -->";
    private const string End = "<!-- host-routes:end -->";

    [Fact]
    public async Task EveryRouteOfTheHost_IsListedWithItsChecks_AndEveryListedRouteIsMapped()
    {
        var mapped = new HashSet<(string Verb, string Route)>();
        foreach (var settings in new[] { new Dictionary<string, string?>(), OidcSettings() })
        {
            var fixture = await CycleFixture.CreateAsync("2026-Q1");
            settings["SelfHost:Urls"] = $"http://127.0.0.1:{LoopbackPort.Free()}";
            settings["SelfHost:TaskHub"] = "Hr" + fixture.Prefix[2..] + mapped.Count;
            settings["Schedules:Enabled"] = "false";
            settings["Storage:ConnectionString"] = AzuriteFixture.ConnectionString;
            settings["Storage:Prefix"] = fixture.Prefix;
            await using var host = await SelfHostApp.StartAsync([], c => c.AddInMemoryCollection(settings), default, new DemoSignIn(CycleFixture.Office));
            foreach (var endpoint in ((IEndpointRouteBuilder)host.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>())
            {
                if (endpoint.Metadata.GetMetadata<EndpointEntry>() is not null)
                {
                    continue;
                }

                foreach (var verb in endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                {
                    mapped.Add((verb, "/" + endpoint.RoutePattern.RawText!.TrimStart('/')));
                }
            }
        }

        var listed = HostRoutes.All.Where(r => !r.Middleware).Select(r => (r.Verb, r.Route)).ToHashSet();
        Assert.Empty(mapped.Except(listed));
        Assert.Empty(listed.Except(mapped));
        Assert.Equal(HostRoutes.All.Count, HostRoutes.All.Select(r => r.Name).Distinct().Count());
    }

    [Fact]
    public async Task WorkflowDocument_ListsTheHostRoutes()
    {
        var table = new StringBuilder();
        table.AppendLine("| route | verb and path | who | checked |");
        table.AppendLine("|---|---|---|---|");
        foreach (var route in HostRoutes.All)
        {
            table.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"| {route.Name} | `{route.Verb} {route.Route}` | {route.Who} | {route.Checks} |");
        }

        await GeneratedSection.CheckAsync(Path.Combine(AzuriteFixture.RepositoryRoot(), "docs", "workflow.md"), Start, End, table.ToString());
    }

    /// <summary>A host that signs people in over OpenID Connect (the provider is not asked until someone signs in).</summary>
    private static Dictionary<string, string?> OidcSettings() => new()
    {
        ["SignIn:Directory"] = "Oidc",
        ["SignIn:OfficeId"] = CycleFixture.Office,
        ["SignIn:Oidc:Authority"] = "http://127.0.0.1:9/",
        ["SignIn:Oidc:RequireHttpsMetadata"] = "false",
        ["SignIn:Oidc:ClientId"] = "appraisal",
        ["SignIn:Oidc:ClientSecret"] = "secret",
    };
}
