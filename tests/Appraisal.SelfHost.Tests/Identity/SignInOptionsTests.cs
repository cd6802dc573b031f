using Appraisal.SelfHost.Identity;
using Appraisal.Workflow.Identity;

namespace Appraisal.SelfHost.Tests.Identity;

/// <summary>Roles from directory groups: a group gives the roles it is listed under, whatever the case or the spaces a
/// directory writes around a DN's commas; a group listed nowhere, or under a name that is no role, gives nothing.</summary>
public sealed class SignInOptionsTests
{
    [Fact]
    public void Groups_GiveTheRolesTheyAreListedUnder_AsTheDirectoryWritesThem()
    {
        var options = new SignInOptions();
        options.RoleGroups["Staff"] = ["CN=全院干警,OU=Groups,DC=jcy"];
        options.RoleGroups["departmenthead"] = ["cn=heads,ou=groups,dc=jcy", "leaders"];
        options.RoleGroups["Janitor"] = ["cn=library,ou=groups,dc=jcy"];

        Assert.Equal(new HashSet<Role> { Role.Staff, Role.DepartmentHead }, options.RolesOf(["cn=全院干警, ou=Groups, dc=JCY", "CN = Heads ,OU=Groups,DC=jcy"]).ToHashSet());
        Assert.Equal(new HashSet<Role> { Role.DepartmentHead }, options.RolesOf([" LEADERS "]).ToHashSet());
        Assert.Empty(options.RolesOf(["cn=library,ou=groups,dc=jcy", "cn=全院干警,ou=other,dc=jcy", "Staff"]));
    }
}
