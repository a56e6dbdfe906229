using Microsoft.EntityFrameworkCore;
using Vigil.Data.Incidents;
using Vigil.Data.Security;
using Vigil.Security.Audit;

namespace Vigil.Data.Tests.Security;

/// <summary>The audit trail as stored: written with the change it records, whole to the tick, never rewritten.</summary>
public abstract class AuditWriteTests(DatabaseProvider provider) : StorageTest(provider)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 3, 0, 0, 123, TimeSpan.FromHours(8));

    private static AuditEvent Event(string action) => new("u1", "值班员", "duty-officer", action, "Incident", "i1", "310104", "{}");

    [Fact]
    public async Task An_entry_is_written_with_the_change_it_records()
    {
        await using (var db = Database.NewContext())
        {
            db.Incidents.Add(new IncidentRecord { Id = Guid.NewGuid(), PlanId = "p", DivisionCode = "310104", Title = "t", CreatedAt = Now });
            db.Audit(Event("incident.open"), Now);
            await db.SaveChangesAsync();
        }

        await using var check = Database.NewContext();
        Assert.Equal(1, await check.Incidents.CountAsync());
        Assert.Equal("incident.open", (await check.AuditEntries.SingleAsync()).Action);
    }

    [Fact]
    public async Task A_change_that_fails_takes_its_entry_with_it()
    {
        var id = Guid.NewGuid();
        await using (var db = Database.NewContext())
        {
            db.Incidents.Add(new IncidentRecord { Id = id, PlanId = "p", DivisionCode = "310104", Title = "t", CreatedAt = Now });
            await db.SaveChangesAsync();
        }

        await using (var db = Database.NewContext())
        {
            // The same primary key again: the insert fails, and so must its audit entry.
            db.Incidents.Add(new IncidentRecord { Id = id, PlanId = "p", DivisionCode = "310104", Title = "t", CreatedAt = Now });
            db.Audit(Event("incident.open"), Now);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            db.ChangeTracker.Clear();
            db.Audit(Event("incident.read"), Now);
            await db.SaveChangesAsync();
        }

        await using var check = Database.NewContext();
        var entries = await new AuditStore(check).ReadAllAsync();
        Assert.Equal(["incident.read"], entries.Select(e => e.Event.Action));
        Assert.True(AuditChain.Verify(Database.AuditKey, entries).IsWhole);
    }

    [Fact]
    public async Task Entries_from_separate_contexts_form_one_chain_with_timestamps_to_the_tick()
    {
        for (var i = 0; i < 5; i++)
        {
            await using var db = Database.NewContext();
            db.Audit(Event("incident.read"), Now.AddTicks(i * 7 + 1));
            db.Audit(Event("incident.report"), Now.AddTicks(i * 7 + 2));
            await db.SaveChangesAsync();
        }

        await using var check = Database.NewContext();
        var entries = await new AuditStore(check).ReadAllAsync();
        Assert.Equal(Enumerable.Range(1, 10).Select(n => (long)n), entries.Select(e => e.Sequence));
        Assert.Equal(Now.AddTicks(1).UtcTicks, entries[0].Timestamp.UtcTicks);
        Assert.True(AuditChain.Verify(Database.AuditKey, entries).IsWhole);
    }

    [Fact]
    public async Task Concurrent_writers_form_one_chain_without_gaps_or_forks()
    {
        // Eight writers, each with its own connection, append at once: each must wait for the chain head, never fork it.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                await using var db = Database.NewContext();
                db.Audit(Event("incident.read"), Now.AddTicks(writer * 100 + i));
                await db.SaveChangesAsync();
            }
        })));

        await using var check = Database.NewContext();
        var entries = await new AuditStore(check).ReadAllAsync();
        Assert.Equal(Enumerable.Range(1, 40).Select(n => (long)n), entries.Select(e => e.Sequence));
        Assert.True(AuditChain.Verify(Database.AuditKey, entries).IsWhole);
    }

    [Fact]
    public async Task The_application_cannot_update_or_delete_an_entry()
    {
        await using (var db = Database.NewContext())
        {
            db.Audit(Event("incident.read"), Now);
            await db.SaveChangesAsync();
        }

        await using var edit = Database.NewContext();
        var entry = await edit.AuditEntries.SingleAsync();
        edit.Remove(entry);
        await Assert.ThrowsAsync<InvalidOperationException>(() => edit.SaveChangesAsync());
    }
}

public sealed class AuditWriteOnSqlite() : AuditWriteTests(DatabaseProvider.Sqlite);

public sealed class AuditWriteOnPostgreSql() : AuditWriteTests(DatabaseProvider.PostgreSql);
