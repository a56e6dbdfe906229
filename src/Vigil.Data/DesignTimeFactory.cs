using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Vigil.Data;

/// <summary>Lets `dotnet ef migrations add` build the context without starting the host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<VigilDbContext>
{
    public VigilDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<VigilDbContext>().UseSqlite("Data Source=design.db").Options);
}
