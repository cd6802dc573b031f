using Appraisal.Workflow.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Appraisal.SelfHost.Identity;

/// <summary>The self-host's identity: bearer tokens (section <c>Auth</c>) as the caller source of every endpoint.</summary>
public static class IdentityServices
{
    public static IServiceCollection AddSelfHostIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section))
            .Validate(o => o.TokenLifetime > TimeSpan.Zero, "Auth:TokenLifetime: expected a positive duration such as 12:00:00").ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AuthOptions>>().Value);
        services.AddSingleton<JwtTokens>();
        services.AddSingleton<ICallerSource, JwtCallerSource>();
        services.AddLdapSignIn(configuration);
        return services;
    }
}
