using Appraisal.Workflow.Hosting;
using Appraisal.Workflow.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Appraisal.Workflow.Tests.Mail;

/// <summary>Mail carries approval links, so it goes over TLS unless a setting says otherwise: StartTls by default;
/// a mode that may send in clear stops the host at start, naming the setting that allows it.</summary>
public sealed class SmtpOptionsTests
{
    [Fact]
    public void ByDefault_MailRequiresStartTls_AndIsSetAsideAfterEightAttempts()
    {
        var options = Resolve(new Dictionary<string, string?> { ["Smtp:Host"] = "mail.example.internal" });

        Assert.Equal(("StartTls", false, 8), (options.Security, options.AllowInsecure, options.MaxAttempts));
    }

    [Theory]
    [InlineData("None")]
    [InlineData("StartTlsWhenAvailable")]
    [InlineData("auto")]
    public void AModeThatMaySendInClear_StopsTheHost_NamingTheSettingThatAllowsIt(string security)
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Resolve(new Dictionary<string, string?> { ["Smtp:Host"] = "mail.example.internal", ["Smtp:Security"] = security }));

        Assert.Contains("Smtp:Security: None, Auto and StartTlsWhenAvailable", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Smtp:AllowInsecure", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("None", "true")]
    [InlineData("StartTlsWhenAvailable", "true")]
    [InlineData("SslOnConnect", null)]
    [InlineData("starttls", null)]
    public void TlsOrAnExplicitAllowance_Starts(string security, string? allowInsecure)
    {
        var options = Resolve(new Dictionary<string, string?> { ["Smtp:Host"] = "127.0.0.1", ["Smtp:Security"] = security, ["Smtp:AllowInsecure"] = allowInsecure });

        Assert.Equal(security, options.Security);
    }

    [Fact]
    public void AnUnknownMode_IsRefusedForWhatItIs_NotAsInsecure()
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Resolve(new Dictionary<string, string?> { ["Smtp:Security"] = "Tls13" }));

        Assert.Equal("Smtp:Security: expected None, Auto, StartTls, StartTlsWhenAvailable or SslOnConnect", Assert.Single(refused.Failures));
    }

    private static SmtpOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddAppraisalWorkflow(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<SmtpOptions>>().Value;
    }
}
