namespace Vigil.Security.Access;

/// <summary>
/// 角色 — the roles Vigil knows (issue 3 part 2). The plans' approval chains name their own roles (duty-officer,
/// office-director, …, and Wuda's leading-group, hq-commander, …); these are the roles of the other areas and of the
/// platform itself. A role is always held for a division (see <see cref="Jurisdiction"/>).
/// </summary>
public static class RoleIds
{
    public const string DivisionStaff = "division-staff";
    public const string InspectionInstitute = "inspection-institute";
    public const string EnterprisePrincipal = "enterprise-principal";
    public const string SafetyOfficer = "safety-officer";
    public const string QualifiedReviewer = "qualified-reviewer";
    public const string NationalCentre = "national-centre";
    public const string OmAgency = "om-agency";

    /// <summary>审计员 — reads the audit trail and changes nothing (SEC non-repudiation).</summary>
    public const string Auditor = "auditor";

    /// <summary>系统管理员 — accounts, divisions, role assignments and station keys; no incident work.</summary>
    public const string Administrator = "administrator";

    /// <summary>Roles that exist apart from any plan.</summary>
    public static IReadOnlyList<string> Platform { get; } =
    [
        DivisionStaff, InspectionInstitute, EnterprisePrincipal, SafetyOfficer, QualifiedReviewer,
        NationalCentre, OmAgency, Auditor, Administrator,
    ];
}
