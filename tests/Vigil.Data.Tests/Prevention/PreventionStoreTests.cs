using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Vigil.Data.Prevention;
using Vigil.Prevention;

namespace Vigil.Data.Tests.Prevention;

/// <summary>Dual-prevention storage: hazard files as appended steps, content-addressed evidence, nothing deleted (DP-HAZ).</summary>
public abstract class PreventionStoreTests(DatabaseProvider provider) : StorageTest(provider)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 3, 0, 0, TimeSpan.FromHours(8));
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vigil-evidence-" + Guid.NewGuid().ToString("N"));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task<Guid> Enterprise(VigilDbContext db)
    {
        var id = Guid.CreateVersion7(Now);
        await new PreventionStore(db).AddAsync(new EnterpriseRecord
        {
            Id = id, Name = "测试企业", CreditCode = "91310104MA1FL00000", DivisionCode = "310104", DistrictCode = "310104",
            Industry = "chemicals", Address = "测试路1号", RegisteredAt = Now, RegisteredBy = "u1",
        });
        return id;
    }

    [Fact]
    public async Task Same_bytes_twice_are_one_file_and_one_row_named_by_their_sha256()
    {
        await using var db = Database.NewContext();
        var store = new EvidenceStore(db, _directory);
        var bytes = "photo-bytes"u8.ToArray();
        var first = await store.KeepAsync(bytes, "image/jpeg", "a.jpg", "u1", Now);
        await db.SaveChangesAsync();
        var second = await store.KeepAsync(bytes, "image/png", "b.png", "u2", Now.AddMinutes(1));
        await db.SaveChangesAsync();

        Assert.Equal(EvidenceHash.Of(bytes).Hex, first.Sha256);
        Assert.Equal(first.Sha256, second.Sha256);
        Assert.Equal("a.jpg", second.FileName);
        Assert.Single(Directory.GetFiles(store.Root, "*", SearchOption.AllDirectories));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(store.PathOf(first.Sha256)));
        Assert.Equal(1, await db.EvidenceFiles.CountAsync());
    }

    [Fact]
    public async Task A_stored_file_is_never_overwritten()
    {
        await using var db = Database.NewContext();
        var store = new EvidenceStore(db, _directory);
        var bytes = "original"u8.ToArray();
        var record = await store.KeepAsync(bytes, "image/jpeg", "a.jpg", "u1", Now);
        await db.SaveChangesAsync();
        var path = store.PathOf(record.Sha256);
        var written = File.GetLastWriteTimeUtc(path);

        await store.KeepAsync(bytes, "image/jpeg", "again.jpg", "u1", Now.AddMinutes(1));

        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.Empty(Directory.GetFiles(store.Root, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_hazard_file_round_trips_through_its_steps()
    {
        await using var db = Database.NewContext();
        var enterprise = await Enterprise(db);
        var store = new PreventionStore(db);
        var hazard = Guid.CreateVersion7(Now);
        var officer = new Actor("officer", ActorRole.SafetyOfficer);
        var evidence = EvidenceHash.Of("x"u8);
        IReadOnlyList<(HazardStep, string)> steps =
        [
            (new HazardFound("消防通道堵塞", new Actor("public:1", ActorRole.Public), Now, [evidence]), "群众"),
            (new HazardRegistered(officer, Now, []), "安全员"),
            (new HazardAssessed(HazardGrade.Major, new DateOnly(2026, 12, 31), officer, Now, []), "安全员"),
            (new RectificationPlanRecorded(new FiveImplementations("张三", "清理", 1000m, new DateOnly(2026, 12, 20), "预案"), officer, Now, []), "安全员"),
        ];
        await store.AppendHazardAsync(new HazardRecord
        {
            Id = hazard, EnterpriseId = enterprise, DivisionCode = "310104", SupervisingRegulator = "310104", Source = "public", CreatedAt = Now,
        }, hazard, 0, steps);

        var file = (await store.HazardsAsync(hazardId: hazard)).Single().File;
        Assert.Equal(HazardState.Assessed, file.State);
        Assert.Equal(HazardGrade.Major, file.Grade);
        Assert.Empty(file.Plan.Missing);
        Assert.Equal(new DateOnly(2026, 12, 20), file.Deadline);
        Assert.Equal([evidence], file.Steps[0].Evidence);
    }

    [Fact]
    public async Task Two_writers_at_the_same_place_of_a_file_collide_and_one_fails()
    {
        await using var db = Database.NewContext();
        var enterprise = await Enterprise(db);
        var hazard = Guid.CreateVersion7(Now);
        await new PreventionStore(db).AppendHazardAsync(new HazardRecord
        {
            Id = hazard, EnterpriseId = enterprise, DivisionCode = "310104", SupervisingRegulator = "310104", Source = "staff", CreatedAt = Now,
        }, hazard, 0, [(new HazardFound("d", new Actor("w", ActorRole.Worker), Now, []), "w")]);

        await using var other = Database.NewContext();
        await new PreventionStore(other).AppendHazardAsync(null, hazard, 1, [(new HazardRegistered(new Actor("a", ActorRole.SafetyOfficer), Now, []), "a")]);
        await Assert.ThrowsAsync<DbUpdateException>(() =>
            new PreventionStore(db).AppendHazardAsync(null, hazard, 1, [(new HazardRegistered(new Actor("b", ActorRole.SafetyOfficer), Now, []), "b")]));
    }

    [Theory]
    [InlineData("UPDATE hazard_steps SET \"Description\" = 'x'")]
    [InlineData("DELETE FROM hazard_steps")]
    [InlineData("DELETE FROM hazards")]
    [InlineData("UPDATE enterprises SET \"Name\" = 'x'")]
    [InlineData("UPDATE hazards SET \"Source\" = 'x'")]
    [InlineData("DELETE FROM enterprises")]
    public async Task The_database_refuses_to_rewrite_prevention_history(string sql)
    {
        await using (var db = Database.NewContext())
        {
            var enterprise = await Enterprise(db);
            var hazard = Guid.CreateVersion7(Now);
            await new PreventionStore(db).AppendHazardAsync(new HazardRecord
            {
                Id = hazard, EnterpriseId = enterprise, DivisionCode = "310104", SupervisingRegulator = "310104", Source = "staff", CreatedAt = Now,
            }, hazard, 0, [(new HazardFound("d", new Actor("w", ActorRole.Worker), Now, []), "w")]);
        }

        var error = Assert.ThrowsAny<DbException>(() => Database.Execute(sql));
        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UPDATE public_report_decisions SET \"Outcome\" = 'matched'")]
    [InlineData("DELETE FROM public_report_decisions")]
    [InlineData("UPDATE public_reports SET \"ReportedName\" = 'x'")]
    public async Task A_public_reports_one_decision_stands_and_neither_is_rewritten(string sql)
    {
        // Issue 15 item 17: one decision per report (unique in the database, whoever writes it), both tables append-only.
        var report = Guid.CreateVersion7(Now);
        await using (var db = Database.NewContext())
        {
            db.Add(new PublicReportRecord { Id = report, DistrictCode = "310104", ReportedName = "无名作坊", ReportedAddress = "示例路 8 号", Description = "d", ReporterId = "public:1", ReportedAt = Now });
            db.Add(new PublicReportDecisionRecord { ReportId = report, Outcome = "unregistered", Reason = "查无", DecidedByUserId = "u1", DecidedByName = "甲", DecidedByRole = "division-staff", DecidedAt = Now });
            await db.SaveChangesAsync();
        }

        await using (var other = Database.NewContext())
        {
            other.Add(new PublicReportDecisionRecord { ReportId = report, Outcome = "unregistered", Reason = "再查", DecidedByUserId = "u2", DecidedByName = "乙", DecidedByRole = "division-staff", DecidedAt = Now });
            await Assert.ThrowsAsync<DbUpdateException>(() => other.SaveChangesAsync());
        }

        var error = Assert.ThrowsAny<DbException>(() => Database.Execute(sql));
        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_application_refuses_to_change_a_stored_step()
    {
        await using var db = Database.NewContext();
        var enterprise = await Enterprise(db);
        var record = await db.Enterprises.SingleAsync(e => e.Id == enterprise);
        db.Enterprises.Remove(record);
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }
}

public sealed class PreventionStoreOnSqlite() : PreventionStoreTests(DatabaseProvider.Sqlite);

public sealed class PreventionStoreOnPostgreSql() : PreventionStoreTests(DatabaseProvider.PostgreSql);
