using System.CommandLine;
using Microsoft.Data.Sqlite;
using Vigil.Data;
using Vigil.Host.Security;
using Vigil.Security.Access;

namespace Vigil.Host.Cli;

/// <summary>
/// <c>vigil backup &lt;file&gt;</c> and <c>vigil restore &lt;file&gt;</c> (SEC integrity: backups that are
/// restore-tested). The backup uses SQLite's online backup API, a consistent snapshot taken while the server keeps
/// writing. The Data Protection key ring (data/keys) is deliberately not in the file: keep it apart, so a stolen
/// backup does not reveal station keys, and copy it back beside a restored database.
/// </summary>
internal static class BackupCommands
{
    public static Command CreateBackup()
    {
        var data = CliData.DataOption();
        var file = new Argument<string>("file") { Description = "Backup file to write (must not exist)" };
        var command = new Command("backup", "Online backup of the database / 在线备份数据库") { file, data };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var target = Path.GetFullPath(parse.GetValue(file)!);
            if (!OnSqlite(parse, data))
            {
                await error.WriteLineAsync(HostText.Format("backup.postgres"));
                return MacCommand.BadInput;
            }

            if (File.Exists(target))
            {
                await error.WriteLineAsync(HostText.Format("backup.exists", target));
                return MacCommand.BadInput;
            }

            return await CliData.RunSignedInAsync(parse, data, CliData.Administrators, async (services, access) =>
            {
                // The entry goes in first, so the backup itself records who took it.
                var db = services.GetRequiredService<VigilDbContext>();
                db.Audit(access.Audit(RoleIds.Administrator, "data.backup", "Database", Path.GetFileName(target), ""),
                    services.GetRequiredService<TimeProvider>().GetUtcNow());
                await db.SaveChangesAsync(cancellationToken);
                Copy(VigilServices.DatabaseFile(services.GetRequiredService<DataDirectoryPath>().Path), target, readOnlySource: false);
                await parse.InvocationConfiguration.Output.WriteLineAsync(HostText.Format("backup.done", target));
                return 0;
            });
        });
        return command;
    }

    public static Command CreateRestore()
    {
        var data = CliData.DataOption();
        var file = new Argument<string>("file") { Description = "Backup file written by vigil backup" };
        var command = new Command("restore", "Restore a backup into an empty data directory / 恢复备份到空数据目录") { file, data };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var source = Path.GetFullPath(parse.GetValue(file)!);
            if (!OnSqlite(parse, data))
            {
                await error.WriteLineAsync(HostText.Format("backup.postgres"));
                return MacCommand.BadInput;
            }

            if (!File.Exists(source))
            {
                await error.WriteLineAsync(HostText.Format("file.missing", source));
                return MacCommand.BadInput;
            }

            var directory = CliData.DataDirectory(parse, data);
            if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
            {
                // Never over live data: restoring over it would silently replace records and their audit trail.
                await error.WriteLineAsync(HostText.Format("restore.notEmpty", directory));
                return MacCommand.BadInput;
            }

            Directory.CreateDirectory(directory);
            var restored = false;
            try
            {
                Copy(source, VigilServices.DatabaseFile(directory), readOnlySource: true);
                await using var provider = CliData.Services(directory);
                await using var scope = provider.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<VigilDbContext>();
                if (!await CliData.IsVigilDatabaseAsync(db))
                {
                    await error.WriteLineAsync(HostText.Format("restore.notVigil", source));
                    return MacCommand.BadInput;
                }

                db.Prepare();

                // The restorer must be an administrator of the restored database itself.
                var access = await CliData.AuthenticateAsync(scope.ServiceProvider.GetRequiredService<AccountService>(), error);
                if (access is null || !access.HoldsAny(CliData.Administrators))
                {
                    if (access is not null)
                    {
                        await error.WriteLineAsync(HostText.Format("role.forbidden", "VIGIL_USER", RoleIds.Administrator));
                    }

                    return CliData.NotAllowed;
                }

                var verdict = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(cancellationToken);
                db.Audit(access.Audit(RoleIds.Administrator, "data.restore", "Database", Path.GetFileName(source), ""),
                    scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow());
                await db.SaveChangesAsync(cancellationToken);
                restored = true;
                await parse.InvocationConfiguration.Output.WriteLineAsync(HostText.Format("restore.done", directory, verdict.Entries));
                if (verdict.Break is { } broken)
                {
                    await error.WriteLineAsync(broken.Message);
                    return 1;
                }

                return 0;
            }
            finally
            {
                if (!restored)
                {
                    SqliteConnection.ClearAllPools();
                    Directory.Delete(directory, recursive: true);
                }
            }
        });
        return command;
    }

    /// <summary>Backup and restore copy the SQLite file; PostgreSQL has its own tools (pg_dump, PITR).</summary>
    private static bool OnSqlite(ParseResult parse, Option<string?> data) =>
        CliData.Database(CliData.DataDirectory(parse, data)).Provider == DatabaseProvider.Sqlite;

    /// <summary>SQLite's online backup: a consistent copy even while another process writes to the source.</summary>
    private static void Copy(string sourceFile, string targetFile, bool readOnlySource)
    {
        var sourceConnection = new SqliteConnectionStringBuilder
        {
            DataSource = sourceFile,
            Mode = readOnlySource ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
            Pooling = false,
        };
        using var from = new SqliteConnection(sourceConnection.ToString());
        using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = targetFile, Pooling = false }.ToString());
        from.Open();
        to.Open();
        from.BackupDatabase(to);
    }
}
