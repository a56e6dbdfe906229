using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Vigil.Data;

/// <summary>The engines Vigil stores its data in (DESIGN principle 5): SQLite embedded, PostgreSQL for production.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>The one place a context is pointed at an engine: server, CLI, design time and tests all come here.</summary>
public static class VigilDatabase
{
    /// <summary>PostgreSQL has its own migrations, in their own assembly (EF Core keeps one set per assembly).</summary>
    public const string PostgreSqlMigrationsAssembly = "Vigil.Data.PostgreSql";

    /// <summary>Reads the configured name (Vigil:Database:Provider); null when it is none of the known engines.</summary>
    public static DatabaseProvider? Parse(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        null or "" or "SQLITE" => DatabaseProvider.Sqlite,
        "POSTGRESQL" or "POSTGRES" or "NPGSQL" => DatabaseProvider.PostgreSql,
        _ => null,
    };

    public static DbContextOptionsBuilder UseVigil(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.PostgreSql)
        {
            options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgreSqlMigrationsAssembly))
                .ReplaceService<IMigrationsSqlGenerator, PostgreSqlMigrationsGenerator>();
        }
        else
        {
            options.UseSqlite(connectionString);
        }

        return options.AddInterceptors(new AppendOnlyInterceptor());
    }

    public static DbContextOptions<VigilDbContext> Options(DatabaseProvider provider, string connectionString) =>
        ((DbContextOptionsBuilder<VigilDbContext>)new DbContextOptionsBuilder<VigilDbContext>().UseVigil(provider, connectionString)).Options;
}
