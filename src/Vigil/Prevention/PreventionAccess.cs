using Vigil.Common;
using Vigil.Data.Prevention;
using Vigil.Host.Security;
using Vigil.Prevention;
using Vigil.Security.Access;

namespace Vigil.Host.Prevention;

/// <summary>
/// Who may do what in dual prevention (README "Dual prevention", role table). Regulators and inspectors work by
/// jurisdiction (the division subtree of their role); an enterprise's principal and safety officer work for the
/// enterprises they were appointed to, and must also hold the role for a division covering the enterprise.
/// </summary>
internal static class PreventionRoles
{
    /// <summary>The district bureau's staff; the Shanghai plan calls the district bureau "district-bureau".</summary>
    public const string DistrictBureau = "district-bureau";

    /// <summary>监管人员 — keep the register, override colours, plan and assign inspections, receive reports and escalations.</summary>
    public static readonly string[] Regulators = [RoleIds.DivisionStaff, DistrictBureau];

    /// <summary>检查人员 — carry out inspections; division staff inspect as well.</summary>
    public static readonly string[] Inspectors = [RoleIds.InspectionInstitute, RoleIds.DivisionStaff];

    /// <summary>The unit's own people, acting for the enterprises they are appointed to.</summary>
    public static readonly string[] EnterpriseStaff = [RoleIds.EnterprisePrincipal, RoleIds.SafetyOfficer];

    /// <summary>Roles that see prevention data by jurisdiction.</summary>
    public static readonly string[] JurisdictionReaders = [.. Regulators.Union(Inspectors)];

    /// <summary>Every role that uses the prevention endpoints at all.</summary>
    public static readonly string[] All = [.. JurisdictionReaders.Union(EnterpriseStaff)];

    /// <summary>
    /// The core's view of a Vigil role (separation of duties and the 五落实 signer depend on it), or null for a role
    /// that has no part in dual prevention: an unexpected role is refused, never taken for a regulator (issue 12 item 12).
    /// </summary>
    public static ActorRole? ActorRoleOf(string role) => role switch
    {
        RoleIds.EnterprisePrincipal => ActorRole.Principal,
        RoleIds.SafetyOfficer => ActorRole.SafetyOfficer,
        RoleIds.InspectionInstitute => ActorRole.Inspector,
        _ when Regulators.Contains(role, StringComparer.Ordinal) => ActorRole.Regulator,
        _ => null,
    };
}

/// <summary>The enterprise an action concerns, the role the user acts in for it, and that role as the core sees it.</summary>
internal sealed record EnterpriseContext(EnterpriseRecord Enterprise, Access Access, string Role, ActorRole ActorRole)
{
    public Actor Actor => new(Access.User.Id, ActorRole);

    public string Name => Access.User.DisplayName;

    public void Audit(Data.VigilDbContext db, string action, string targetType, string targetId, DateTimeOffset at, object? details = null) =>
        db.Audit(Access.Audit(Role, action, targetType, targetId, Enterprise.DivisionCode, details), at);
}

/// <summary>Resolves visibility and the acting role for an enterprise (SEC: other districts get 404, wrong roles 403).</summary>
internal sealed class EnterpriseGate(PreventionStore store)
{
    /// <summary>The enterprise ids the user acts for, by role.</summary>
    public async Task<IReadOnlyList<EnterpriseStaffRecord>> AppointmentsAsync(Access access) => await store.AppointmentsAsync(access.User.Id);

    /// <summary>Whether the user sees <paramref name="enterprise"/>: by jurisdiction, or by appointment with the role held there.</summary>
    public static bool Sees(Access access, EnterpriseRecord enterprise, IReadOnlyList<EnterpriseStaffRecord> appointments) =>
        access.Sees(enterprise.DivisionCode, PreventionRoles.JurisdictionReaders)
        || appointments.Any(a => a.EnterpriseId == enterprise.Id && access.Sees(enterprise.DivisionCode, [a.RoleId]));

    /// <summary>
    /// The enterprise and the role to act in among <paramref name="allowed"/> (enterprise roles only where appointed):
    /// 404 when the user cannot see it, 403 with a reason when they can but none of their roles may do this.
    /// </summary>
    public async Task<(EnterpriseContext? Context, IResult? Problem)> ResolveAsync(
        Access access, Guid enterpriseId, IReadOnlyCollection<string> allowed, Func<IResult>? notFound = null)
    {
        var context = await ContextAsync(access, enterpriseId, allowed);
        return context.IsSuccess
            ? (context.Value, null)
            : (null, context.Kind == ProblemKind.NotFound && notFound is not null ? notFound() : Web.ApiProblems.From(context));
    }

    /// <summary>As <see cref="ResolveAsync"/>, for callers that are not HTTP endpoints (the web UI): not found or forbidden with a reason.</summary>
    public async Task<Outcome<EnterpriseContext>> ContextAsync(Access access, Guid enterpriseId, IReadOnlyCollection<string> allowed)
    {
        var enterprise = await store.EnterpriseAsync(enterpriseId);
        var appointments = await AppointmentsAsync(access);
        if (enterprise is null || !Sees(access, enterprise, appointments))
        {
            return Outcome<EnterpriseContext>.Failure(ProblemKind.NotFound, PreventionText.Problem("enterpriseId", "enterprise.notFound", enterpriseId));
        }

        HashSet<string> here = [.. allowed.Where(r => !PreventionRoles.EnterpriseStaff.Contains(r) || appointments.Any(a => a.EnterpriseId == enterpriseId && a.RoleId == r))];
        var role = access.RoleAt(enterprise.DivisionCode, here.Count > 0 ? here : allowed);
        if (!role.IsSuccess)
        {
            return Outcome<EnterpriseContext>.Failure(role.Kind, role.Problems);
        }

        return here.Contains(role.Value) && PreventionRoles.ActorRoleOf(role.Value) is { } actorRole
            ? Outcome.Ok(new EnterpriseContext(enterprise, access, role.Value, actorRole))
            : Outcome.Forbidden<EnterpriseContext>(Access.Forbidden("role", "role.noneHere", enterprise.DivisionCode, string.Join(", ", allowed.Order(StringComparer.Ordinal))));
    }

    /// <summary>Whether the user sees any of the enterprises <paramref name="ids"/> (e.g. those citing an evidence file).</summary>
    public async Task<bool> SeesAnyAsync(Access access, IReadOnlyCollection<Guid> ids)
    {
        if (ids.Count == 0)
        {
            return false;
        }

        var appointments = await AppointmentsAsync(access);
        foreach (var id in ids.Distinct())
        {
            if (await store.EnterpriseAsync(id) is { } enterprise && Sees(access, enterprise, appointments))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The enterprises the user sees: by jurisdiction and by appointment.</summary>
    public async Task<List<EnterpriseRecord>> VisibleAsync(Access access, string? divisionPrefix = null, string? industry = null)
    {
        var appointments = await AppointmentsAsync(access);
        var own = appointments.Select(a => a.EnterpriseId).Distinct().ToList();
        var candidates = await store.EnterprisesAsync(access.Scopes(PreventionRoles.JurisdictionReaders), own, divisionPrefix, industry);
        return [.. candidates.Where(e => Sees(access, e, appointments))];
    }
}
