using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
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
        var database = DatabaseSettings.From(configuration, dataDirectory);
        services.AddSingleton(database);
        services.AddDbContext<VigilDbContext>(options => options.UseVigil(database.Provider, database.ConnectionString));
        services.AddScoped<IncidentStore>();
        services.AddScoped<Data.Monitoring.MonitoringStore>();
        services.AddScoped<Data.Monitoring.ReviewStore>();
        services.AddScoped<Monitoring.ReviewService>();
        services.AddScoped<AuditStore>();
        var audit = AuditOptions.From(configuration, dataDirectory);
        services.AddSingleton(audit);
        services.AddSingleton(_ => audit.LoadKey());
        services.AddSingleton<AuditCheckpoints>();
        services.AddScoped<AuditVerifier>();
        services.AddScoped<AccountService>();
        services.AddScoped<StationKeyService>();
        services.AddPrevention();
        services.AddSingleton<IPasswordHasher<UserRecord>, PasswordHasher<UserRecord>>();

        // SEC confidentiality of secrets at rest: station keys and cookies are encrypted with a key ring kept in the
        // data directory, outside the database, and the ring itself with a certificate kept elsewhere (issue 12 item 4).
        services.AddVigilKeyRing(configuration, dataDirectory);
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
}

/// <summary>
/// The engine (Vigil:Database:Provider = Sqlite, the default, or PostgreSQL) and its connection string
/// (ConnectionStrings:Vigil; on SQLite the file vigil.db in the data directory unless given). A writer that finds what
/// it writes locked waits its turn for at most <c>Vigil:Database:BusyTimeoutSeconds</c> (default 10; SQLite's busy
/// timeout, PostgreSQL's <c>lock_timeout</c> unless the connection string sets one), then gives up: an HTTP request
/// is answered 503 with Retry-After (<see cref="Web.DatabaseBusy"/>), the intake writer backs off.
/// </summary>
internal sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderKey = "Vigil:Database:Provider";

    public static DatabaseSettings From(IConfiguration configuration, string dataDirectory)
    {
        var name = configuration[ProviderKey];
        var provider = VigilDatabase.Parse(name)
            ?? throw new InvalidOperationException(HostText.Format("database.provider", ProviderKey, name));
        var configured = configuration.GetConnectionString("Vigil");
        var busyTimeout = configuration.GetValue("Vigil:Database:BusyTimeoutSeconds", 10);
        if (provider == DatabaseProvider.PostgreSql)
        {
            return new(provider, configured is { Length: > 0 }
                ? WithLockTimeout(configured, busyTimeout)
                : throw new InvalidOperationException(HostText.Format("database.connection", "ConnectionStrings:Vigil", ProviderKey)));
        }

        return new(provider, configured is { Length: > 0 }
            ? configured
            : new SqliteConnectionStringBuilder
            {
                DataSource = VigilServices.DatabaseFile(dataDirectory),
                DefaultTimeout = busyTimeout,
            }.ToString());
    }

    /// <summary>PostgreSQL waits for a lock without end by default: the bounded wait is its lock_timeout.</summary>
    private static string WithLockTimeout(string connectionString, int seconds)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Options?.Contains("lock_timeout", StringComparison.Ordinal) != true)
        {
            builder.Options = $"{builder.Options} -c lock_timeout={seconds}s".Trim();
        }

        return builder.ToString();
    }
}

/// <summary>Where the database and the key ring live.</summary>
internal sealed record DataDirectoryPath(string Path);
