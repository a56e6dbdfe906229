namespace Vigil.Tests.Cli;

/// <summary><c>vigil migrate</c> on each engine: creates the schema in an empty database, then finds nothing to do.</summary>
public sealed class MigrateCommandTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Migrate_creates_the_schema_once(DatabaseProvider engine)
    {
        var directory = Path.Combine(Path.GetTempPath(), "vigil-migrate-" + Guid.NewGuid().ToString("N"));
        using var empty = engine == DatabaseProvider.PostgreSql ? new PostgreSqlDatabase(migrated: false) : null;
        var environment = empty is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { ["Vigil__Database__Provider"] = "PostgreSQL", ["ConnectionStrings__Vigil"] = empty.ConnectionString };
        try
        {
            var (code, output, error) = await VigilProcess.RunAsync(null, "en_US.UTF-8", environment, "migrate", "--data", directory);
            Assert.Equal(0, code);
            Assert.Equal("", error);
            Assert.Matches($@"^Database up to date \({engine}\): ([1-9]\d*) migration\(s\) applied now, \1 in all\.", output);

            var (again, repeated, _) = await VigilProcess.RunAsync(null, "en_US.UTF-8", environment, "migrate", "--data", directory);
            Assert.Equal(0, again);
            Assert.Contains(": 0 migration(s) applied now", repeated, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task An_unknown_engine_is_refused_by_name()
    {
        var directory = Path.Combine(Path.GetTempPath(), "vigil-migrate-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, _, error) = await VigilProcess.RunAsync(
                null, "zh_CN.UTF-8", new Dictionary<string, string> { ["Vigil__Database__Provider"] = "Oracle" }, "migrate", "--data", directory);
            Assert.NotEqual(0, code);
            Assert.Contains("“Vigil:Database:Provider”：“Oracle”不是 Vigil 支持的数据库引擎", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
