using System.Security.Claims;
using Vigil.Common;
using Vigil.Host.Web;

namespace Vigil.Host.Security;

/// <summary>
/// The signed-in user of this request as an <see cref="Access"/>. Replaces the old header-named local operator: who
/// acts is whoever signed in, and X-Vigil-Role only chooses among that user's own role assignments.
/// </summary>
internal sealed class CurrentUser(IHttpContextAccessor http, AccountService accounts)
{
    public const string RoleHeader = "X-Vigil-Role";

    private Access? _access;

    /// <summary>The access of the signed-in user, or the problem to answer (403 while the first password is unchanged).</summary>
    public async Task<(Access? Access, IResult? Problem)> GetAsync()
    {
        if (_access is not null)
        {
            return (_access, null);
        }

        var context = http.HttpContext!;
        var requested = context.Request.Headers.TryGetValue(RoleHeader, out var role) && role.Count > 0 ? role[0]!.Trim() : null;
        var (access, denial) = await ResolveAsync(context.User, requested, accounts);
        _access = access;
        return denial switch
        {
            AccessDenial.None => (access, null),
            AccessDenial.MustChangePassword => (null, ApiProblems.One(ProblemKind.Forbidden, "password", "password.mustChange")),
            _ => (null, TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: HostText.Format("problem.unauthorized"))),
        };
    }

    /// <summary>
    /// The access of a signed-in principal, for the API (per request) and the UI (per circuit) alike: none when the
    /// account is unknown or disabled, none while the first password is unchanged.
    /// </summary>
    public static async Task<(Access? Access, AccessDenial Denial)> ResolveAsync(ClaimsPrincipal principal, string? requestedRole, AccountService accounts)
    {
        var user = principal.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? await accounts.FindAsync(id) : null;
        if (user is null || user.DisabledAt is not null)
        {
            return (null, AccessDenial.SignedOut);
        }

        return user.MustChangePassword
            ? (null, AccessDenial.MustChangePassword)
            : (await accounts.AccessAsync(user, requestedRole), AccessDenial.None);
    }

    /// <summary>The access, refused with 403 and a reason unless the user holds one of <paramref name="roles"/> somewhere.</summary>
    public async Task<(Access? Access, IResult? Problem)> RequireAsync(IReadOnlyCollection<string> roles)
    {
        var (access, problem) = await GetAsync();
        if (access is null)
        {
            return (null, problem);
        }

        return access.HoldsAny(roles)
            ? (access, null)
            : (null, ApiProblems.One(ProblemKind.Forbidden, "role", "role.forbidden", string.Join(", ", roles.Order(StringComparer.Ordinal))));
    }
}

/// <summary>Why a principal has no access.</summary>
public enum AccessDenial
{
    None,
    SignedOut,
    MustChangePassword,
}
