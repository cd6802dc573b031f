using System.Text;
using System.Text.Json;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Appraisal.Workflow.Tests.Identity;

/// <summary>How the principal App Service Authentication passes on Azure becomes a person of the organisation:
/// payloads shaped like the platform's <c>x-ms-client-principal</c> for an Entra ID sign-in.</summary>
public sealed class ClientPrincipalTests
{
    private const string ObjectId = "5b5450db-eb26-4c1a-981c-ba1d25f0483d";
    private const string PairwiseSubject = "kUQ2vKSj7xq0XfJZbYw2Sgm1mF9yVZ4rN8cK3pL0aQs";
    private const string RoleUri = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";

    /// <summary>What an Entra ID (v2.0) sign-in puts in the principal besides the claims a test adds.</summary>
    private static readonly (string Typ, string Val)[] EntraClaims =
    [
        ("aud", "6f1c2b0a-8d3e-4b7a-9c55-2e4d1f0a7b63"),
        ("iss", "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0"),
        ("iat", "1775030400"),
        ("nbf", "1775030400"),
        ("exp", "1775034300"),
        ("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "zhang.wei@example.gov.cn"),
        ("name", "张伟"),
        (ClientPrincipal.ObjectIdClaim, ObjectId),
        ("preferred_username", "zhang.wei@example.gov.cn"),
        (ClientPrincipal.NameIdentifierClaim, PairwiseSubject),
        ("http://schemas.microsoft.com/identity/claims/tenantid", "72f988bf-86f1-41af-91ab-2d7cd011db47"),
        ("ver", "2.0"),
    ];

    private static string Header(params (string Typ, string Val)[] claims) => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
    {
        auth_typ = "aad",
        name_typ = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        role_typ = RoleUri,
        claims = EntraClaims.Concat(claims).Select(c => new { typ = c.Typ, val = c.Val }),
    })));

    private static Caller? CallerOf(string header, PrincipalClaimOptions? names = null) => ClientPrincipal.Parse(header)!.ToCaller(names ?? new PrincipalClaimOptions());

    private static Task<Caller?> SourceAsync(string? header, PrincipalClaimOptions? names = null)
    {
        var context = new DefaultHttpContext();
        if (header is not null)
        {
            context.Request.Headers[ClientPrincipalCallerSource.Header] = header;
        }

        return new ClientPrincipalCallerSource(names ?? new PrincipalClaimOptions()).GetAsync(context.Request, default);
    }

    [Fact]
    public async Task ThePersonId_IsTheConfiguredClaim_NotTheEntraObjectId()
    {
        var header = Header(("employeeid", "E0012"), ("roles", "Staff"), ("office", "sample-basic"), ("department", "D03"));

        var caller = (await SourceAsync(header))!;

        Assert.Equal(("E0012", "sample-basic", "D03"), (caller.UserId, caller.OfficeId, caller.DepartmentId));
        Assert.Equal([Role.Staff], caller.Roles);
        Assert.Equal(ObjectId, ClientPrincipal.Parse(header)!.ObjectId);
        Assert.Equal("aad", ClientPrincipal.Parse(header)!.IdentityProvider);
    }

    [Fact]
    public void ADirectoryExtensionClaim_CanBeConfigured_ForPersonOfficeAndDepartment()
    {
        var names = new PrincipalClaimOptions { PersonIdClaim = "extn.personId", OfficeClaim = "extn.office", DepartmentClaim = "extn.department" };
        var header = Header(("extn.personId", "E0107"), ("extn.office", "sample-basic"), ("extn.department", "D11"), ("roles", "DepartmentHead"));

        var caller = CallerOf(header, names)!;

        Assert.Equal(("E0107", "sample-basic", "D11"), (caller.UserId, caller.OfficeId, caller.DepartmentId));
        Assert.Equal([Role.DepartmentHead], caller.Roles);
        Assert.Null(CallerOf(header));
    }

    [Theory]
    [InlineData("employeeid", "E0012\r\nX-Forwarded-For: 1.2.3.4")]
    [InlineData("employeeid", "E 0012")]
    [InlineData("office", "sample-basic\u0000")]
    [InlineData("department", "D03/../D04")]
    public void AClaimThatIsNoId_GivesNoCaller_RatherThanAnActorOfAnyLength(string claim, string value)
    {
        var claims = new Dictionary<string, string> { ["employeeid"] = "E0012", ["roles"] = "Staff", ["office"] = "sample-basic", ["department"] = "D03", [claim] = value };
        Assert.NotNull(CallerOf(Header(("employeeid", "E0012"), ("roles", "Staff"), ("office", "sample-basic"), ("department", "D03"))));

        Assert.Null(CallerOf(Header([.. claims.Select(c => (c.Key, c.Value))])));
        Assert.Null(CallerOf(Header(("employeeid", new string('E', 65)), ("roles", "Staff"))));
    }

    [Fact]
    public async Task APrincipalWithoutThePersonClaim_HasNoPersonId_AndIsRefusedAsSignedIn403_NotTakenByItsObjectId()
    {
        var header = Header(("roles", "AppraisalOffice"), ("office", "sample-basic"), ("oid", ObjectId));

        Assert.Null(CallerOf(header));
        var refused = await Assert.ThrowsAsync<RequestRefusedException>(() => SourceAsync(header));

        Assert.Equal(403, refused.Status);
        Assert.Equal(Access.Field, refused.Field);
        Assert.Contains("'employeeid'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'employeeid'", refused.MessageZh, StringComparison.Ordinal);
        Assert.Null(await SourceAsync(null));
    }

    [Fact]
    public void TheObjectId_IsNeverThePersonId_WhicheverClaimFormItArrivesIn()
    {
        foreach (var form in new[] { "oid", ClientPrincipal.ObjectIdClaim })
        {
            var caller = CallerOf(Header((form, "11111111-2222-3333-4444-555555555555"), ("employeeid", "E0044")))!;

            Assert.Equal("E0044", caller.UserId);
        }
    }

    [Fact]
    public void Roles_AreReadFromBothClaimForms_AndUnknownOrNumericValuesAreIgnored()
    {
        var caller = CallerOf(Header(("employeeid", "E0001"), ("roles", "AppraisalOffice"), (RoleUri, "PartyGroup"), ("roles", "Reader"), ("roles", "2"), ("roles", "supervisor")))!;

        Assert.Equal(new HashSet<Role> { Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor }, caller.Roles.ToHashSet());
    }

    [Fact]
    public void ARoleTypeThePrincipalNames_IsReadAsRoles()
    {
        var header = Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            auth_typ = "aad",
            name_typ = "name",
            role_typ = "app_roles",
            claims = new[] { new { typ = "employeeid", val = "E0002" }, new { typ = "app_roles", val = "Administrator" } },
        })));

        Assert.Equal([Role.Administrator], CallerOf(header)!.Roles);
    }

    [Fact]
    public void AProvinceLevelPrincipal_HasNoOffice()
    {
        var caller = CallerOf(Header(("employeeid", "P0003"), ("roles", "Supervisor"), ("office", " ")))!;

        Assert.Null(caller.OfficeId);
        Assert.Null(caller.DepartmentId);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("bm90IGpzb24=")]
    [InlineData("eyJhdXRoX3R5cCI6ImFhZCJ9")]
    [InlineData("eyJjbGFpbXMiOnsidHlwIjoiZW1wbG95ZWVpZCJ9fQ==")]
    public async Task AHeaderThatIsNoPrincipal_IsNoSignIn(string header)
    {
        Assert.Null(ClientPrincipal.Parse(header));
        Assert.Null(await SourceAsync(header));
    }

    [Theory]
    [InlineData("oid")]
    [InlineData(ClientPrincipal.ObjectIdClaim)]
    [InlineData("sub")]
    public void ConfiguringAnAccountIdClaimAsThePersonId_IsRefusedOnStart(string claim)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Identity:PersonIdClaim"] = claim }).Build();
        using var services = new ServiceCollection().AddClientPrincipalCallers(configuration).BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<PrincipalClaimOptions>());

        Assert.Contains("Identity:PersonIdClaim", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheConfiguredClaims_AreBoundFromTheIdentitySection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Identity:PersonIdClaim"] = "extn.personId" }).Build();
        using var services = new ServiceCollection().AddClientPrincipalCallers(configuration).BuildServiceProvider();
        var names = services.GetRequiredService<PrincipalClaimOptions>();

        Assert.Equal(("extn.personId", "office", "department"), (names.PersonIdClaim, names.OfficeClaim, names.DepartmentClaim));
        Assert.IsType<ClientPrincipalCallerSource>(services.GetRequiredService<ICallerSource>());
    }
}
