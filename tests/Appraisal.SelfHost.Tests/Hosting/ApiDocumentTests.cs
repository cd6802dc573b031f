using System.Text.Json;
using System.Text.Json.Nodes;
using Appraisal.SelfHost.Hosting;
using Appraisal.Workflow.Http;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>The OpenAPI document the self-host serves describes every endpoint of the catalog — its operation id,
/// verb and route, who may call it — and is the one kept in the repository (docs/openapi.json). After an endpoint
/// changes, run this test with APPRAISAL_UPDATE_OPENAPI=1 to write the served document into the repository.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ApiDocumentTests
{
    [Fact]
    public async Task ServedDocument_DescribesEveryEndpoint_AndIsTheOneInTheRepository()
    {
        var fixture = await CycleFixture.CreateAsync("2026-Q1");
        await using var host = new SelfHostProcess(fixture.Prefix, "Doc" + fixture.Prefix[2..]);
        await host.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Url };
        using var response = await http.GetAsync(ApiDocument.Path.TrimStart('/'));
        response.EnsureSuccessStatusCode();
        var served = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        var paths = served["paths"]!.AsObject();
        var operations = paths.SelectMany(p => p.Value!.AsObject().Select(o => (Path: p.Key, Verb: o.Key.ToUpperInvariant(), Operation: o.Value!))).ToList();
        foreach (var entry in EndpointCatalog.All)
        {
            var path = $"/{EndpointCatalog.RoutePrefix}/{entry.Route}";
            var operation = Assert.Single(operations, o => o.Path == path && o.Verb == entry.Verb).Operation;
            Assert.Equal(entry.Name, operation["operationId"]?.GetValue<string>());
            Assert.Equal(entry.Summary, operation["summary"]?.GetValue<string>());
            Assert.True(operation["responses"]![entry.Success.ToString(System.Globalization.CultureInfo.InvariantCulture)] is not null, $"{entry.Name}: no {entry.Success} response");
            Assert.Equal(entry.Access.Roles.Count > 0, operation["security"] is not null);
        }

        Assert.Equal(EndpointCatalog.All.Count, operations.Count);

        var file = Path.Combine(AzuriteFixture.RepositoryRoot(), "docs", "openapi.json");
        var text = served.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        if (Environment.GetEnvironmentVariable("APPRAISAL_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(file, text);
        }

        Assert.True(File.Exists(file), "docs/openapi.json is missing: run this test with APPRAISAL_UPDATE_OPENAPI=1");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(await File.ReadAllTextAsync(file)), served),
            "docs/openapi.json is not the document the self-host serves: run this test with APPRAISAL_UPDATE_OPENAPI=1 and commit the file");
    }
}
