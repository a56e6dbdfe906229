using System.Globalization;
using Vigil.Common;
using Vigil.Host.Incidents;
using Vigil.Host.Security;
using Vigil.Host.Web;
using Vigil.Plans;

namespace Vigil.Host.Plans;

/// <summary>
/// The plans over HTTP: what each asks for (the report form follows it) and grading without an incident.
/// For the roles that work on incidents (SEC access for the authorised only); plans are the same for every division.
/// </summary>
internal static class PlansApi
{
    public static void MapPlans(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/plans").WithTags("Plans").RequireAuthorization()
            .AddEndpointFilter(async (context, next) =>
            {
                var plans = context.HttpContext.RequestServices.GetRequiredService<PlanCatalog>();
                var (access, denied) = await context.HttpContext.RequestServices.GetRequiredService<CurrentUser>().RequireAsync(IncidentsApi.Readers(plans));
                return access is null ? denied : await next(context);
            });
        group.MapGet("/", (PlanCatalog plans) => TypedResults.Ok(plans.All.OrderBy(p => p.Id, StringComparer.Ordinal).Select(p => new
        {
            id = p.Id,
            version = p.Version,
            title = p.Title.For(CultureInfo.CurrentUICulture),
            source = p.Source,
            timeZone = p.TimeZone,
        })));
        group.MapGet("/{id}", (string id, PlanCatalog plans) =>
            plans.Find(id) is { } plan ? TypedResults.Ok(Describe(plan, CultureInfo.CurrentUICulture)) : ApiProblems.One(ProblemKind.NotFound, "id", "plan.notFound", id));
        group.MapPost("/{id}/grade", async (string id, HttpContext http, PlanCatalog plans) =>
        {
            if (plans.Find(id) is not { } plan)
            {
                return ApiProblems.One(ProblemKind.NotFound, "id", "plan.notFound", id);
            }

            var (document, problem) = await ApiProblems.ReadJsonAsync(http.Request);
            if (problem is not null)
            {
                return problem;
            }

            using (document)
            {
                var facts = FactSet.Parse(plan, document!.RootElement);
                return facts.IsSuccess
                    ? TypedResults.Ok(GradeReport.Build(plan, Grader.Grade(plan, facts.Value), CultureInfo.CurrentUICulture))
                    : ApiProblems.From(facts);
            }
        });
    }

    private static object Describe(PlanDefinition plan, CultureInfo culture) => new
    {
        id = plan.Id,
        version = plan.Version,
        title = plan.Title.For(culture),
        source = plan.Source,
        timeZone = plan.TimeZone,
        inputs = plan.Inputs.Select(i => new
        {
            name = i.Name,
            type = i.Type.ToString().ToLowerInvariant(),
            unit = i.Unit,
            label = i.Label.For(culture),
            min = i.Min,
            judgement = i.Judgement,
            values = i.Values.Select(v => new { id = v.Id, label = v.Label.For(culture) }),
        }),
        reportContents = plan.ReportContents.Select(s => new { id = s.Id, label = s.Label.For(culture), article = s.Article, required = s.Required }),
        gradings = plan.Gradings.Select(g => new
        {
            id = g.Id,
            name = g.Name.For(culture),
            levels = g.Levels.Select(l => new { id = l.Id, name = l.Name.For(culture), colour = l.Colour }),
        }),
        eventGrading = plan.EventGrading,
        roles = plan.Roles.Select(r => new { id = r.Id, name = r.Name.For(culture) }),
        warningLevels = plan.Warning?.Levels.Select(l => new { id = l.Id, name = l.Name.For(culture), colour = l.Colour }),
    };
}
