using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Data.Incidents;
using Vigil.Host.Demo;
using Vigil.Data.Monitoring;
using Vigil.Host.Incidents;
using Vigil.Host.Monitoring;
using Vigil.Host.Plans;

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
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddDbContext<VigilDbContext>(options => options
            .UseSqlite(configuration.GetConnectionString("Vigil") is { Length: > 0 } configured
                ? configured
                : DataPaths.ConnectionString(DataPaths.Directory(configuration["Vigil:DataDirectory"])))
            .AddInterceptors(new AppendOnlyInterceptor()));
        builder.Services.AddScoped<IncidentStore>();
        builder.Services.AddScoped<MonitoringStore>();
        builder.Services.AddSingleton(sp => StationDirectory.FromScopes(sp.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddSingleton<Hj212Intake>();
        builder.Services.AddSingleton<IntakeWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<IntakeWriter>());
        builder.Services.Configure<Hj212GatewayOptions>(configuration.GetSection("Vigil:Hj212"));
        builder.Services.AddSingleton<Hj212Gateway>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Hj212Gateway>());
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<OperatorAccessor>();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            // zh-CN first; English on request (Accept-Language: en).
            var supported = new[] { new CultureInfo("zh-CN"), new CultureInfo("en") };
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = supported;
            o.SupportedUICultures = supported;
        });

        var app = builder.Build();
        Prepare(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLocalization();
        app.MapOpenApi();
        app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" }));
        app.MapPlans();
        app.MapIncidents();
        app.MapMonitoring();
        return app;
    }

    /// <summary>Migrates the database (WAL so readers never wait on the writer) and seeds demo data in demo mode.</summary>
    private static void Prepare(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<VigilDbContext>();
        db.Prepare();
        if (app.Configuration.GetValue<bool>("Vigil:Demo"))
        {
            DemoData.SeedAsync(scope.ServiceProvider).GetAwaiter().GetResult();
        }
    }
}
