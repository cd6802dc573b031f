using System.Net;
using System.Text.Json;
using Appraisal.SelfHost.Hosting;
using Microsoft.Extensions.Configuration;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>GET /api/health on a running self-host, without signing in: 200 while storage, the task hub and a real SMTP
/// server (smtp4dev) answer; 503 with Retry-After when the SMTP server refuses — naming the part, never its host, port
/// or error.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HealthEndpointTests(MailFixture mail) : IClassFixture<MailFixture>
{
    [Fact]
    public async Task EveryPartAnswering_IsHealthy_WithoutSigningIn()
    {
        var (status, retryAfter, body, text) = await HealthAsync(mail.HostSettings);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(retryAfter);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal(["storage:Healthy", "taskHub:Healthy", "smtp:Healthy"], Parts(body));
        Assert.DoesNotContain(mail.Server.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SmtpRefusing_Is503WithRetryAfter_NamingThePartOnly()
    {
        var closed = LoopbackPort.Free();
        var settings = new Dictionary<string, string>(mail.HostSettings) { ["Smtp__Port"] = closed.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        var (status, retryAfter, body, text) = await HealthAsync(settings);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.NotNull(retryAfter);
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        Assert.Equal(["storage:Healthy", "taskHub:Healthy", "smtp:Unhealthy"], Parts(body));
        Assert.DoesNotContain(closed.ToString(System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("refused", text, StringComparison.OrdinalIgnoreCase);
    }

    private static List<string> Parts(JsonElement body) =>
        [.. body.GetProperty("parts").EnumerateArray().Select(p => $"{p.GetProperty("name").GetString()}:{p.GetProperty("state").GetString()}")];

    private static async Task<(HttpStatusCode Status, TimeSpan? RetryAfter, JsonElement Body, string Text)> HealthAsync(IReadOnlyDictionary<string, string> smtp)
    {
        var fixture = await CycleFixture.CreateAsync("2026-Q1");
        var url = $"http://127.0.0.1:{LoopbackPort.Free()}";
        var settings = new Dictionary<string, string?>
        {
            ["SelfHost:Urls"] = url,
            ["SelfHost:TaskHub"] = "Health" + fixture.Prefix[2..],
            ["Schedules:Enabled"] = "false",
            ["Storage:ConnectionString"] = AzuriteFixture.ConnectionString,
            ["Storage:Prefix"] = fixture.Prefix,
        };
        foreach (var (key, value) in smtp)
        {
            settings[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        await using var host = await SelfHostApp.StartAsync([], c => c.AddInMemoryCollection(settings));
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        using var response = await http.GetAsync(new Uri("/api/health", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return (response.StatusCode, response.Headers.RetryAfter?.Delta, document.RootElement.Clone(), text);
    }
}
