using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using Vigil.Data;
using Vigil.Host.Demo;
using Vigil.Host.Incidents;
using Vigil.Host.Jobs;
using Vigil.Host.Monitoring;
using Vigil.Host.Plans;
using Vigil.Host.Prevention;
using Vigil.Host.Security;
using Vigil.Host.Ui;
using Vigil.Host.Ui.Map;

namespace Vigil.Host.Web;

/// <summary>Builds the web application: one place for services and endpoints, used by `vigil serve` and the tests.</summary>
internal static class VigilWebApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var configuration = builder.Configuration;

        var plansDirectory = configuration["Vigil:PlansDirectory"] ?? PlanCatalog.DefaultDirectory;
        var catalog = PlanCatalog.Load(plansDirectory);
        if (!catalog.IsSuccess)
        {
            throw new InvalidOperationException("Plan files are invalid:" + Environment.NewLine + string.Join(Environment.NewLine, catalog.Problems));
        }

        builder.Services.AddSingleton(catalog.Value);
        builder.Services.AddSingleton<IncidentNotifier>();
        builder.Services.AddHostedService<IncidentListener>();
        builder.Services.AddScoped<IncidentService>();
        builder.Services.AddScoped<StationQueries>();
        builder.Services.AddScoped<ReadingConflicts>();
        // The data directory is resolved from the current directory, as for the CLI, so that `vigil serve` and
        // `vigil ingest` run from the same place use the same database.
        builder.Services.AddVigilData(configuration, Environment.CurrentDirectory);
        if (KeyRingProtection.Refusal(builder.Environment, configuration, VigilServices.DataDirectory(configuration, Environment.CurrentDirectory)) is { } refusal)
        {
            throw new StartupRefusedException(refusal);
        }

        builder.Services.AddScoped<DivisionImporter>();
        builder.Services.AddSingleton(sp => StationDirectory.FromScopes(sp.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddSingleton(sp => new Hj212Intake(
            sp.GetRequiredService<StationDirectory>(), sp.GetRequiredService<Vigil.Security.Keys.IKeyProtector>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<Hj212GatewayOptions>>().Value.QnWindowMinutes is > 0 and var minutes ? TimeSpan.FromMinutes(minutes) : null,
            sp.GetRequiredService<IntakeThrottle>()));
        builder.Services.AddSingleton<IntakeThrottle>();
        // No background service stops the server on an unexpected exception: each keeps its own loop alive, and the
        // HTTP side keeps serving whatever one of them meets.
        builder.Services.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore);
        builder.Services.AddSingleton<IntakeStatus>();
        builder.Services.AddSingleton<IntakeWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<IntakeWriter>());
        builder.Services.Configure<Hj212GatewayOptions>(configuration.GetSection("Vigil:Hj212"));
        builder.Services.PostConfigure<Hj212GatewayOptions>(o => o.Address ??= Hj212GatewayOptions.DefaultAddress(configuration["urls"]));
        builder.Services.AddSingleton<Hj212Gateway>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Hj212Gateway>());
        builder.Services.AddHostedService<AuditCheckpointWriter>();
        builder.Services.AddSingleton<JobRunner>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JobRunner>());
        builder.Services.AddScoped<MonitoringJobs>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddVigilAuthentication();
        builder.Services.AddVigilHardening(configuration);
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = Hardening.MaxBodyBytes);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DatabaseBusy>();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            // zh-CN first; English on request (Accept-Language: en for the API, the culture cookie for the UI).
            var supported = new[] { new CultureInfo("zh-CN"), new CultureInfo("en") };
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = supported;
            o.SupportedUICultures = supported;
            UiSetup.ChooseCulture(o);
        });
        builder.AddVigilUi();

        var app = builder.Build();
        Prepare(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders(app.Services.GetRequiredService<IOptions<MapTileOptions>>().Value.Origins());
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRequestSizeLimit();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseCookieAntiforgery();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapOpenApi();
        app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" }));
        app.MapAuth();
        app.MapAdmin();
        app.MapAudit();
        app.MapStationKeys();
        app.MapPlans();
        app.MapIncidents();
        app.MapMonitoring();
        app.MapReviews();
        app.MapPrevention();
        app.MapJobsApi();
        app.MapVigilUi();
        return app;
    }

    /// <summary>
    /// Migrates the database (WAL so readers never wait on the writer), creates the first administrator on first
    /// start, and seeds demo accounts and data in demo mode only.
    /// </summary>
    private static void Prepare(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<VigilDbContext>();
        db.Prepare();
        // SEC: station password hashes of the first version (unsalted SHA-256) become PBKDF2 without the passwords.
        foreach (var station in db.Stations.ToList())
        {
            station.PasswordHash = StationDirectory.UpgradeLegacy(station.PasswordHash) ?? station.PasswordHash;
        }

        db.SaveChanges();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var (created, generated) = accounts.BootstrapAsync(app.Configuration["VIGIL_ADMIN_PASSWORD"]).GetAwaiter().GetResult();
        if (generated is not null)
        {
            // To the terminal's standard error only, inside a banner: never through ILogger, whose sinks (console
            // on stdout, files, journald) keep what they are given (SEC: secrets never in logs; issue 12 item 13). It
            // must be changed at first sign-in.
            var rule = new string('=', 72);
            Console.Error.WriteLine(string.Join(Environment.NewLine, rule, HostText.Format("admin.generated", generated), rule));
        }
        else if (created)
        {
            Console.WriteLine(HostText.Format("admin.created"));
        }

        if (app.Configuration.GetValue<bool>("Vigil:Demo"))
        {
            DemoData.SeedAsync(scope.ServiceProvider).GetAwaiter().GetResult();
        }
    }
}
