using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Vigil.Data;

/// <summary>
/// Database-level refusal of UPDATE and DELETE on append-only tables, so that a change made outside the application
/// (a SQL console, a script) fails instead of silently rewriting history. SQLite syntax, called by the SQLite
/// migrations; PostgreSQL's triggers are added by <see cref="PostgreSqlMigrationsGenerator"/> with every table.
/// </summary>
internal static class AppendOnlyTriggers
{
    public static void Create(MigrationBuilder migrationBuilder, params string[] tables)
    {
        if (!migrationBuilder.IsSqlite())
        {
            return;
        }

        foreach (var table in tables)
        {
            foreach (var operation in new[] { "UPDATE", "DELETE" })
            {
                migrationBuilder.Sql(
                    $"CREATE TRIGGER {table}_no_{operation.ToLowerInvariant()} BEFORE {operation} ON {table} " +
                    $"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;");
            }
        }
    }

    public static void Drop(MigrationBuilder migrationBuilder, params string[] tables)
    {
        if (!migrationBuilder.IsSqlite())
        {
            return;
        }

        foreach (var table in tables)
        {
            migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_no_update;");
            migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_no_delete;");
        }
    }
}
