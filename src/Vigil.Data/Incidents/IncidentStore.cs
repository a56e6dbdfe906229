using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Vigil.Data.Security;
using Vigil.Incidents;

namespace Vigil.Data.Incidents;

/// <summary>Another writer appended to the same incident first; the caller reloads and decides again.</summary>
public sealed class ConcurrentAppendException(Guid incidentId, Exception inner)
    : Exception($"Incident {incidentId} was changed by another writer.", inner);

/// <summary>A page of incidents with their derived states, newest first.</summary>
public sealed record IncidentPage(IReadOnlyList<(Guid Id, IncidentState State)> Items, int Total);

/// <summary>
/// Reads and appends incident events. The events are the record; the state is replayed from them on every read
/// (an incident has tens of events, so replay costs microseconds and can never drift from the record).
/// </summary>
public sealed class IncidentStore(VigilDbContext db)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public async Task<IncidentState?> LoadAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var payloads = await db.IncidentEvents.AsNoTracking()
            .Where(e => e.IncidentId == id)
            .OrderBy(e => e.Sequence)
            .Select(e => e.Payload)
            .ToListAsync(cancellationToken);
        return payloads.Count == 0 ? null : IncidentState.Replay(payloads.Select(Deserialize));
    }

    /// <summary>Creates the incident header and its first events in one transaction.</summary>
    public async Task CreateAsync(Guid id, IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken = default)
    {
        var opened = events.OfType<IncidentOpened>().Single();
        db.Incidents.Add(new IncidentRecord
        {
            Id = id,
            PlanId = opened.PlanId,
            DivisionCode = opened.DivisionCode,
            Title = opened.Title,
            CreatedAt = opened.At,
        });
        AddEvents(id, 0, events);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Appends events after <paramref name="expectedCount"/> existing ones. If another writer got there first, the
    /// unique (incident, sequence) index refuses the insert and nothing is written.
    /// </summary>
    public async Task AppendAsync(Guid id, int expectedCount, IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken = default)
    {
        AddEvents(id, expectedCount, events);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            db.ChangeTracker.Clear();
            throw new ConcurrentAppendException(id, e);
        }
    }

    /// <summary>
    /// Incidents whose division code starts with <paramref name="divisionPrefix"/> and with one of the caller's
    /// jurisdiction <paramref name="scopes"/> (SEC: what is outside them is neither listed nor counted), newest first.
    /// </summary>
    public async Task<IncidentPage> ListAsync(
        bool openOnly, string divisionPrefix, IReadOnlyCollection<string> scopes, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var query = db.Incidents.AsNoTracking()
            .Where(i => i.DivisionCode.StartsWith(divisionPrefix))
            .Where(DivisionFilter.Within<IncidentRecord>(i => i.DivisionCode, scopes));
        if (openOnly)
        {
            query = query.Where(i => !db.IncidentEvents.Any(e => e.IncidentId == i.Id && e.Type == "ended"));
        }

        var total = await query.CountAsync(cancellationToken);
        var ids = await query.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(i => i.Id).ToListAsync(cancellationToken);
        var events = await db.IncidentEvents.AsNoTracking()
            .Where(e => ids.Contains(e.IncidentId))
            .OrderBy(e => e.IncidentId).ThenBy(e => e.Sequence)
            .Select(e => new { e.IncidentId, e.Payload })
            .ToListAsync(cancellationToken);
        var states = events.GroupBy(e => e.IncidentId)
            .ToDictionary(g => g.Key, g => IncidentState.Replay(g.Select(e => Deserialize(e.Payload))));
        return new IncidentPage([.. ids.Select(id => (id, states[id]))], total);
    }

    public Task<int> CountAsync(CancellationToken cancellationToken = default) => db.Incidents.CountAsync(cancellationToken);

    private void AddEvents(Guid id, int firstSequence, IReadOnlyList<IncidentEvent> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var payload = JsonSerializer.Serialize(e, Json);
            db.IncidentEvents.Add(new IncidentEventRecord
            {
                IncidentId = id,
                Sequence = firstSequence + i,
                Type = TypeNames[e.GetType()],
                At = e.At,
                ActorName = e.By.Name,
                ActorRole = e.By.Role,
                ActorUserId = e.By.UserId,
                Reason = e.Reason,
                Payload = payload,
            });
        }
    }

    /// <summary>The discriminator of each event type, read once from the [JsonDerivedType] attributes of the base.</summary>
    private static readonly Dictionary<Type, string> TypeNames = typeof(IncidentEvent)
        .GetCustomAttributes(typeof(JsonDerivedTypeAttribute), inherit: false)
        .Cast<JsonDerivedTypeAttribute>()
        .ToDictionary(a => a.DerivedType, a => (string)a.TypeDiscriminator!);

    private static IncidentEvent Deserialize(string payload) =>
        JsonSerializer.Deserialize<IncidentEvent>(payload, Json)
        ?? throw new InvalidDataException("An incident event row holds no event.");
}
