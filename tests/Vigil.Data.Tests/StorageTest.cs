namespace Vigil.Data.Tests;

/// <summary>
/// A storage test class runs once per engine: an abstract class of tests derives from this, and two one-line sealed
/// classes name the engine (…OnSqlite, …OnPostgreSql), so the same tests hold on both (DESIGN principle 5).
/// </summary>
public abstract class StorageTest(DatabaseProvider provider) : IDisposable
{
    internal TestDatabase Database { get; } = TestDatabase.Create(provider);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Database.Dispose();
        }
    }
}
