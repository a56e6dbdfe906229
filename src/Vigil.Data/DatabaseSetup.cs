using Microsoft.EntityFrameworkCore;

namespace Vigil.Data;

public static class DatabaseSetup
{
    /// <summary>Applies pending migrations; on SQLite also turns on WAL so readers never wait for the writer.</summary>
    public static void Prepare(this VigilDbContext db)
    {
        db.Database.Migrate();
        if (db.Database.IsSqlite())
        {
            db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
        }
    }
}
