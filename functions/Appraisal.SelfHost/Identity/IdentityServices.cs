using Appraisal.Storage.SignIn;
using Appraisal.Workflow.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Appraisal.SelfHost.Identity;

/// <summary>The self-host's identity: bearer tokens (section <c>Auth</c>) for scripts and service accounts, browser
/// sessions from the sign-in the office configures (section <c>SignIn</c>), and the caller source of every endpoint.</summary>
public static class IdentityServices
{
    public static IServiceCollection AddSelfHostIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section))
            .Validate(o => o.TokenLifetime > TimeSpan.Zero, "Auth:TokenLifetime: expected a positive duration such as 12:00:00").ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AuthOptions>>().Value);
        services.AddOptions<SignInOptions>().Bind(configuration.GetSection(SignInOptions.Section))
            .Validate(o => o.IdleTimeout > TimeSpan.Zero && o.IdleTimeout <= TimeSpan.FromDays(1), "SignIn:IdleTimeout: expected a duration from 00:00:01 to 1.00:00:00 such as 00:30:00")
            .Validate(o => o.Lifetime >= o.IdleTimeout && o.Lifetime <= TimeSpan.FromDays(7), "SignIn:Lifetime: expected a duration at least SignIn:IdleTimeout and at most 7.00:00:00, such as 10:00:00")
            .Validate(o => o.Lockout is { MaxFailures: >= 1 and <= 100, MaxFailuresPerAddress: >= 1 and <= 10000 }, "SignIn:Lockout: expected MaxFailures from 1 to 100 and MaxFailuresPerAddress from 1 to 10000")
            .Validate(o => o.Lockout.Window > TimeSpan.Zero && o.Lockout.Duration > TimeSpan.Zero, "SignIn:Lockout: expected a positive Window and Duration such as 00:15:00")
            .Validate(o => o.RoleGroups.Keys.All(k => Enum.TryParse<Role>(k, ignoreCase: true, out _)), $"SignIn:RoleGroups: expected role names ({string.Join(", ", Enum.GetNames<Role>())})")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SignInOptions>>().Value);
        services.AddSingleton<JwtTokens>();
        services.AddSingleton<SessionRepository>();
        services.AddSingleton<SignInFailureRepository>();
        services.AddSingleton<SignInAudit>();
        services.AddSingleton<SignInLockout>();
        services.AddSingleton<BrowserSessions>();
        services.AddSingleton<ICallerSource, SelfHostCallerSource>();
        services.AddSingleton<SignInSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<SignInSweeper>());
        services.AddLdapSignIn();
        return services;
    }
}
