using Vigil.Common;
using Vigil.Data;
using Vigil.Data.Incidents;
using Vigil.Host.Plans;
using Vigil.Host.Security;
using Vigil.Incidents;
using Vigil.Plans;
using Vigil.Security.Access;

namespace Vigil.Host.Incidents;

/// <summary>An incident as one user may see it now: its id, replayed state, plan and the moment it was read.</summary>
internal sealed record IncidentSnapshot(Guid Id, IncidentState State, PlanDefinition Plan, DateTimeOffset Now);

/// <summary>One page of the incidents a user may see.</summary>
internal sealed record IncidentList(IReadOnlyList<IncidentSnapshot> Items, int Total);

/// <summary>
/// The incident queries and commands behind both the HTTP API and the web UI, so both enforce the same roles and
/// jurisdictions, write the same audit entries and raise the same change notifications.
/// SEC: a user works in the roles they hold for the incident's division and its parents; an incident outside every
/// jurisdiction of the user is answered as not found, never as forbidden, so its existence is not hinted at.
/// </summary>
internal sealed class IncidentService(IncidentStore store, PlanCatalog plans, TimeProvider clock, VigilDbContext db, IncidentNotifier notifier)
{
    /// <summary>Decides the events of one command on the current state, or refuses it.</summary>
    public delegate Outcome<IReadOnlyList<IncidentEvent>> Decide(IncidentState state, PlanDefinition plan, Actor by, DateTimeOffset now);

    /// <summary>Roles that see incidents: every role a plan names, and the divisions' own staff (read only).</summary>
    public static HashSet<string> Readers(PlanCatalog plans) =>
        [.. plans.All.SelectMany(p => p.Roles.Select(r => r.Id)), RoleIds.DivisionStaff];

    /// <summary>Roles that act on an incident: those its plan names.</summary>
    public static HashSet<string> Actors(PlanDefinition plan) => [.. plan.Roles.Select(r => r.Id)];

    public HashSet<string> Readers() => Readers(plans);

    /// <summary>The incidents within the user's jurisdictions (absent otherwise, not even counted), newest first.</summary>
    public async Task<IncidentList> ListAsync(Access access, bool openOnly, string divisionPrefix, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var result = await store.ListAsync(openOnly, divisionPrefix, access.Scopes(Readers()), page, pageSize, cancellationToken);
        var now = clock.GetUtcNow();
        return new IncidentList([.. result.Items.Select(i => new IncidentSnapshot(i.Id, i.State, plans.Find(i.State.PlanId)!, now))], result.Total);
    }

    /// <summary>
    /// One incident, or not found when it is outside the user's jurisdictions. SEC non-repudiation: the detail holds
    /// reporters' names and phone numbers, so reading it is on record.
    /// </summary>
    public async Task<Outcome<IncidentSnapshot>> GetAsync(Access access, Guid id, CancellationToken cancellationToken = default)
    {
        var readers = Readers();
        var state = await store.LoadAsync(id, cancellationToken);
        if (state is null || !access.Sees(state.DivisionCode, readers))
        {
            return NotFound(id);
        }

        var now = clock.GetUtcNow();
        var role = access.RoleAt(state.DivisionCode, readers) is { IsSuccess: true } chosen ? chosen.Value : access.RolesCovering(state.DivisionCode, readers)[0];
        db.Audit(access.Audit(role, "incident.read", "Incident", id.ToString(), state.DivisionCode), now);
        await db.SaveChangesAsync(cancellationToken);
        return new IncidentSnapshot(id, state, plans.Find(state.PlanId)!, now);
    }

    /// <summary>Opens an incident from its initial report, in a role the user holds at <paramref name="divisionCode"/>.</summary>
    public async Task<Outcome<IncidentSnapshot>> OpenAsync(
        Access access, PlanDefinition plan, string divisionCode, string title, ReportInput report, CancellationToken cancellationToken = default)
    {
        // Opening elsewhere is refused with a reason: there is nothing there to hide yet.
        var role = access.RoleAt(divisionCode, Actors(plan));
        if (!role.IsSuccess)
        {
            return Outcome<IncidentSnapshot>.Failure(role.Kind, role.Problems);
        }

        var now = clock.GetUtcNow();
        var events = IncidentDecider.Open(plan, divisionCode, title, report, access.ActorAs(role.Value), now);
        if (!events.IsSuccess)
        {
            return Outcome<IncidentSnapshot>.Failure(events.Kind, events.Problems);
        }

        var id = Guid.CreateVersion7(now);
        db.Audit(access.Audit(role.Value, "incident.open", "Incident", id.ToString(), divisionCode, new { plan = plan.Id, events = events.Value.Count }), now);
        await store.CreateAsync(id, events.Value, cancellationToken);
        await notifier.ChangedAsync(id, divisionCode, cancellationToken);
        return new IncidentSnapshot(id, IncidentState.Replay(events.Value), plan, now);
    }

    /// <summary>
    /// Runs one command: current state, role, decision, append with its audit entry. A concurrent append by someone
    /// else is retried on the fresh state (the decision may now differ), three times at most.
    /// </summary>
    public async Task<Outcome<IncidentSnapshot>> RunAsync(Access access, Guid id, string action, Decide decide, CancellationToken cancellationToken = default)
    {
        var readers = Readers();
        for (var attempt = 0; ; attempt++)
        {
            var state = await store.LoadAsync(id, cancellationToken);
            if (state is null || !access.Sees(state.DivisionCode, readers))
            {
                return NotFound(id);
            }

            var plan = plans.Find(state.PlanId)!;
            var role = access.RoleAt(state.DivisionCode, Actors(plan));
            if (!role.IsSuccess)
            {
                return Outcome<IncidentSnapshot>.Failure(role.Kind, role.Problems);
            }

            var now = clock.GetUtcNow();
            var events = decide(state, plan, access.ActorAs(role.Value), now);
            if (!events.IsSuccess)
            {
                return Outcome<IncidentSnapshot>.Failure(events.Kind, events.Problems);
            }

            try
            {
                db.Audit(access.Audit(role.Value, action, "Incident", id.ToString(), state.DivisionCode,
                    new { from = state.Events.Count, events = events.Value.Select(e => e.GetType().Name) }), now);
                await store.AppendAsync(id, state.Events.Count, events.Value, cancellationToken);
            }
            catch (ConcurrentAppendException) when (attempt < 2)
            {
                continue;
            }
            catch (ConcurrentAppendException)
            {
                return Outcome<IncidentSnapshot>.Failure(ProblemKind.Conflict, new Problem("id", "concurrent", HostText.Format("concurrent", "id")));
            }

            foreach (var e in events.Value)
            {
                state.Apply(e);
            }

            await notifier.ChangedAsync(id, state.DivisionCode, cancellationToken);
            return new IncidentSnapshot(id, state, plan, now);
        }
    }

    private static Outcome<IncidentSnapshot> NotFound(Guid id) =>
        Outcome<IncidentSnapshot>.Failure(ProblemKind.NotFound, new Problem("id", "incident.notFound", HostText.Format("incident.notFound", "id", id)));
}

/// <summary>
/// Tells the live boards that an incident changed, after the change is saved. Raised by <see cref="IncidentService"/>,
/// so a change made through the API and one made in the UI both reach every open board. On SQLite (one instance) the
/// event is raised in this process; on PostgreSQL the change goes out as a NOTIFY and every instance sharing the
/// database, this one included, raises it when <see cref="IncidentListener"/> hears it — so a board on instance B
/// shows what a duty officer recorded on instance A.
/// </summary>
internal sealed partial class IncidentNotifier(DatabaseSettings database, ILogger<IncidentNotifier> log) : IAsyncDisposable
{
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Raised with the incident's id and division after a successful save.</summary>
    public event Action<Guid, string>? IncidentChanged;

    /// <summary>The channel every instance listens on, or null on SQLite.</summary>
    internal PostgreSqlChannel? Channel { get; } = database.Provider == DatabaseProvider.PostgreSql
        ? new PostgreSqlChannel(database.ConnectionString, "vigil_incidents")
        : null;

    /// <summary>Completes once this instance hears other instances' changes (at once on SQLite).</summary>
    public Task Listening => Channel is null ? Task.CompletedTask : _listening.Task;

    public async Task ChangedAsync(Guid id, string divisionCode, CancellationToken cancellationToken)
    {
        if (Channel is null)
        {
            IncidentChanged?.Invoke(id, divisionCode);
            return;
        }

        try
        {
            await Channel.NotifyAsync(FormattableString.Invariant($"{id}|{divisionCode}"), cancellationToken);
        }
        catch (System.Data.Common.DbException e)
        {
            // The change is saved; only the live push is lost, and boards show it on their next load.
            NotifyFailed(log, e, id);
        }
    }

    internal void Listened() => _listening.TrySetResult();

    internal void Heard(string payload)
    {
        var parts = payload.Split('|', 2);
        if (parts.Length == 2 && Guid.TryParse(parts[0], out var id))
        {
            IncidentChanged?.Invoke(id, parts[1]);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {Incident} is saved but its live update could not be sent")]
    private static partial void NotifyFailed(ILogger log, Exception exception, Guid incident);

    public ValueTask DisposeAsync() => Channel?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>On PostgreSQL, hears the incident changes of every instance (LISTEN) and raises them on this one.</summary>
internal sealed partial class IncidentListener(IncidentNotifier notifier, ILogger<IncidentListener> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        notifier.Channel?.ListenAsync(notifier.Listened, notifier.Heard, e => ListenLost(log, e), TimeSpan.FromSeconds(2), stoppingToken)
        ?? Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the database connection that hears other instances' incident changes; reconnecting")]
    private static partial void ListenLost(ILogger log, Exception exception);
}
