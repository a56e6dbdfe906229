using Microsoft.EntityFrameworkCore;
using Vigil.Security.Audit;

namespace Vigil.Data.Security;

/// <summary>Reads the audit trail: the whole chain for verification, and pages for the auditor.</summary>
public sealed class AuditStore(VigilDbContext db)
{
    /// <summary>Every entry in storage order (row id), as <see cref="AuditChain.Verify"/> needs to see a reordering.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(r => r.ToEntry())];
    }

    /// <summary>Entries of the divisions under <paramref name="prefixes"/>, newest first.</summary>
    public async Task<(IReadOnlyList<AuditRecord> Items, int Total)> PageAsync(
        IReadOnlyCollection<string> prefixes, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var query = db.AuditEntries.AsNoTracking().Where(DivisionFilter.Within<AuditRecord>(a => a.DivisionCode, prefixes));
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(a => a.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return (items, total);
    }
}
