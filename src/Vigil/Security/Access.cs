using System.Text.Json;
using Vigil.Common;
using Vigil.Data.Security;
using Vigil.Incidents;
using Vigil.Security.Access;
using Vigil.Security.Audit;

namespace Vigil.Host.Security;

/// <summary>
/// What the signed-in user may do, where (SEC access for the authorised only; issue 3 part 2): the user and their role
/// assignments, with the role the client asked to act in (X-Vigil-Role or --role), which is only ever a choice among
/// the user's own assignments, never a claim.
/// </summary>
internal sealed class Access(UserRecord user, IReadOnlyList<RoleAssignmentRecord> assignments, string? requestedRole)
{
    public UserRecord User => user;

    public IReadOnlyList<RoleAssignmentRecord> Assignments => assignments;

    /// <summary>Whether the user holds any of <paramref name="roles"/> anywhere.</summary>
    public bool HoldsAny(IReadOnlyCollection<string> roles) => assignments.Any(a => roles.Contains(a.RoleId));

    /// <summary>The jurisdiction prefixes of the user's assignments in <paramref name="roles"/>, for list filters.</summary>
    public IReadOnlyList<string> Scopes(IReadOnlyCollection<string> roles) =>
        [.. assignments.Where(a => roles.Contains(a.RoleId)).Select(a => Jurisdiction.Prefix(a.DivisionCode)).Distinct(StringComparer.Ordinal)];

    /// <summary>The user's roles among <paramref name="roles"/> whose division covers <paramref name="divisionCode"/>.</summary>
    public IReadOnlyList<string> RolesCovering(string divisionCode, IReadOnlyCollection<string> roles) =>
        [.. assignments.Where(a => roles.Contains(a.RoleId) && Jurisdiction.Covers(a.DivisionCode, divisionCode))
            .Select(a => a.RoleId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Whether some assignment in <paramref name="roles"/> covers <paramref name="divisionCode"/>.</summary>
    public bool Sees(string divisionCode, IReadOnlyCollection<string> roles) => RolesCovering(divisionCode, roles).Count > 0;

    /// <summary>
    /// Whether the user, in one of <paramref name="roles"/>, governs an account holding <paramref name="target"/>: every
    /// role the account holds lies inside the user's subtree (an account with no role yet is governed by every
    /// administrator). A district administrator thus never acts on an account that also works elsewhere, let alone
    /// on the national administrator (issue 12 item 1; SEC access for the authorised only).
    /// </summary>
    public bool Governs(IEnumerable<RoleAssignmentRecord> target, IReadOnlyCollection<string> roles) =>
        target.All(a => Sees(a.DivisionCode, roles));

    /// <summary>
    /// The role to act in at <paramref name="divisionCode"/>: the one asked for if the user holds it there, else the
    /// single covering role. Refused with a reason when the user holds none there, or several and did not choose.
    /// </summary>
    public Outcome<string> RoleAt(string divisionCode, IReadOnlyCollection<string> roles)
    {
        var covering = RolesCovering(divisionCode, roles);
        if (requestedRole is { Length: > 0 } asked)
        {
            return covering.Contains(asked, StringComparer.Ordinal)
                ? asked
                : Refuse("X-Vigil-Role", "role.notHeld", asked, divisionCode);
        }

        return covering.Count switch
        {
            1 => covering[0],
            0 => Refuse("role", "role.noneHere", divisionCode, string.Join(", ", roles.Order(StringComparer.Ordinal))),
            _ => Outcome<string>.Failure(ProblemKind.Invalid,
                new Problem("X-Vigil-Role", "role.choose", HostText.Format("role.choose", "X-Vigil-Role", string.Join(", ", covering)))),
        };
    }

    /// <summary>
    /// The access of the web UI's role picker: acting as <paramref name="role"/>, the user has only that role's
    /// assignments (lists, pages and actions all narrow to it) and it is the requested role, as X-Vigil-Role is for the
    /// API. A role the user does not hold (any more, or never) is ignored: the access is the user's whole one, unchosen.
    /// </summary>
    public Access ActingAs(string? role) =>
        role is { Length: > 0 } && assignments.Any(a => a.RoleId == role)
            ? new Access(user, [.. assignments.Where(a => a.RoleId == role)], role)
            : new Access(user, assignments, null);

    /// <summary>The role the user acts as (chosen and held), or null when acting in all of them.</summary>
    public string? ActingRole => requestedRole is { Length: > 0 } role && assignments.Any(a => a.RoleId == role) ? role : null;

    public Actor ActorAs(string role) => new(user.DisplayName, role, user.Id);

    public AuditEvent Audit(string role, string action, string targetType, string targetId, string divisionCode, object? details = null) =>
        new(user.Id, user.DisplayName, role, action, targetType, targetId, divisionCode,
            details is null ? "{}" : JsonSerializer.Serialize(details, AuditJson));

    /// <summary>The role recorded for an act that needs one of <paramref name="roles"/> (the first the user holds).</summary>
    public string FirstRole(IReadOnlyCollection<string> roles) =>
        assignments.Where(a => roles.Contains(a.RoleId)).Select(a => a.RoleId).Order(StringComparer.Ordinal).FirstOrDefault() ?? "";

    public static readonly JsonSerializerOptions AuditJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Problem Forbidden(string field, string code, params object?[] args) =>
        new(field, code, HostText.Format(code, [field, .. args]));

    private static Outcome<string> Refuse(string field, string code, params object?[] args) =>
        Outcome<string>.Failure(ProblemKind.Forbidden, Forbidden(field, code, args));
}
