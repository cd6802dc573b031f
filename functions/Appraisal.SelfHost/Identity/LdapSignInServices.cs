using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Appraisal.SelfHost.Identity;

/// <summary>The LDAP sign-in's services: the check of <c>SignIn:Ldap</c> on start when <c>SignIn:Directory</c> is
/// <c>Ldap</c> (every problem listed, each naming its setting), and the <see cref="LdapDirectory"/>.</summary>
public static class LdapSignInServices
{
    public static IServiceCollection AddLdapSignIn(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<SignInOptions>, LdapSettingsCheck>();
        services.AddSingleton(sp => new LdapDirectory(sp.GetRequiredService<SignInOptions>().Ldap, sp.GetRequiredService<ILogger<LdapDirectory>>()));
        return services;
    }

    private sealed class LdapSettingsCheck : IValidateOptions<SignInOptions>
    {
        public ValidateOptionsResult Validate(string? name, SignInOptions options) =>
            options.Directory != DirectoryKind.Ldap || options.Ldap.Problems() is not { Count: > 0 } problems
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(problems);
    }
}
