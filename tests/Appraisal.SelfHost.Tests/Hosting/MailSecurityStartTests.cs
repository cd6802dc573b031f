namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary><c>appraisal serve</c> set to send mail (approval links included) in a mode that may go unencrypted does
/// not start, and says which setting to change; the explicit allowance the demo and the tests use lets it start.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class MailSecurityStartTests
{
    [Theory]
    [InlineData("None")]
    [InlineData("StartTlsWhenAvailable")]
    public async Task ServeWithMailThatMayGoInClear_StopsAtStart_NamingTheSetting(string security)
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..12];
        await using var host = new SelfHostProcess(prefix, "Tls" + prefix[1..], new Dictionary<string, string>
        {
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = "25",
            ["Smtp__Security"] = security,
        });

        var (exitCode, output, error) = await host.RunCliAsync(TimeSpan.FromMinutes(2), "serve", "--urls", host.Url.ToString().TrimEnd('/'), "--task-hub", "Tls" + prefix[1..], "--no-schedules");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Smtp:Security: None, Auto and StartTlsWhenAvailable", output + error, StringComparison.Ordinal);
        Assert.Contains("Smtp:AllowInsecure", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("self-host running", output, StringComparison.Ordinal);
    }
}
