using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Vigil.Data.Monitoring;

namespace Vigil.Data.Tests.Monitoring;

/// <summary>
/// Issue 11, item 2 (AQ-DATA, every packet once) on both engines: a resend is stored once whatever batch or
/// connection brings it, a different value is recorded as a conflict once and the first stays in force; refusals are
/// counted per minute, source and code. On SQLite, the migration turns readings stored twice before it into one
/// reading and, where they differ, a conflict (PostgreSQL's schema starts after it).
/// </summary>
public abstract class IntakeDedupeTests : StorageTest
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(8));

    protected IntakeDedupeTests(DatabaseProvider provider)
        : base(provider)
    {
        using var db = Database.NewContext();
        db.Add(new StationRecord { Code = "310104001", Name = "测试站", DivisionCode = "310104", Items = "a34004" });
        db.SaveChanges();
    }

    private static RawReadingRecord Reading(string value, string? flag = "N", string field = "Avg", int command = 2061) => new()
    {
        StationCode = "310104001", DataTime = Hour, Command = command, Item = "a34004", Field = field, Value = value, Flag = flag,
        ReceivedAt = Hour.AddMinutes(1), PacketQn = "20261122100000000",
    };

    private async Task<AppendOutcome> Append(params RawReadingRecord[] readings)
    {
        await using var db = Database.NewContext();
        return await new MonitoringStore(db).AppendAsync(readings, []);
    }

    private static IntakeRefusalCountRecord Refusals(string code, long count) => new()
    {
        Minute = Hour, Source = "127.0.0.1", Code = code, Count = count,
    };

    [Fact]
    public async Task Refusals_of_a_minute_add_up_per_source_and_code()
    {
        await using (var db = Database.NewContext())
        {
            var store = new MonitoringStore(db);
            await store.AppendAsync([], [], [Refusals("station.unknown", 3), Refusals("frame.crc", 1)], CancellationToken.None);
            await store.AppendAsync([], [], [Refusals("station.unknown", 4)], CancellationToken.None);
        }

        await using var read = Database.NewContext();
        var counts = await new MonitoringStore(read).RefusalCountsAsync(Hour, 10);
        Assert.Equal([("station.unknown", 7L), ("frame.crc", 1L)], counts.Select(c => (c.Code, c.Count)));
    }

    [Fact]
    public async Task A_resend_is_stored_once_in_another_batch_and_in_the_same_batch()
    {
        Assert.Equal(new AppendOutcome(1, 0, 0), await Append(Reading("35")));
        Assert.Equal(new AppendOutcome(0, 1, 0), await Append(Reading("35")));
        Assert.Equal(new AppendOutcome(1, 1, 0), await Append(Reading("12", field: "Min"), Reading("12", field: "Min")));

        await using var db = Database.NewContext();
        Assert.Equal(2, await db.RawReadings.CountAsync());
        Assert.Empty(await db.ReadingConflicts.ToListAsync());
    }

    [Fact]
    public async Task A_different_value_is_a_conflict_recorded_once_and_the_first_stays_in_force()
    {
        await Append(Reading("35"));
        Assert.Equal(new AppendOutcome(0, 0, 1), await Append(Reading("36")));
        Assert.Equal(new AppendOutcome(0, 1, 0), await Append(Reading("36")));
        Assert.Equal(new AppendOutcome(0, 0, 1), await Append(Reading("35", flag: "H")));
        // Another command for the same hour is another slot: real-time data beside the hourly value.
        Assert.Equal(new AppendOutcome(1, 0, 0), await Append(Reading("40", command: 2011, field: "Rtd")));

        await using var db = Database.NewContext();
        var store = new MonitoringStore(db);
        var conflicts = await store.ConflictsAsync("310104001", Hour, Hour.AddHours(1));
        Assert.Equal([("36", "N"), ("35", "H")], conflicts.Select(c => (c.Value, c.Flag)));
        Assert.Equal("35", (await store.FirstValueAsync(conflicts[0]))!.Value);
    }
}

public sealed class IntakeDedupeOnPostgreSql() : IntakeDedupeTests(DatabaseProvider.PostgreSql);

public sealed class IntakeDedupeOnSqlite() : IntakeDedupeTests(DatabaseProvider.Sqlite)
{
    [Fact]
    public async Task The_migration_keeps_the_first_of_readings_stored_twice_and_records_the_differing_ones_as_conflicts()
    {
        await using (var db = Database.NewContext())
        {
            var migrator = db.GetService<IMigrator>();
            var migrations = db.Database.GetMigrations().ToList();
            var dedupe = migrations.FindIndex(m => m.EndsWith("_IntakeDedupe", StringComparison.Ordinal));
            await migrator.MigrateAsync(migrations[dedupe - 1]);
        }

        const string insert = "INSERT INTO raw_readings (StationCode, DataTime, Command, Item, Field, Value, Flag, ReceivedAt, PacketQn) VALUES ";
        Database.Execute(insert +
            "('310104001', '2026-11-22 02:00:00', 2061, 'a34004', 'Avg', '35', 'N', '2026-11-22 02:01:00', 'q1'), " +
            "('310104001', '2026-11-22 02:00:00', 2061, 'a34004', 'Avg', '35', 'N', '2026-11-22 02:02:00', 'q1'), " +
            "('310104001', '2026-11-22 02:00:00', 2061, 'a34004', 'Avg', '37', 'N', '2026-11-22 02:03:00', 'q2'), " +
            "('310104001', '2026-11-22 03:00:00', 2061, 'a34004', 'Avg', '20', NULL, '2026-11-22 03:01:00', 'q3')");

        await using (var db = Database.NewContext())
        {
            await db.Database.MigrateAsync();
            Assert.Equal(["35", "20"], await db.RawReadings.OrderBy(r => r.Id).Select(r => r.Value).ToListAsync());
            var conflict = Assert.Single(await db.ReadingConflicts.ToListAsync());
            Assert.Equal(("37", "N", "q2"), (conflict.Value, conflict.Flag, conflict.PacketQn));
        }

        // Still append-only after the migration.
        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => Database.Execute("DELETE FROM raw_readings"));
    }
}
