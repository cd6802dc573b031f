using System.Text.Json;
using Appraisal.Workflow.Http;

namespace Appraisal.Functions.Tests.Metadata;

/// <summary>The host.json that ships with the app (linked from the repository root into the publish output).</summary>
[Collection(PublishedAppCollection.Name)]
public sealed class HostJsonTests(PublishedApp app)
{
    [Fact]
    public void TheDurableTaskHub_IsAppraisalHub()
    {
        using var host = Read();

        Assert.Equal("AppraisalHub", host.RootElement.GetProperty("extensions").GetProperty("durableTask").GetProperty("hubName").GetString());
    }

    [Fact]
    public void TheHttpRoutePrefix_IsTheCatalogs()
    {
        using var host = Read();

        Assert.Equal(EndpointCatalog.RoutePrefix, host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    private JsonDocument Read() => JsonDocument.Parse(File.ReadAllText(Path.Combine(app.Folder, "host.json")));
}
