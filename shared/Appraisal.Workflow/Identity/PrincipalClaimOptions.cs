using System.ComponentModel.DataAnnotations;

namespace Appraisal.Workflow.Identity;

/// <summary>Which claims of a signed-in principal name the person, their office and their department (configuration
/// section <c>Identity</c>; app settings <c>Identity__PersonIdClaim</c> and the like). The person's id is the id of the
/// organisation document — the one in people lists, scorecards and the Party group — never the identity provider's
/// own account id (Entra's object id <c>oid</c>, or its pairwise <c>sub</c>), which names an account and matches no
/// person.</summary>
public sealed class PrincipalClaimOptions
{
    public const string Section = "Identity";

    /// <summary>Claim types that carry an identity provider's account id, refused as <see cref="PersonIdClaim"/>.</summary>
    public static IReadOnlySet<string> AccountIdClaims { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "oid", ClientPrincipal.ObjectIdClaim, "sub", ClientPrincipal.NameIdentifierClaim,
    };

    /// <summary>The claim with the person's id in the organisation: by default <c>employeeid</c>, which Entra issues
    /// from the user's Employee ID through the application's claims mapping; <c>extn.personId</c> for a directory
    /// extension attribute issued as an optional claim.</summary>
    [Required]
    public string PersonIdClaim { get; set; } = "employeeid";

    /// <summary>The claim with the office's id (none: a province-level caller).</summary>
    [Required]
    public string OfficeClaim { get; set; } = "office";

    /// <summary>The claim with the department's id within the office.</summary>
    [Required]
    public string DepartmentClaim { get; set; } = "department";

    /// <summary>The self-host's own bearer tokens, which it issues with the person's id as <c>sub</c>.</summary>
    public static PrincipalClaimOptions SelfHostToken() => new() { PersonIdClaim = "sub" };
}
