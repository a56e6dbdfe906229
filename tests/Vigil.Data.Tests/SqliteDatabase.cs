using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Vigil.Data.Tests;

/// <summary>A real SQLite file per test, migrated, deleted afterwards.</summary>
internal sealed class SqliteDatabase : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"vigil-test-{Guid.NewGuid():N}.db");

    public SqliteDatabase()
    {
        using var db = NewContext();
        db.Database.Migrate();
    }

    public string ConnectionString => $"Data Source={_path};Pooling=False";

    public VigilDbContext NewContext() =>
        new(new DbContextOptionsBuilder<VigilDbContext>().UseSqlite(ConnectionString).AddInterceptors(new AppendOnlyInterceptor()).Options);

    public int Execute(string sql)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}
