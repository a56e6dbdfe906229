using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;

namespace Vigil.Host.Cli;

/// <summary>
/// <c>vigil migrate</c>: brings the configured database (SQLite in the data directory, or PostgreSQL from
/// ConnectionStrings:Vigil) up to this version's schema, as <c>serve</c> does at start. Infrastructure, like
/// <c>serve</c>: it runs before any account exists, so it signs no one in. Safe to run from several instances at
/// once: EF Core holds a migration lock in the database.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var data = CliData.DataOption();
        var command = new Command("migrate", "Create or upgrade the database schema / 创建或升级数据库结构") { data };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var directory = CliData.DataDirectory(parse, data);
            await using var provider = CliData.Services(directory);
            await using var scope = provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VigilDbContext>();
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            db.Prepare();
            var all = db.Database.GetMigrations().Count();
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                HostText.Format("migrate.done", scope.ServiceProvider.GetRequiredService<DatabaseSettings>().Provider, pending, all));
            return 0;
        });
        return command;
    }
}
