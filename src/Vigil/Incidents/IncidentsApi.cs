using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vigil.Common;
using Vigil.Data.Incidents;
using Vigil.Host.Plans;
using Vigil.Host.Web;
using Vigil.Incidents;
using Vigil.Plans;

namespace Vigil.Host.Incidents;

/// <summary>
/// Incidents over HTTP: open from an initial report, follow-ups, judgements, warning assessment, response proposals
/// and approvals along the plan's chain, checklist, reporting submissions, end and aftermath. Each command is
/// decided by the pure core and appended whole, or refused with problem details and nothing changed.
/// </summary>
internal static partial class IncidentsApi
{
    private delegate Outcome<IReadOnlyList<IncidentEvent>> Decide(IncidentState state, PlanDefinition plan, Actor by, DateTimeOffset now, BodyReader body);

    public static void MapIncidents(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/incidents").WithTags("Incidents");
        group.MapGet("/", List);
        group.MapPost("/", Open);
        group.MapGet("/{id:guid}", Get);
        group.MapPost("/{id:guid}/reports", (Guid id, HttpContext http) => Command(id, http, (state, plan, by, now, body) =>
        {
            var report = ReportInput.Parse(plan, body.Root, ReportKind.FollowUp);
            return report.IsSuccess
                ? IncidentDecider.FollowUp(state, plan, report.Value, by, now)
                : Outcome<IReadOnlyList<IncidentEvent>>.Failure(report.Kind, report.Problems);
        }));
        group.MapPost("/{id:guid}/judgements", (Guid id, HttpContext http) => Command(id, http, Judge));
        group.MapPost("/{id:guid}/warning-assessments", (Guid id, HttpContext http) => Command(id, http, (state, plan, by, now, body) =>
            IncidentDecider.AssessWarning(state, plan, body.Text("level") ?? "", body.Text("reason"), by, now)));
        group.MapPost("/{id:guid}/proposals", (Guid id, HttpContext http) => Command(id, http, (state, plan, by, now, body) =>
            IncidentDecider.Propose(state, plan, body.Text("level") ?? "", body.Text("reason"), by, now)));
        group.MapPost("/{id:guid}/proposals/{proposalId:guid}/approve", (Guid id, Guid proposalId, HttpContext http) => Command(id, http, (state, plan, by, now, body) =>
            IncidentDecider.Approve(state, plan, proposalId, body.Text("reason"), by, now)));
        group.MapPost("/{id:guid}/proposals/{proposalId:guid}/reject", (Guid id, Guid proposalId, HttpContext http) => Command(id, http, (state, plan, by, now, body) =>
            IncidentDecider.Reject(state, plan, proposalId, body.Text("reason"), by, now)));
        group.MapPost("/{id:guid}/actions/{actionId}", (Guid id, string actionId, HttpContext http) => Command(id, http, (state, plan, by, now, body) =>
            IncidentDecider.CompleteAction(state, plan, actionId, body.Text("note"), by, now)));
        group.MapPost("/{id:guid}/leading-plan", (Guid id, HttpContext http) => Command(id, http, (state, plan, by, now, body) =>
            IncidentDecider.RecordLeadingPlan(state, plan, body.Text("leadingPlan") ?? "", body.Text("reason"), by, now)));
        group.MapPost("/{id:guid}/submissions", (Guid id, HttpContext http) => Command(id, http, (state, plan, by, now, body) =>
            IncidentDecider.Submit(state, plan, body.Text("dutyId") ?? "", body.Time("sentAt"), body.Text("note"), by, now)));
        group.MapPost("/{id:guid}/end", (Guid id, HttpContext http) => Command(id, http, (state, plan, by, now, body) =>
            IncidentDecider.End(state, plan, body.Text("reason"), by, now)));
        group.MapPost("/{id:guid}/aftermath/{taskId}", (Guid id, string taskId, HttpContext http) => Command(id, http, (state, plan, by, now, body) =>
            IncidentDecider.CompleteAftermath(state, plan, taskId, body.Text("note"), by, now)));
    }

    private static async Task<IResult> List(
        IncidentStore store, PlanCatalog plans, TimeProvider clock, string? status, string? division, int? page, int? pageSize)
    {
        var (p, size) = (page ?? 1, pageSize ?? 20);
        if (p < 1 || p > 100_000)
        {
            return ApiProblems.One(ProblemKind.Invalid, "page", "paging.invalid", 1, 100_000);
        }

        if (size is < 1 or > 200)
        {
            return ApiProblems.One(ProblemKind.Invalid, "pageSize", "paging.invalid", 1, 200);
        }

        var result = await store.ListAsync(status != "all", division ?? "", p, size);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new
        {
            total = result.Total,
            page = p,
            pageSize = size,
            items = result.Items.Select(i => IncidentView.Summary(i.Id, i.State, plans.Find(i.State.PlanId)!, now, CultureInfo.CurrentUICulture)),
        });
    }

    private static async Task<IResult> Get(Guid id, IncidentStore store, PlanCatalog plans, TimeProvider clock)
    {
        var state = await store.LoadAsync(id);
        return state is null
            ? ApiProblems.One(ProblemKind.NotFound, "id", "incident.notFound", id)
            : TypedResults.Ok(IncidentView.Build(id, state, plans.Find(state.PlanId)!, clock.GetUtcNow(), CultureInfo.CurrentUICulture));
    }

    /// <summary>
    /// <c>{"planId", "divisionCode", "title", "report": {occurredAt, receivedAt, contents, facts}}</c> → 201 with the
    /// graded incident.
    /// </summary>
    private static async Task<IResult> Open(HttpContext http, IncidentStore store, PlanCatalog plans, TimeProvider clock, OperatorAccessor operators)
    {
        var actor = operators.Current();
        if (!actor.IsSuccess)
        {
            return ApiProblems.From(actor);
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

            if (!DivisionCode().IsMatch(division!))
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

            var now = clock.GetUtcNow();
            var events = IncidentDecider.Open(plan, division!, title!, report.Value, actor.Value, now);
            if (!events.IsSuccess)
            {
                return ApiProblems.From(events);
            }

            var id = Guid.CreateVersion7(now);
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
    private static async Task<IResult> Command(Guid id, HttpContext http, Decide decide)
    {
        var services = http.RequestServices;
        var store = services.GetRequiredService<IncidentStore>();
        var plans = services.GetRequiredService<PlanCatalog>();
        var clock = services.GetRequiredService<TimeProvider>();
        var actor = services.GetRequiredService<OperatorAccessor>().Current();
        if (!actor.IsSuccess)
        {
            return ApiProblems.From(actor);
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
                if (state is null)
                {
                    return ApiProblems.One(ProblemKind.NotFound, "id", "incident.notFound", id);
                }

                var plan = plans.Find(state.PlanId)!;
                var now = clock.GetUtcNow();
                var events = decide(state, plan, actor.Value, now, body);
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

    /// <summary>GB/T 2260 county (6 digits), township (9) or village (12) code.</summary>
    [GeneratedRegex(@"^\d{6}(\d{3}(\d{3})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DivisionCode();
}
