using Microsoft.EntityFrameworkCore.Design;

namespace Vigil.Data;

/// <summary>Lets `dotnet ef migrations add` build the context without starting the host (the SQLite migrations).</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<VigilDbContext>
{
    public VigilDbContext CreateDbContext(string[] args) => new(VigilDatabase.Options(DatabaseProvider.Sqlite, "Data Source=design.db"), new Vigil.Security.Audit.AuditKey(Vigil.Security.Audit.AuditKey.NewSecret()));
}
