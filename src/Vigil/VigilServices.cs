using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Data.Incidents;
using Vigil.Data.Security;
using Vigil.Host.Prevention;
using Vigil.Host.Security;
using Vigil.Security.Keys;

namespace Vigil.Host;

/// <summary>The services the server and the data-touching CLI commands share: one database, one key ring, one clock.</summary>
internal static class VigilServices
{
    public static IServiceCollection AddVigilData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var dataDirectory = DataDirectory(configuration, contentRoot);
        services.AddSingleton(new DataDirectoryPath(dataDirectory));
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<VigilDbContext>(options => options
            .UseSqlite(ConnectionString(configuration, dataDirectory))
            .AddInterceptors(new AppendOnlyInterceptor()));
        services.AddScoped<IncidentStore>();
        services.AddScoped<Data.Monitoring.MonitoringStore>();
        services.AddScoped<Data.Monitoring.ReviewStore>();
        services.AddScoped<Monitoring.ReviewService>();
        services.AddScoped<AuditStore>();
        services.AddScoped<AccountService>();
        services.AddScoped<StationKeyService>();
        services.AddPrevention();
        services.AddSingleton<IPasswordHasher<UserRecord>, PasswordHasher<UserRecord>>();

        // SEC confidentiality of secrets at rest: station keys and cookies are encrypted with a key ring kept in the
        // data directory, outside the database, so a copy of the database alone reveals no station key.
        services.AddDataProtection()
            .SetApplicationName("Vigil")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        services.AddSingleton<IKeyProtector, DataProtectionKeyProtector>();
        return services;
    }

    /// <summary>The data directory (Vigil:DataDirectory, default ./data), created if missing.</summary>
    public static string DataDirectory(IConfiguration configuration, string contentRoot)
    {
        var directory = Path.GetFullPath(configuration["Vigil:DataDirectory"] ?? "data", contentRoot);
        Directory.CreateDirectory(directory);
        return directory;
    }

    public static string DatabaseFile(string dataDirectory) => Path.Combine(dataDirectory, "vigil.db");

    /// <summary>
    /// The SQLite file in the data directory unless a connection string is given. A writer that finds the database
    /// locked waits its turn for at most <c>Vigil:Database:BusyTimeoutSeconds</c> (default 10; SQLite retries within
    /// that bound), then gives up: an HTTP request is answered 503 with Retry-After, the intake writer backs off.
    /// </summary>
    private static string ConnectionString(IConfiguration configuration, string dataDirectory) =>
        configuration.GetConnectionString("Vigil") is { Length: > 0 } configured
            ? configured
            : new SqliteConnectionStringBuilder
            {
                DataSource = DatabaseFile(dataDirectory),
                DefaultTimeout = configuration.GetValue("Vigil:Database:BusyTimeoutSeconds", 10),
            }.ToString();
}

/// <summary>Where the database and the key ring live.</summary>
internal sealed record DataDirectoryPath(string Path);
