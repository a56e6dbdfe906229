using System.Text;
using System.Text.Json;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Vigil.Data.Incidents;
using Vigil.Incidents;
using Vigil.Plans;

namespace Vigil.Data.Tests.Incidents;

public abstract class IncidentStoreTests(DatabaseProvider provider) : StorageTest(provider)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 3, 0, 0, TimeSpan.FromHours(8));

    private static PlanDefinition Plan()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "plans", "shanghai-special-equipment-2025.json");
        return PlanLoader.Load(file, File.ReadAllBytes(file)).Value;
    }

    private static ReportInput Report(PlanDefinition plan, string json, ReportKind kind)
    {
        using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(json));
        return ReportInput.Parse(plan, document.RootElement, kind).Value;
    }

    private async Task<Guid> CreateElevatorIncident(PlanDefinition plan)
    {
        var events = IncidentDecider.Open(plan, "310104", "电梯困人", Report(plan, """
            { "occurredAt": "正在核实中", "contents": { "place": "p", "unit": "u", "equipment": "电梯", "course": "c", "casualties": "无",
              "measures": "m", "reporterName": "值班员甲", "reporterPhone": "正在核实中" },
              "facts": { "equipmentType": "elevator", "strandedPeople": 4, "strandedHours": 2 } }
            """, ReportKind.Initial), new Actor("值班员甲", "duty-officer"), Now).Value;
        var id = Guid.CreateVersion7(Now);
        await using var db = Database.NewContext();
        await new IncidentStore(db).CreateAsync(id, events);
        return id;
    }

    [Fact]
    public async Task Stored_events_replay_to_the_same_state()
    {
        var plan = Plan();
        var id = await CreateElevatorIncident(plan);
        await using (var db = Database.NewContext())
        {
            var store = new IncidentStore(db);
            var state = (await store.LoadAsync(id))!;
            var followUp = IncidentDecider.FollowUp(state, plan, Report(plan, """{ "facts": { "deaths": 3 } }""", ReportKind.FollowUp), new Actor("值班员甲", "duty-officer"), Now.AddHours(1)).Value;
            await store.AppendAsync(id, state.Events.Count, followUp);
        }

        await using var read = Database.NewContext();
        var replayed = (await new IncidentStore(read).LoadAsync(id))!;
        Assert.Equal("III", replayed.EventLevel);
        Assert.Equal(2, replayed.Reports.Count);
        Assert.Equal(4m, replayed.Facts.Known("strandedPeople")!.Value.Number);
        Assert.Null(replayed.OccurredAt);
        Assert.Equal("附件 III级(1)", replayed.Grade!.Gradings[0].Matched[0].Article);
        Assert.Equal(Now, replayed.Reports[0].ReceivedAt);
    }

    [Fact]
    public async Task Concurrent_append_at_the_same_position_is_refused_and_writes_nothing()
    {
        var plan = Plan();
        var id = await CreateElevatorIncident(plan);
        await using var db = Database.NewContext();
        var store = new IncidentStore(db);
        var state = (await store.LoadAsync(id))!;
        var first = IncidentDecider.AssessWarning(state, plan, "IV", "研判", new Actor("主任", "office-director"), Now).Value;
        var second = IncidentDecider.AssessWarning(state, plan, "III", "研判", new Actor("主任", "office-director"), Now).Value;
        await store.AppendAsync(id, state.Events.Count, first);
        await Assert.ThrowsAsync<ConcurrentAppendException>(() => store.AppendAsync(id, state.Events.Count, second));
        Assert.Equal("IV", (await store.LoadAsync(id))!.WarningLevel);
    }

    [Fact]
    public async Task Database_refuses_update_and_delete_of_incident_events()
    {
        await CreateElevatorIncident(Plan());
        var update = Assert.ThrowsAny<DbException>(() => Database.Execute("UPDATE incident_events SET \"Reason\" = 'x'"));
        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<DbException>(() => Database.Execute("DELETE FROM incident_events"));
        Assert.ThrowsAny<DbException>(() => Database.Execute("DELETE FROM incidents"));
    }

    [Fact]
    public async Task Application_refuses_to_modify_an_append_only_row()
    {
        var id = await CreateElevatorIncident(Plan());
        await using var db = Database.NewContext();
        var row = await db.IncidentEvents.FirstAsync(e => e.IncidentId == id);
        db.Entry(row).Property(r => r.Reason).CurrentValue = "rewritten";
        db.Entry(row).State = EntityState.Modified;
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Listing_filters_by_division_prefix_and_open_state()
    {
        var plan = Plan();
        await CreateElevatorIncident(plan);
        await using var db = Database.NewContext();
        var store = new IncidentStore(db);
        Assert.Equal(1, (await store.ListAsync(openOnly: true, "3101", [""], 1, 10)).Total);
        Assert.Equal(0, (await store.ListAsync(openOnly: true, "3102", [""], 1, 10)).Total);
        var (id, state) = (await store.ListAsync(openOnly: true, "", [""], 1, 10)).Items[0];
        await store.AppendAsync(id, state.Events.Count, IncidentDecider.End(state, plan, "已解救", new Actor("主任", "office-director"), Now).Value);
        Assert.Equal(0, (await store.ListAsync(openOnly: true, "", [""], 1, 10)).Total);
        Assert.Equal(1, (await store.ListAsync(openOnly: false, "", [""], 1, 10)).Total);
    }

    [Fact]
    public void Migrations_match_the_model()
    {
        using var db = Database.NewContext();
        Assert.False(db.Database.HasPendingModelChanges());
    }
}

public sealed class IncidentStoreOnSqlite() : IncidentStoreTests(DatabaseProvider.Sqlite);

public sealed class IncidentStoreOnPostgreSql() : IncidentStoreTests(DatabaseProvider.PostgreSql);
