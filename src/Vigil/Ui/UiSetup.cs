using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using Vigil.Host.Security;
using Vigil.Host.Ui.Account;
using Vigil.Host.Ui.Map;

namespace Vigil.Host.Ui;

/// <summary>
/// The web UI: Blazor components served by `vigil serve` itself (static rendering, interactive server components for
/// the live boards), with every script, style and chart library shipped in wwwroot, nothing from the internet.
/// </summary>
internal static class UiSetup
{
    /// <summary>Where the culture switch stores the user's choice (ASP.NET Core's culture cookie).</summary>
    public static string CultureCookie => CookieRequestCultureProvider.DefaultCookieName;

    public static WebApplicationBuilder AddVigilUi(this WebApplicationBuilder builder)
    {
        // Static web assets (wwwroot, blazor.web.js) are found from the build output in every environment, so
        // `dotnet run` and the built vigil.dll serve the UI just as a published copy does.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();
        builder.Services.AddScoped<UiSession>();
        builder.Services.AddOptions<MapTileOptions>().Bind(builder.Configuration.GetSection(MapTileOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MapTileOptions>, MapTileOptionsValidation>();
        return builder;
    }

    /// <summary>
    /// The UI's language: the culture cookie when the user chose one, zh-CN otherwise (a duty room's browser may well
    /// be set to English; the product is zh-CN first). The API keeps honouring Accept-Language.
    /// </summary>
    public static void ChooseCulture(RequestLocalizationOptions options) =>
        options.RequestCultureProviders.Insert(
            options.RequestCultureProviders.IndexOf(options.RequestCultureProviders.OfType<AcceptLanguageHeaderRequestCultureProvider>().First()),
            new CustomRequestCultureProvider(http => Task.FromResult(
                Authentication.IsApi(http.Request) ? null : new ProviderCultureResult("zh-CN"))));

    public static void MapVigilUi(this WebApplication app)
    {
        app.MapStaticAssets();
        // Blazor adds its own frame-ancestors policy to interactive pages; it says the same as the security headers.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = "'none'");

        // The language switch: a plain link that sets the culture cookie and returns to the page.
        app.MapGet("/culture/{name}", (string name, string? returnUrl, HttpContext http, IOptions<RequestLocalizationOptions> localization) =>
        {
            if (localization.Value.SupportedUICultures!.FirstOrDefault(c => c.Name == name) is { } culture)
            {
                http.Response.Cookies.Append(CultureCookie, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            }

            return TypedResults.LocalRedirect(LocalUrl(returnUrl));
        }).AllowAnonymous().ExcludeFromDescription();

        // Sign-out is a POST with the antiforgery token (checked by the cookie antiforgery middleware).
        app.MapPost("/sign-out", async (HttpContext http, AccountService accounts) =>
        {
            await AuthApi.SignOutCookieAsync(http, accounts);
            return TypedResults.LocalRedirect(Authentication.SignInPath);
        }).RequireAuthorization().ExcludeFromDescription();
        app.MapAccountUi();
    }

    /// <summary>A local path to return to; anything else (another site, a protocol-relative URL) becomes the home page.</summary>
    public static string LocalUrl(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
