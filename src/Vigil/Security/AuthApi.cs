using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Vigil.Common;
using Vigil.Data.Security;
using Vigil.Host.Web;

namespace Vigil.Host.Security;

/// <summary>Sign-in, sign-out, who am I, password change (issue 3 part 1).</summary>
internal static class AuthApi
{
    public static void MapAuth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Authentication");
        group.MapPost("/sign-in", SignIn).AllowAnonymous().RequireRateLimiting(Hardening.SignInLimit);
        group.MapPost("/sign-out", SignOut).RequireAuthorization();
        group.MapGet("/me", Me).RequireAuthorization();
        group.MapPost("/password", ChangePassword).RequireAuthorization();
        group.MapGet("/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
            TypedResults.Ok(new { token = antiforgery.GetAndStoreTokens(http).RequestToken })).RequireAuthorization();
    }

    /// <summary><c>{"userName", "password"}</c> → the session cookie, and the antiforgery token for later requests.</summary>
    private static async Task<IResult> SignIn(HttpContext http, AccountService accounts, IAntiforgery antiforgery)
    {
        var (document, problem) = await ApiProblems.ReadJsonAsync(http.Request);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var body = new BodyReader(document!.RootElement);
            var userName = body.Text("userName", required: true, maxLength: 100);
            var password = body.Element("password") is { ValueKind: System.Text.Json.JsonValueKind.String } p ? p.GetString() : null;
            if (!body.IsValid || password is null)
            {
                return body.IsValid ? ApiProblems.One(ProblemKind.Invalid, "password", "field.required") : body.Problem();
            }

            var (status, user) = await SignInCookieAsync(http, accounts, userName!, password);
            if (status != SignInStatus.Succeeded)
            {
                // One answer for a wrong name and a wrong password, so names cannot be probed; a lockout says so,
                // because the user must know to wait.
                return status == SignInStatus.LockedOut
                    ? Unauthorized("signIn.locked", (int)AccountService.LockoutDuration.TotalMinutes)
                    : Unauthorized("signIn.failed");
            }

            // The antiforgery token is bound to the user, so it is issued for the principal just signed in.
            var token = antiforgery.GetAndStoreTokens(http).RequestToken;
            return TypedResults.Ok(new { user = Describe(user!), antiforgeryToken = token, antiforgeryHeader = Hardening.AntiforgeryHeader });
        }
    }

    /// <summary>
    /// Checks the password and, when it is right, starts a server-side session and sets the session cookie; the
    /// request's user becomes the one just signed in. Shared by the API and the UI's sign-in page.
    /// </summary>
    public static async Task<(SignInStatus Status, UserRecord? User)> SignInCookieAsync(HttpContext http, AccountService accounts, string userName, string password)
    {
        var (status, user) = await accounts.CheckPasswordAsync(userName, password);
        if (status != SignInStatus.Succeeded)
        {
            return (status, user);
        }

        await StartCookieSessionAsync(http, accounts, user!);
        return (status, user);
    }

    /// <summary>
    /// Starts a server-side session for <paramref name="user"/> and sets the session cookie; the request's user becomes
    /// that one. After a right password (sign-in) or a password change (which ended every earlier session).
    /// </summary>
    public static async Task StartCookieSessionAsync(HttpContext http, AccountService accounts, UserRecord user)
    {
        var session = await accounts.StartSessionAsync(user);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id),
            new Claim(ClaimTypes.Name, user.DisplayName),
            new Claim(Authentication.SessionClaim, session.Id),
            new Claim(Authentication.StampClaim, user.SecurityStamp),
        ], CookieAuthenticationDefaults.AuthenticationScheme));
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        http.User = principal;
    }

    /// <summary>Ends the server-side session (so a copied cookie dies with it) and clears the cookie.</summary>
    public static async Task SignOutCookieAsync(HttpContext http, AccountService accounts)
    {
        if (await SignedInUser(http, accounts) is { } user && http.User.FindFirstValue(Authentication.SessionClaim) is { } session)
        {
            await accounts.EndSessionAsync(session, user);
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> SignOut(HttpContext http, AccountService accounts)
    {
        await SignOutCookieAsync(http, accounts);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Me(HttpContext http, AccountService accounts)
    {
        if (await SignedInUser(http, accounts) is not { } user)
        {
            return Unauthorized("signIn.required");
        }

        var access = await accounts.AccessAsync(user, null);
        return TypedResults.Ok(new
        {
            user = Describe(user),
            roles = access.Assignments.Select(a => new { role = a.RoleId, divisionCode = a.DivisionCode }),
        });
    }

    /// <summary><c>{"currentPassword", "newPassword"}</c>; every session ends, so the user signs in again.</summary>
    private static async Task<IResult> ChangePassword(HttpContext http, AccountService accounts)
    {
        if (await SignedInUser(http, accounts) is not { } user)
        {
            return Unauthorized("signIn.required");
        }

        var (document, problem) = await ApiProblems.ReadJsonAsync(http.Request);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var body = new BodyReader(document!.RootElement);
            var current = body.Text("currentPassword", required: true, maxLength: 200);
            var replacement = body.Text("newPassword", required: true, maxLength: 200);
            if (!body.IsValid)
            {
                return body.Problem();
            }

            var changed = await accounts.ChangePasswordAsync(user, current!, replacement!);
            if (!changed.IsSuccess)
            {
                return ApiProblems.From(changed);
            }

            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.NoContent();
        }
    }

    private static async Task<UserRecord?> SignedInUser(HttpContext http, AccountService accounts) =>
        http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? await accounts.FindAsync(id) : null;

    private static object Describe(UserRecord user) => new
    {
        id = user.Id,
        userName = user.UserName,
        displayName = user.DisplayName,
        isDemo = user.IsDemo,
        mustChangePassword = user.MustChangePassword,
    };

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Unauthorized(string code, params object?[] args) => TypedResults.Problem(
        title: HostText.Format("problem.unauthorized"),
        detail: HostText.Format(code, ["userName", .. args]),
        statusCode: StatusCodes.Status401Unauthorized,
        type: "https://vigil.example/problems/" + code);
}
