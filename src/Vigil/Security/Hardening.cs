using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.Metadata;
using Vigil.Common;
using Vigil.Host.Web;

namespace Vigil.Host.Security;

/// <summary>
/// Hardening of the HTTP edge (issue 3 part 6): security headers, antiforgery for cookie-authenticated writes,
/// rate limits on sign-in and intake, and a request size limit.
/// </summary>
internal static class Hardening
{
    public const string SignInLimit = "sign-in";
    public const string IntakeLimit = "intake";
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    /// <summary>Largest request body accepted unless an endpoint says otherwise (a report is a few kilobytes).</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    public static IServiceCollection AddVigilHardening(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryHeader;
            o.Cookie.Name = "vigil.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        var signInPerMinute = configuration.GetValue("Vigil:RateLimits:SignInPerMinute", 10);
        var intakePerMinute = configuration.GetValue("Vigil:RateLimits:IntakePerMinute", 60);
        var publicReportsPerMinute = configuration.GetValue("Vigil:RateLimits:PublicReportsPerMinute", 5);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;

            // Per client address: password guessing is slowed per source on top of the per-account lockout. Only the
            // attempts count: showing the UI's sign-in page (GET) is not limited.
            o.AddPolicy(SignInLimit, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "local",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = signInPerMinute, Window = TimeSpan.FromMinutes(1) })
                : RateLimitPartition.GetNoLimiter("page"));

            // Per account (or address before sign-in): one flooding integration cannot starve the others' intake.
            o.AddPolicy(IntakeLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? http.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = intakePerMinute, Window = TimeSpan.FromMinutes(1) }));

            // Per client address: anyone may report a hazard without signing in (004 第二条), so flooding is slowed at the source.
            o.AddPolicy(Prevention.HazardsApi.PublicReportLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = publicReportsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        });
        return services;
    }

    /// <summary>
    /// Headers that keep browsers from sniffing types, framing the UI or leaking URLs. <paramref name="imageOrigins"/>
    /// are the only other origins images may come from: the configured tile service's, if any (MapTileOptions).
    /// Every response is <c>Cache-Control: no-store</c> unless its endpoint chose a policy itself (the static assets,
    /// which hold no data): incident details with reporters' contacts, evidence files and CSV exports are never kept
    /// in a browser's or a proxy's cache (issue 12 item 11; SEC confidentiality). Failing closed, a new endpoint is
    /// covered without anyone remembering to.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, IReadOnlyCollection<string> imageOrigins)
    {
        // base-uri 'self': the web UI's pages declare <base href="/"> (Blazor resolves its links against it); no other
        // origin may be named there. Nothing else is relaxed: no inline script or style, nothing from another origin.
        var policy = "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
            + (imageOrigins.Count > 0 ? "; img-src 'self' " + string.Join(' ', imageOrigins) : "");
        return app.Use(async (http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = policy;
            headers["Referrer-Policy"] = "no-referrer";
            http.Response.OnStarting(() =>
            {
                if (string.IsNullOrEmpty(http.Response.Headers.CacheControl))
                {
                    http.Response.Headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            await next();
        });
    }

    /// <summary>
    /// Refuses a body larger than the endpoint's limit (default <see cref="MaxBodyBytes"/>) before it is read: 413.
    /// Kestrel enforces the same limit on the wire; this also covers hosts that do not (the test server, a proxy).
    /// </summary>
    public static IApplicationBuilder UseRequestSizeLimit(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? MaxBodyBytes;
        if (http.Request.ContentLength > limit)
        {
            await ApiProblems.WithStatus(StatusCodes.Status413PayloadTooLarge, "body", "body.tooLarge", limit.ToString(CultureInfo.InvariantCulture)).ExecuteAsync(http);
            return;
        }

        await next();
    });

    /// <summary>
    /// The web UI's live connection (the Blazor circuit's SignalR hub, whose negotiate is a POST without a token). It
    /// changes nothing by itself: every action sent over it goes through the same services and checks as the API, the
    /// cookie is SameSite=Strict so another site cannot open it with the user's session, and a circuit only starts
    /// from component markers the server rendered and protected for this user.
    /// </summary>
    public static bool IsCircuitHub(HttpRequest request) => request.Path.StartsWithSegments("/_blazor", StringComparison.Ordinal);

    /// <summary>
    /// Cookie-authenticated writes must carry the antiforgery token in <see cref="AntiforgeryHeader"/>. The cookie is
    /// already SameSite=Strict; the token is kept as well because SameSite does not stop a sibling subdomain or an
    /// old browser, and a header cannot be set by a cross-site form. Bearer API keys are exempt: a browser never
    /// sends them on its own, so they cannot be forged across sites.
    /// </summary>
    public static IApplicationBuilder UseCookieAntiforgery(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var unsafeMethod = !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method));
        if (unsafeMethod && !IsCircuitHub(http.Request) && http.User.Identity is { IsAuthenticated: true, AuthenticationType: CookieAuthenticationDefaults.AuthenticationScheme })
        {
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                var problem = ApiProblems.One(ProblemKind.Invalid, AntiforgeryHeader, "antiforgery.invalid");
                await problem.ExecuteAsync(http);
                return;
            }
        }

        await next();
    });
}
