using System.Globalization;
using System.Text.Json;
using Vigil.Common;
using Vigil.Data;
using Vigil.Data.Incidents;
using Vigil.Host.Plans;
using Vigil.Host.Security;
using Vigil.Host.Web;
using Vigil.Incidents;
using Vigil.Plans;
using Vigil.Security.Access;

namespace Vigil.Host.Incidents;

/// <summary>
/// Incidents over HTTP: open from an initial report, follow-ups, judgements, warning assessment, response proposals
/// and approvals along the plan's chain, checklist, reporting submissions, end and aftermath. Each command is
/// decided by the pure core and appended whole, or refused with problem details and nothing changed.
/// SEC: only signed-in users; a user works in the roles they hold for the incident's division and its parents;
/// an incident outside every jurisdiction of the user is answered as not found, never as forbidden, so its
/// existence is not hinted at. Each change and each read of the detail (reporters' contact details) is audited.
/// </summary>
internal static class IncidentsApi
{
    private delegate Outcome<IReadOnlyList<IncidentEvent>> Decide(IncidentState state, PlanDefinition plan, Actor by, DateTimeOffset now, BodyReader body);

    public static void MapIncidents(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/incidents").WithTags("Incidents").RequireAuthorization();
        group.MapGet("/", List);
        group.MapPost("/", Open).RequireRateLimiting(Hardening.IntakeLimit);
        group.MapGet("/{id:guid}", Get);
        group.MapPost("/{id:guid}/reports", (Guid id, HttpContext http) => Command(id, http, "incident.report", (state, plan, by, now, body) =>
        {
            var report = ReportInput.Parse(plan, body.Root, ReportKind.FollowUp);
            return report.IsSuccess
                ? IncidentDecider.FollowUp(state, plan, report.Value, by, now)
                : Outcome<IReadOnlyList<IncidentEvent>>.Failure(report.Kind, report.Problems);
        }));
        group.MapPost("/{id:guid}/judgements", (Guid id, HttpContext http) => Command(id, http, "incident.judge", Judge));
        group.MapPost("/{id:guid}/warning-assessments", (Guid id, HttpContext http) => Command(id, http, "incident.assessWarning", (state, plan, by, now, body) =>
            IncidentDecider.AssessWarning(state, plan, body.Text("level") ?? "", body.Text("reason"), by, now)));
        group.MapPost("/{id:guid}/proposals", (Guid id, HttpContext http) => Command(id, http, "incident.propose", (state, plan, by, now, body) =>
            IncidentDecider.Propose(state, plan, body.Text("level") ?? "", body.Text("reason"), by, now)));
        group.MapPost("/{id:guid}/proposals/{proposalId:guid}/approve", (Guid id, Guid proposalId, HttpContext http) => Command(id, http, "incident.approve", (state, plan, by, now, body) =>
            IncidentDecider.Approve(state, plan, proposalId, body.Text("reason"), by, now)));
        group.MapPost("/{id:guid}/proposals/{proposalId:guid}/reject", (Guid id, Guid proposalId, HttpContext http) => Command(id, http, "incident.reject", (state, plan, by, now, body) =>
            IncidentDecider.Reject(state, plan, proposalId, body.Text("reason"), by, now)));
        group.MapPost("/{id:guid}/actions/{actionId}", (Guid id, string actionId, HttpContext http) => Command(id, http, "incident.action", (state, plan, by, now, body) =>
            IncidentDecider.CompleteAction(state, plan, actionId, body.Text("note"), by, now)));
        group.MapPost("/{id:guid}/leading-plan", (Guid id, HttpContext http) => Command(id, http, "incident.leadingPlan", (state, plan, by, now, body) =>
            IncidentDecider.RecordLeadingPlan(state, plan, body.Text("leadingPlan") ?? "", body.Text("reason"), by, now)));
        group.MapPost("/{id:guid}/submissions", (Guid id, HttpContext http) => Command(id, http, "incident.submit", (state, plan, by, now, body) =>
            IncidentDecider.Submit(state, plan, body.Text("dutyId") ?? "", body.Time("sentAt"), body.Text("note"), by, now)));
        group.MapPost("/{id:guid}/end", (Guid id, HttpContext http) => Command(id, http, "incident.end", (state, plan, by, now, body) =>
            IncidentDecider.End(state, plan, body.Text("reason"), by, now)));
        group.MapPost("/{id:guid}/aftermath/{taskId}", (Guid id, string taskId, HttpContext http) => Command(id, http, "incident.aftermath", (state, plan, by, now, body) =>
            IncidentDecider.CompleteAftermath(state, plan, taskId, body.Text("note"), by, now)));
    }

    /// <summary>Roles that see incidents: every role a plan names, and the divisions' own staff (read only).</summary>
    public static HashSet<string> Readers(PlanCatalog plans) =>
        [.. plans.All.SelectMany(p => p.Roles.Select(r => r.Id)), RoleIds.DivisionStaff];

    /// <summary>Roles that act on an incident: those its plan names.</summary>
    private static HashSet<string> Actors(PlanDefinition plan) => [.. plan.Roles.Select(r => r.Id)];

    private static async Task<IResult> List(
        CurrentUser current, IncidentStore store, PlanCatalog plans, TimeProvider clock, string? status, string? division, int? page, int? pageSize)
    {
        var readers = Readers(plans);
        var (access, denied) = await current.RequireAsync(readers);
        if (access is null)
        {
            return denied!;
        }

        var (p, size, badPaging) = Paging.Read(page, pageSize);
        if (badPaging is not null)
        {
            return badPaging;
        }

        var result = await store.ListAsync(status != "all", division ?? "", access.Scopes(readers), p, size);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new
        {
            total = result.Total,
            page = p,
            pageSize = size,
            items = result.Items.Select(i => IncidentView.Summary(i.Id, i.State, plans.Find(i.State.PlanId)!, now, CultureInfo.CurrentUICulture)),
        });
    }

    private static async Task<IResult> Get(Guid id, CurrentUser current, IncidentStore store, PlanCatalog plans, TimeProvider clock, VigilDbContext db)
    {
        var readers = Readers(plans);
        var (access, denied) = await current.RequireAsync(readers);
        if (access is null)
        {
            return denied!;
        }

        var state = await store.LoadAsync(id);
        if (state is null || !access.Sees(state.DivisionCode, readers))
        {
            return ApiProblems.One(ProblemKind.NotFound, "id", "incident.notFound", id);
        }

        // SEC non-repudiation: the detail holds reporters' names and phone numbers, so reading it is on record.
        var now = clock.GetUtcNow();
        var role = access.RoleAt(state.DivisionCode, readers) is { IsSuccess: true } chosen ? chosen.Value : access.RolesCovering(state.DivisionCode, readers)[0];
        db.Audit(access.Audit(role, "incident.read", "Incident", id.ToString(), state.DivisionCode), now);
        await db.SaveChangesAsync();
        return TypedResults.Ok(IncidentView.Build(id, state, plans.Find(state.PlanId)!, now, CultureInfo.CurrentUICulture));
    }

    /// <summary>
    /// <c>{"planId", "divisionCode", "title", "report": {occurredAt, receivedAt, contents, facts}}</c> → 201 with the
    /// graded incident.
    /// </summary>
    private static async Task<IResult> Open(HttpContext http, CurrentUser current, IncidentStore store, PlanCatalog plans, TimeProvider clock, VigilDbContext db)
    {
        var (access, denied) = await current.RequireAsync(Readers(plans));
        if (access is null)
        {
            return denied!;
        }

        var (document, problem) = await ApiProblems.ReadJsonAsync(http.Request);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var body = new BodyReader(document!.RootElement);
            var planId = body.Text("planId", required: true);
            var division = body.Text("divisionCode", required: true);
            var title = body.Text("title", required: true, maxLength: 200);
            if (!body.IsValid)
            {
                return body.Problem();
            }

            if (plans.Find(planId!) is not { } plan)
            {
                return ApiProblems.One(ProblemKind.Invalid, "planId", "plan.notFound", planId);
            }

            if (!Jurisdiction.IsDivisionCode(division))
            {
                return ApiProblems.One(ProblemKind.Invalid, "divisionCode", "division.invalid", division);
            }

            if (body.Element("report") is not { } reportJson)
            {
                return ApiProblems.One(ProblemKind.Invalid, "report", "field.required");
            }

            var report = ReportInput.Parse(plan, reportJson, ReportKind.Initial, "report.");
            if (!report.IsSuccess)
            {
                return ApiProblems.From(report);
            }

            // Opening elsewhere is refused with a reason: there is nothing there to hide yet.
            var role = access.RoleAt(division!, Actors(plan));
            if (!role.IsSuccess)
            {
                return ApiProblems.From(role);
            }

            var now = clock.GetUtcNow();
            var events = IncidentDecider.Open(plan, division!, title!, report.Value, access.ActorAs(role.Value), now);
            if (!events.IsSuccess)
            {
                return ApiProblems.From(events);
            }

            var id = Guid.CreateVersion7(now);
            db.Audit(access.Audit(role.Value, "incident.open", "Incident", id.ToString(), division!, new { plan = plan.Id, events = events.Value.Count }), now);
            await store.CreateAsync(id, events.Value);
            var view = IncidentView.Build(id, IncidentState.Replay(events.Value), plan, now, CultureInfo.CurrentUICulture);
            return TypedResults.Created($"/api/incidents/{id}", view);
        }
    }

    private static Outcome<IReadOnlyList<IncidentEvent>> Judge(IncidentState state, PlanDefinition plan, Actor by, DateTimeOffset now, BodyReader body)
    {
        var input = body.Text("input") ?? "";
        if (plan.FindInput(input) is not { Judgement: true } declared || body.Element("value") is not { } value)
        {
            return IncidentDecider.Judge(state, plan, input, FactValue.Verifying, body.Text("reason"), by, now);
        }

        var parsed = FactSet.Parse(plan, JsonSerializer.SerializeToElement(new Dictionary<string, JsonElement> { [declared.Name] = value }));
        return parsed.IsSuccess
            ? IncidentDecider.Judge(state, plan, input, parsed.Value.Values[declared.Name], body.Text("reason"), by, now)
            : Outcome<IReadOnlyList<IncidentEvent>>.Failure(parsed.Kind, parsed.Problems);
    }

    /// <summary>
    /// Runs one command: who, body, current state, decision, append. A concurrent append by someone else is retried
    /// on the fresh state (the decision may now differ), three times at most.
    /// </summary>
    private static async Task<IResult> Command(Guid id, HttpContext http, string action, Decide decide)
    {
        var services = http.RequestServices;
        var store = services.GetRequiredService<IncidentStore>();
        var plans = services.GetRequiredService<PlanCatalog>();
        var clock = services.GetRequiredService<TimeProvider>();
        var db = services.GetRequiredService<VigilDbContext>();
        var readers = Readers(plans);
        var (access, denied) = await services.GetRequiredService<CurrentUser>().RequireAsync(readers);
        if (access is null)
        {
            return denied!;
        }

        var (document, problem) = await ApiProblems.ReadJsonAsync(http.Request);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var body = new BodyReader(document!.RootElement);
            for (var attempt = 0; ; attempt++)
            {
                var state = await store.LoadAsync(id);
                if (state is null || !access.Sees(state.DivisionCode, readers))
                {
                    return ApiProblems.One(ProblemKind.NotFound, "id", "incident.notFound", id);
                }

                var plan = plans.Find(state.PlanId)!;
                var role = access.RoleAt(state.DivisionCode, Actors(plan));
                if (!role.IsSuccess)
                {
                    return ApiProblems.From(role);
                }

                var now = clock.GetUtcNow();
                var events = decide(state, plan, access.ActorAs(role.Value), now, body);
                if (body.Problems.Count > 0)
                {
                    return body.Problem();
                }

                if (!events.IsSuccess)
                {
                    return ApiProblems.From(events);
                }

                try
                {
                    db.Audit(access.Audit(role.Value, action, "Incident", id.ToString(), state.DivisionCode,
                        new { from = state.Events.Count, events = events.Value.Select(e => e.GetType().Name) }), now);
                    await store.AppendAsync(id, state.Events.Count, events.Value);
                }
                catch (ConcurrentAppendException) when (attempt < 2)
                {
                    continue;
                }
                catch (ConcurrentAppendException)
                {
                    return ApiProblems.One(ProblemKind.Conflict, "id", "concurrent");
                }

                foreach (var e in events.Value)
                {
                    state.Apply(e);
                }

                return TypedResults.Ok(IncidentView.Build(id, state, plan, now, CultureInfo.CurrentUICulture));
            }
        }
    }
}
