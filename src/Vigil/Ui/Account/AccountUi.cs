using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Vigil.Host.Security;

namespace Vigil.Host.Ui.Account;

/// <summary>
/// The web UI's role picker: a user who holds several roles chooses the one to act as. The choice is a claim of the
/// session cookie (encrypted and signed by Data Protection, so the browser can neither read nor forge it), kept until
/// sign-out or a password change; <see cref="UiSession"/> narrows the user's access to it, as X-Vigil-Role does for the API.
/// </summary>
internal static class AccountUi
{
    /// <summary>The claim that carries the chosen role; absent when the user acts in all their roles.</summary>
    public const string RoleClaim = "vigil:ui-role";

    /// <summary>Where a user changes their password (and where a one-time password sends them).</summary>
    public const string PasswordPath = "account/password";

    /// <summary>
    /// <c>POST /account/role</c> (form: role, returnUrl; antiforgery checked by the cookie antiforgery middleware): a role
    /// the user holds becomes the one they act as, anything else (an empty choice, a role not held) clears the choice.
    /// Takes effect on the next page load; pages already open keep theirs until reloaded.
    /// </summary>
    public static void MapAccountUi(this IEndpointRouteBuilder app) =>
        app.MapPost("/account/role", async (HttpContext http, AccountService accounts) =>
        {
            var form = await http.Request.ReadFormAsync();
            var returnUrl = UiSetup.LocalUrl(form["returnUrl"].FirstOrDefault());
            var user = http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? await accounts.FindAsync(id) : null;
            if (user is null)
            {
                return TypedResults.LocalRedirect(Authentication.SignInPath);
            }

            var chosen = (await accounts.AccessAsync(user, null)).ActingAs(form["role"].FirstOrDefault()?.Trim()).ActingRole;
            var identity = new ClaimsIdentity(http.User.Claims.Where(c => c.Type != RoleClaim), CookieAuthenticationDefaults.AuthenticationScheme);
            if (chosen is not null)
            {
                identity.AddClaim(new Claim(RoleClaim, chosen));
            }

            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return TypedResults.LocalRedirect(returnUrl);
        }).RequireAuthorization().ExcludeFromDescription();
}
