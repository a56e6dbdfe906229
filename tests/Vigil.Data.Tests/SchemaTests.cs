namespace Vigil.Data.Tests;

/// <summary>What the migrations leave in each engine, beyond the tables EF Core checks itself.</summary>
public abstract class SchemaTests(DatabaseProvider provider) : StorageTest(provider)
{

    [Fact]
    public void Every_append_only_table_refuses_changes_in_the_database_itself()
    {
        using var db = Database.NewContext();
        var tables = PostgreSqlMigrationsGenerator.AppendOnlyTables(db.Model);
        var triggers = Database.TriggerNames();
        Assert.NotEmpty(tables);
        Assert.All(tables, table => Assert.Contains(triggers, t => t.StartsWith(table + "_no_", StringComparison.Ordinal)));
    }
}

public sealed class SchemaOnSqlite() : SchemaTests(DatabaseProvider.Sqlite);

public sealed class SchemaOnPostgreSql() : SchemaTests(DatabaseProvider.PostgreSql);
