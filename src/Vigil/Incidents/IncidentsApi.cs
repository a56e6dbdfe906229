using System.Globalization;
using System.Text.Json;
using Vigil.Common;
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
    /// <summary>A checked request to open an incident.</summary>
    public sealed record OpenRequest(PlanDefinition Plan, string DivisionCode, string Title, ReportInput Report);

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
        group.MapPost("/{id:guid}/consents", (Guid id, HttpContext http) => Command(id, http, "incident.consent", (state, plan, by, now, body) =>
            IncidentDecider.Consent(state, plan, body.Text("dutyId") ?? "", body.Text("reason"), by, now)));
        group.MapPost("/{id:guid}/submissions", (Guid id, HttpContext http) => Command(id, http, "incident.submit", (state, plan, by, now, body) =>
            IncidentDecider.Submit(state, plan, body.Text("dutyId") ?? "", body.Time("sentAt"), body.Text("note"), by, now)));
        group.MapPost("/{id:guid}/end", (Guid id, HttpContext http) => Command(id, http, "incident.end", (state, plan, by, now, body) =>
            IncidentDecider.End(state, plan, body.Text("reason"), by, now)));
        group.MapPost("/{id:guid}/aftermath/{taskId}", (Guid id, string taskId, HttpContext http) => Command(id, http, "incident.aftermath", (state, plan, by, now, body) =>
            IncidentDecider.CompleteAftermath(state, plan, taskId, body.Text("note"), by, now)));
    }

    /// <summary>Roles that see incidents (shared with the UI through <see cref="IncidentService"/>).</summary>
    public static HashSet<string> Readers(PlanCatalog plans) => IncidentService.Readers(plans);

    private static async Task<IResult> List(CurrentUser current, IncidentService incidents, string? status, string? division, int? page, int? pageSize)
    {
        var (access, denied) = await current.RequireAsync(incidents.Readers());
        if (access is null)
        {
            return denied!;
        }

        var (p, size, badPaging) = Paging.Read(page, pageSize);
        if (badPaging is not null)
        {
            return badPaging;
        }

        var result = await incidents.ListAsync(access, status != "all", division ?? "", p, size);
        return TypedResults.Ok(new
        {
            total = result.Total,
            page = p,
            pageSize = size,
            items = result.Items.Select(i => IncidentView.Summary(i.Id, i.State, i.Plan, i.Now, CultureInfo.CurrentUICulture)),
        });
    }

    private static async Task<IResult> Get(Guid id, CurrentUser current, IncidentService incidents)
    {
        var (access, denied) = await current.RequireAsync(incidents.Readers());
        if (access is null)
        {
            return denied!;
        }

        var incident = await incidents.GetAsync(access, id);
        return incident.IsSuccess ? TypedResults.Ok(View(incident.Value)) : ApiProblems.From(incident);
    }

    /// <summary>
    /// <c>{"planId", "divisionCode", "title", "report": {occurredAt, receivedAt, contents, facts}}</c> → 201 with the
    /// graded incident.
    /// </summary>
    private static async Task<IResult> Open(HttpContext http, CurrentUser current, IncidentService incidents, PlanCatalog plans)
    {
        var (access, denied) = await current.RequireAsync(incidents.Readers());
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
            var request = ReadOpen(document!.RootElement, plans);
            if (!request.IsSuccess)
            {
                return ApiProblems.From(request);
            }

            var (plan, division, title, report) = request.Value;
            var opened = await incidents.OpenAsync(access, plan, division, title, report);
            return opened.IsSuccess ? TypedResults.Created($"/api/incidents/{opened.Value.Id}", View(opened.Value)) : ApiProblems.From(opened);
        }
    }

    /// <summary>
    /// Reads and checks a new incident, <c>{"planId", "divisionCode", "title", "report": {...}}</c>; shared by the API
    /// and the UI's report form, so both refuse the same input with the same field names and messages.
    /// </summary>
    public static Outcome<OpenRequest> ReadOpen(JsonElement root, PlanCatalog plans)
    {
        var body = new BodyReader(root);
        var planId = body.Text("planId", required: true);
        var division = body.Text("divisionCode", required: true);
        var title = body.Text("title", required: true, maxLength: 200);
        if (!body.IsValid)
        {
            return Refused(body.Problems.Count > 0 ? [.. body.Problems] : [Problem("$", "field.required")]);
        }

        if (plans.Find(planId!) is not { } plan)
        {
            return Refused([Problem("planId", "plan.notFound", planId)]);
        }

        if (!Jurisdiction.IsDivisionCode(division))
        {
            return Refused([Problem("divisionCode", "division.invalid", division)]);
        }

        if (body.Element("report") is not { } reportJson)
        {
            return Refused([Problem("report", "field.required")]);
        }

        var report = ReportInput.Parse(plan, reportJson, ReportKind.Initial, "report.");
        return report.IsSuccess ? new OpenRequest(plan, division!, title!, report.Value) : Outcome<OpenRequest>.Failure(report.Kind, report.Problems);

        static Problem Problem(string field, string code, params object?[] args) => new(field, code, HostText.Format(code, [field, .. args]));

        static Outcome<OpenRequest> Refused(IReadOnlyList<Problem> problems) => Outcome<OpenRequest>.Failure(ProblemKind.Invalid, problems);
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

    /// <summary>Reads the body and runs one command through <see cref="IncidentService.RunAsync"/>.</summary>
    private static async Task<IResult> Command(Guid id, HttpContext http, string action, Decide decide)
    {
        var services = http.RequestServices;
        var incidents = services.GetRequiredService<IncidentService>();
        var (access, denied) = await services.GetRequiredService<CurrentUser>().RequireAsync(incidents.Readers());
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
            var result = await incidents.RunAsync(access, id, action, (state, plan, by, now) =>
            {
                var events = decide(state, plan, by, now, body);
                return body.Problems.Count > 0 ? Outcome<IReadOnlyList<IncidentEvent>>.Failure(ProblemKind.Invalid, body.Problems) : events;
            });
            return result.IsSuccess ? TypedResults.Ok(View(result.Value)) : ApiProblems.From(result);
        }
    }

    private static System.Text.Json.Nodes.JsonObject View(IncidentSnapshot incident) =>
        IncidentView.Build(incident.Id, incident.State, incident.Plan, incident.Now, CultureInfo.CurrentUICulture);
}
