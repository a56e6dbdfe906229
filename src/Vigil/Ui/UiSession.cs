using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Vigil.Host.Security;
using Vigil.Host.Ui.Account;

namespace Vigil.Host.Ui;

/// <summary>The answer of a UI call: the value, or why the user has no access.</summary>
internal sealed record UiCall<T>(T? Value, AccessDenial Denial);

/// <summary>The user's whole access and the access acting as the chosen role (the whole one when none is chosen).</summary>
internal sealed record UiRoles(Access All, Access Acting);

/// <summary>
/// How components reach the services the API uses: each call gets a fresh service scope (its own database context,
/// as an HTTP request would) and the signed-in user's <see cref="Access"/>, resolved exactly as for the API, so the
/// same roles and jurisdictions apply. A circuit lives for hours; nothing of the database is kept between calls.
/// </summary>
internal sealed class UiSession(AuthenticationStateProvider authentication, IServiceScopeFactory scopes)
{
    /// <summary>
    /// Runs <paramref name="work"/> with the user's access acting as the role chosen in the header (the
    /// <see cref="AccountUi.RoleClaim"/> of the session), passed as the requested role exactly like X-Vigil-Role; a
    /// chosen role the user no longer holds is ignored.
    /// </summary>
    public async Task<UiCall<T>> RunAsync<T>(Func<IServiceProvider, Access, Task<T>> work)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        await using var scope = scopes.CreateAsyncScope();
        var (access, denial) = await ResolveAsync(state.User, scope.ServiceProvider);
        return access is null ? new UiCall<T>(default, denial) : new UiCall<T>(await work(scope.ServiceProvider, access.Acting), AccessDenial.None);
    }

    /// <summary>The user's whole access (every role) and the role acting now, for the header's role picker.</summary>
    public async Task<UiCall<UiRoles>> RolesAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        await using var scope = scopes.CreateAsyncScope();
        var (access, denial) = await ResolveAsync(state.User, scope.ServiceProvider);
        return new UiCall<UiRoles>(access, denial);
    }

    private static async Task<(UiRoles? Roles, AccessDenial Denial)> ResolveAsync(ClaimsPrincipal user, IServiceProvider services)
    {
        var (access, denial) = await CurrentUser.ResolveAsync(user, null, services.GetRequiredService<AccountService>());
        return (access is null ? null : new UiRoles(access, access.ActingAs(user.FindFirstValue(AccountUi.RoleClaim))), denial);
    }
}

/// <summary>
/// Re-checks a live circuit's session every minute, so signing out elsewhere, a password change or a disabled account
/// also ends an open board, not only the next request.
/// </summary>
internal sealed class SessionRevalidation(ILoggerFactory loggers, IServiceScopeFactory scopes) : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await Authentication.IsSessionValidAsync(authenticationState.User, scope.ServiceProvider.GetRequiredService<AccountService>());
    }
}
