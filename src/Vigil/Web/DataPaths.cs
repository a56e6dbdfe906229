using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;

namespace Vigil.Host.Web;

/// <summary>
/// Where the data lives, the same for the server and the CLI: <c>--data</c> or <c>Vigil:DataDirectory</c>
/// (environment <c>Vigil__DataDirectory</c>), else <c>./data</c> under the current directory.
/// </summary>
internal static class DataPaths
{
    public const string EnvironmentVariable = "Vigil__DataDirectory";

    public static string Directory(string? configured) =>
        Path.GetFullPath(configured ?? Environment.GetEnvironmentVariable(EnvironmentVariable) ?? "data");

    public static string ConnectionString(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "vigil.db") }.ToString();
    }

    /// <summary>A migrated database context for CLI commands that work on the data without a server.</summary>
    public static VigilDbContext OpenForCli(string? configured)
    {
        var db = new VigilDbContext(new DbContextOptionsBuilder<VigilDbContext>()
            .UseSqlite(ConnectionString(Directory(configured)))
            .AddInterceptors(new AppendOnlyInterceptor())
            .Options);
        db.Prepare();
        return db;
    }
}
