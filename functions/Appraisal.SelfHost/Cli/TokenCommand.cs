using System.CommandLine;
using Appraisal.SelfHost.Identity;
using Appraisal.Storage;
using Appraisal.Storage.Secrets;
using Appraisal.Workflow.Identity;

namespace Appraisal.SelfHost.Cli;

/// <summary><c>appraisal token issue --user U --role R [--office O] [--department D]</c>: a bearer token for the
/// self-host, signed with its key (<c>Auth__SigningKey</c>, or the one it generated in storage), for local use.</summary>
internal static class TokenCommand
{
    public static Command Build(Func<StorageOptions> storage)
    {
        var user = new Option<string>("--user") { Description = "The person's id in the organisation (E0001 …)", Required = true };
        var roles = new Option<Role[]>("--role") { Description = "Staff, DepartmentHead, AppraisalOffice, PartyGroup, Supervisor or Administrator (repeatable)", Required = true, AllowMultipleArgumentsPerToken = true };
        var office = new Option<string?>("--office") { Description = "The office the person belongs to (none: every office, for supervisors and administrators)" };
        var department = new Option<string?>("--department") { Description = "The department (a department head's own)" };
        var lifetime = new Option<TimeSpan?>("--lifetime") { Description = "How long the token lives (default Auth__TokenLifetime, 12 h)" };
        var issue = new Command("issue", "Print a bearer token: send it as 'Authorization: Bearer …', or set APPRAISAL_TOKEN for the CLI") { user, roles, office, department, lifetime };
        issue.SetAction(async (parse, cancel) =>
        {
            var given = parse.GetRequiredValue(roles);
            if (given.Contains(Role.DepartmentHead) && string.IsNullOrWhiteSpace(parse.GetValue(department)))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("error: --department: expected the department a DepartmentHead heads, found none");
                return 2;
            }

            var options = new AuthOptions { SigningKey = Environment.GetEnvironmentVariable("Auth__SigningKey") };
            var tokens = new JwtTokens(options, new SecretStore(await StorageSettings.OpenAsync(storage(), cancel)));
            var token = await tokens.IssueAsync(new Caller(parse.GetRequiredValue(user), given.ToHashSet(), parse.GetValue(office), parse.GetValue(department)), parse.GetValue(lifetime), cancel);
            await parse.InvocationConfiguration.Output.WriteLineAsync(token);
            return 0;
        });
        return new Command("token", "Bearer tokens for the self-host") { issue };
    }
}
