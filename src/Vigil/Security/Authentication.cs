using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Vigil.Host.Security;

/// <summary>
/// Sign-in for people (an HttpOnly, SameSite=Strict cookie naming a server-side session) and for integrations and
/// stations (a bearer API key). One policy scheme picks by the Authorization header (SEC access for the authorised).
/// </summary>
internal static class Authentication
{
    public const string Scheme = "Vigil";
    public const string ApiKeyScheme = "ApiKey";
    public const string SessionClaim = "vigil:session";
    public const string StampClaim = "vigil:stamp";

    /// <summary>The web UI's sign-in page.</summary>
    public const string SignInPath = "/sign-in";

    public static IServiceCollection AddVigilAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, Scheme, o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal)
                    ? ApiKeyScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "vigil.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;

                // The API answers 401/403; a page of the web UI sends the browser to the sign-in page instead.
                o.LoginPath = SignInPath;
                o.Events.OnRedirectToLogin = c => IsApi(c.Request)
                    ? Status(c.Response, StatusCodes.Status401Unauthorized)
                    : Redirect(c.Response, c.RedirectUri);
                o.Events.OnRedirectToAccessDenied = c => Status(c.Response, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = ValidateSessionAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyScheme, null);
        services.AddAuthorization();
        services.AddScoped<CurrentUser>();
        return services;
    }

    /// <summary>
    /// Every request re-checks the session row and the account's security stamp, so sign-out, a password change or a
    /// disabled account ends a copied cookie at once rather than when it expires.
    /// </summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var accounts = context.HttpContext.RequestServices.GetRequiredService<AccountService>();
        if (!await IsSessionValidAsync(context.Principal!, accounts))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    /// <summary>Whether the principal's session row still exists and its account's security stamp is unchanged.</summary>
    public static async Task<bool> IsSessionValidAsync(ClaimsPrincipal principal, AccountService accounts) =>
        principal.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
        && principal.FindFirstValue(SessionClaim) is { } session
        && principal.FindFirstValue(StampClaim) is { } stamp
        && await accounts.IsSessionValidAsync(session, userId, stamp);

    /// <summary>Whether a request is for the HTTP API (answered with status codes, never redirected).</summary>
    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static Task Redirect(HttpResponse response, string location)
    {
        response.Redirect(location);
        return Task.CompletedTask;
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>Bearer API keys: the token's hash is looked up; revoked keys and disabled accounts fail.</summary>
    private sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccountService accounts)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var header = Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                return AuthenticateResult.NoResult();
            }

            var user = await accounts.FindByApiKeyAsync(header["Bearer ".Length..].Trim());
            if (user is null)
            {
                // The token itself is never logged (SEC: secrets never in logs).
                return AuthenticateResult.Fail("Unknown or revoked API key.");
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.DisplayName)], ApiKeyScheme);
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeyScheme));
        }
    }
}
