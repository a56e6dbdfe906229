using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Vigil.Data;

/// <summary>Marks an entity whose rows are written once and never updated or deleted (DESIGN principle 2).</summary>
public interface IAppendOnly;

/// <summary>
/// Refuses any update or delete of an append-only row before it reaches the database. The migrations add
/// triggers that refuse the same at the database level, for writers that bypass the application.
/// </summary>
public sealed class AppendOnlyInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        var changed = context?.ChangeTracker.Entries()
            .FirstOrDefault(e => e.Entity is IAppendOnly && e.State is EntityState.Modified or EntityState.Deleted);
        if (changed is not null)
        {
            throw new InvalidOperationException($"{changed.Entity.GetType().Name} rows are append-only: {changed.State} refused.");
        }
    }
}
