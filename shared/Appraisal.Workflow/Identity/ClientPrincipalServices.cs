using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Appraisal.Workflow.Identity;

/// <summary>The Functions app's callers: the App Service Authentication principal, read by the claims of section
/// <c>Identity</c> (<see cref="PrincipalClaimOptions"/>), checked on start.</summary>
public static class ClientPrincipalServices
{
    public static IServiceCollection AddClientPrincipalCallers(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PrincipalClaimOptions>().Bind(configuration.GetSection(PrincipalClaimOptions.Section)).ValidateDataAnnotations()
            .Validate(o => !PrincipalClaimOptions.AccountIdClaims.Contains(o.PersonIdClaim),
                "Identity:PersonIdClaim: expected the claim with the person's id in the organisation (employeeid, extn.personId …), found an account id claim (oid, sub), which matches no person")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PrincipalClaimOptions>>().Value);
        services.AddSingleton<ICallerSource, ClientPrincipalCallerSource>();
        return services;
    }
}
