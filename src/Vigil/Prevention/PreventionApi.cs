using Vigil.Data.Prevention;

namespace Vigil.Host.Prevention;

/// <summary>Dual prevention over HTTP (issue 5): one call maps every endpoint of the area.</summary>
internal static class PreventionApi
{
    public static void MapPrevention(this IEndpointRouteBuilder app)
    {
        app.MapEnterprises();
        app.MapRisk();
        app.MapInspections();
        app.MapHazards();
        app.MapQuarterlyReports();
        app.MapUnitInspections();
        app.MapPublicReports();
        app.MapPreventionMap();
    }

    /// <summary>The area's services, shared by the server and the CLI.</summary>
    public static IServiceCollection AddPrevention(this IServiceCollection services)
    {
        services.AddScoped<PreventionStore>();
        services.AddScoped(sp => new EvidenceStore(sp.GetRequiredService<Data.VigilDbContext>(), sp.GetRequiredService<DataDirectoryPath>().Path));
        services.AddScoped<EnterpriseGate>();
        services.AddScoped<PreventionQueries>();
        services.AddScoped<MapQueries>();
        services.AddScoped<HazardService>();
        services.AddScoped<PublicReportService>();
        services.AddScoped<EnterpriseQueries>();
        return services;
    }
}
