using Microsoft.EntityFrameworkCore.Design;

namespace Vigil.Data.PostgreSql;

/// <summary>
/// Lets `dotnet ef migrations add &lt;Name&gt; --project src/Vigil.Data.PostgreSql --startup-project src/Vigil.Data.PostgreSql`
/// build the context for PostgreSQL without a server (adding a migration never connects).
/// </summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<VigilDbContext>
{
    public VigilDbContext CreateDbContext(string[] args) => new(VigilDatabase.Options(DatabaseProvider.PostgreSql, "Host=localhost;Database=vigil"), new Vigil.Security.Audit.AuditKey(Vigil.Security.Audit.AuditKey.NewSecret()));
}
