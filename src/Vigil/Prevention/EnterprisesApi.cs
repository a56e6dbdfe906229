using System.Globalization;
using Vigil.Common;
using Vigil.Data;
using Vigil.Data.Incidents;
using Vigil.Data.Prevention;
using Vigil.Host.Incidents;
using Vigil.Host.Plans;
using Vigil.Host.Security;
using Vigil.Host.Web;
using Vigil.Prevention;
using Vigil.Security.Access;

namespace Vigil.Host.Prevention;

/// <summary>
/// The enterprise register (issue 5 part 1): entries with checked credit codes, the accounts that act for each
/// enterprise, the accidents on its record, and its supervision tier with the reason (DP-TIER).
/// </summary>
internal static class EnterprisesApi
{
    public static void MapEnterprises(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/enterprises").WithTags("Prevention").RequireAuthorization();
        group.MapPost("/", Register);
        group.MapGet("/", List);
        group.MapGet("/{id:guid}", Get);
        group.MapPost("/{id:guid}/staff", Appoint);
        group.MapPost("/{id:guid}/incidents", LinkIncident);
        group.MapGet("/{id:guid}/tier", Tier);
    }

    /// <summary>
    /// <c>{name, creditCode, divisionCode, industry, address, latitude?, longitude?, datum?}</c>. The division is the
    /// district (6 digits) or the street (9 digits) the enterprise is in; the district's bureau supervises it.
    /// </summary>
    private static async Task<IResult> Register(HttpContext http, PreventionStore store, TimeProvider clock, VigilDbContext db)
    {
        var (access, document, problem) = await ApiRequest.RequireWithBodyAsync(http, PreventionRoles.Regulators);
        if (access is null || document is null)
        {
            return problem!;
        }

        using (document)
        {
            var body = new BodyReader(document.RootElement);
            var division = body.Text("divisionCode", required: true);
            var location = PreventionEndpoint.Location(body);
            var entry = Enterprise.Create("", body.Text("name", maxLength: 200), body.Text("creditCode"), division, body.Text("industry", maxLength: 60), body.Text("address", maxLength: 400), location);
            body.Add(entry.Problems.Where(p => p.Field != "district"));
            if (division is not null && !IsCountyOrStreet(division))
            {
                body.Add([PreventionText.Problem("divisionCode", "enterprise.division", division)]);
            }

            if (!body.IsValid)
            {
                return body.Problem();
            }

            var role = access.RoleAt(division!, PreventionRoles.Regulators);
            if (!role.IsSuccess)
            {
                return ApiProblems.From(role);
            }

            var code = entry.Value.CreditCode.Value;
            if (await store.EnterpriseByCreditCodeAsync(code) is not null)
            {
                return PreventionText.One(ProblemKind.Conflict, "creditCode", "enterprise.exists", code);
            }

            var now = clock.GetUtcNow();
            var record = new EnterpriseRecord
            {
                Id = Guid.CreateVersion7(now),
                Name = entry.Value.Name,
                CreditCode = code,
                DivisionCode = division!,
                DistrictCode = division![..6],
                Industry = entry.Value.Industry,
                Address = entry.Value.Address,
                Latitude = location?.Latitude,
                Longitude = location?.Longitude,
                Datum = location is { } l ? DatumNames.Of(l.Datum) : null,
                RegisteredAt = now,
                RegisteredBy = access.User.Id,
            };
            db.Audit(access.Audit(role.Value, "enterprise.register", "Enterprise", record.Id.ToString(), record.DivisionCode, new { record.Name, record.CreditCode }), now);
            await store.AddAsync(record);
            return TypedResults.Created($"/api/enterprises/{record.Id}", View(record));
        }
    }

    /// <summary>A county-level code (6 digits, not a city's "…00") or a township/street code (9 digits).</summary>
    private static bool IsCountyOrStreet(string code) =>
        Jurisdiction.IsDivisionCode(code) && (code.Length == 9 || (code.Length == 6 && !code.EndsWith("00", StringComparison.Ordinal)));

    private static async Task<IResult> List(HttpContext http, EnterpriseGate gate, string? division, string? industry)
    {
        var (access, denied) = await PreventionEndpoint.RequireAsync(http, PreventionRoles.All);
        return access is null ? denied! : TypedResults.Ok((await gate.VisibleAsync(access, division, industry)).Select(View));
    }

    private static async Task<IResult> Get(Guid id, HttpContext http, EnterpriseGate gate, PreventionStore store)
    {
        var (access, denied) = await PreventionEndpoint.RequireAsync(http, PreventionRoles.All);
        if (access is null)
        {
            return denied!;
        }

        var (context, problem) = await gate.ResolveAsync(access, id, PreventionRoles.All);
        if (context is null)
        {
            return problem!;
        }

        var points = await store.RiskPointsAsync([id]);
        var history = await store.RiskEntriesAsync([.. points.Select(p => p.Id)]);
        return TypedResults.Ok(new
        {
            enterprise = View(context.Enterprise),
            riskPoints = points.Select(p => RiskApi.PointView(p, history[p.Id])),
        });
    }

    /// <summary><c>{userId, role}</c>: the account acts for the enterprise as its principal or safety officer.</summary>
    private static async Task<IResult> Appoint(Guid id, HttpContext http, EnterpriseGate gate, PreventionStore store, AccountService accounts, TimeProvider clock, VigilDbContext db)
    {
        var (access, document, problem) = await ApiRequest.RequireWithBodyAsync(http, PreventionRoles.Regulators);
        if (access is null || document is null)
        {
            return problem!;
        }

        using (document)
        {
            var body = new BodyReader(document.RootElement);
            var userId = body.Text("userId", required: true, maxLength: 40);
            var role = body.Text("role", required: true);
            if (role is not null && !PreventionRoles.EnterpriseStaff.Contains(role))
            {
                body.Add([PreventionText.Problem("role", "staff.role", role, string.Join(", ", PreventionRoles.EnterpriseStaff))]);
            }

            if (!body.IsValid)
            {
                return body.Problem();
            }

            var (context, refused) = await gate.ResolveAsync(access, id, PreventionRoles.Regulators);
            if (context is null)
            {
                return refused!;
            }

            var user = await accounts.FindAsync(userId!);
            if (user is null || !(await accounts.AccessAsync(user, null)).Sees(context.Enterprise.DivisionCode, [role!]))
            {
                return PreventionText.One(ProblemKind.Invalid, "userId", "staff.notHolder", userId, role, context.Enterprise.DivisionCode);
            }

            if (await store.IsAppointedAsync(id, userId!, role!))
            {
                return PreventionText.One(ProblemKind.Conflict, "userId", "staff.exists", userId, role);
            }

            var now = clock.GetUtcNow();
            context.Audit(db, "enterprise.appoint", "Enterprise", id.ToString(), now, new { userId, role });
            await store.AddAsync(new EnterpriseStaffRecord { EnterpriseId = id, UserId = userId!, RoleId = role!, AppointedAt = now, AppointedBy = access.User.Id });
            return TypedResults.Created($"/api/enterprises/{id}", new { enterpriseId = id, userId, role });
        }
    }

    /// <summary>
    /// <c>{incidentId, reason}</c>: a regulator records that an incident in Vigil is an accident of this enterprise
    /// (DP-TIER). The incident must be one the regulator can see.
    /// </summary>
    private static async Task<IResult> LinkIncident(
        Guid id, HttpContext http, EnterpriseGate gate, PreventionStore store, IncidentStore incidents, PlanCatalog plans, PreventionQueries queries, TimeProvider clock, VigilDbContext db)
    {
        var (access, document, problem) = await ApiRequest.RequireWithBodyAsync(http, PreventionRoles.Regulators);
        if (access is null || document is null)
        {
            return problem!;
        }

        using (document)
        {
            var body = new BodyReader(document.RootElement);
            var incidentId = PreventionEndpoint.Id(body, "incidentId");
            var reason = body.Text("reason", required: true);
            if (!body.IsValid)
            {
                return body.Problem();
            }

            var (context, refused) = await gate.ResolveAsync(access, id, PreventionRoles.Regulators);
            if (context is null)
            {
                return refused!;
            }

            var state = await incidents.LoadAsync(incidentId!.Value);
            if (state is null || !access.Sees(state.DivisionCode, IncidentsApi.Readers(plans)))
            {
                return ApiProblems.One(ProblemKind.NotFound, "incidentId", "incident.notFound", incidentId);
            }

            if (await store.IsLinkedAsync(id, incidentId.Value))
            {
                return PreventionText.One(ProblemKind.Conflict, "incidentId", "link.exists", incidentId);
            }

            var now = clock.GetUtcNow();
            context.Audit(db, "enterprise.linkIncident", "Enterprise", id.ToString(), now, new { incidentId, level = state.LevelOf(PreventionQueries.AccidentGrading) });
            await store.AddAsync(new EnterpriseIncidentLinkRecord { EnterpriseId = id, IncidentId = incidentId.Value, Reason = reason!, LinkedAt = now, LinkedBy = access.User.Id });
            return TypedResults.Ok(await TierView(context.Enterprise, queries));
        }
    }

    private static async Task<IResult> Tier(Guid id, HttpContext http, EnterpriseGate gate, PreventionQueries queries)
    {
        var (access, denied) = await PreventionEndpoint.RequireAsync(http, PreventionRoles.All);
        if (access is null)
        {
            return denied!;
        }

        var (context, problem) = await gate.ResolveAsync(access, id, PreventionRoles.All);
        return context is null ? problem! : TypedResults.Ok(await TierView(context.Enterprise, queries));
    }

    private static async Task<object> TierView(EnterpriseRecord enterprise, PreventionQueries queries)
    {
        var (decision, accidents) = await queries.TierAsync(enterprise);
        return new
        {
            enterpriseId = enterprise.Id,
            tier = EnterpriseQueries.TierName(decision.Tier),
            cadence = decision.InspectionCadence.ToString(),
            reasons = decision.Reasons.Select(r => new { code = r.Code, text = r.Text }),
            accidents = accidents.Select(a => new { incidentId = a.IncidentId, level = a.Level, reason = a.Reason }),
        };
    }

    public static object View(EnterpriseRecord e) => new
    {
        id = e.Id,
        name = e.Name,
        creditCode = e.CreditCode,
        divisionCode = e.DivisionCode,
        districtCode = e.DistrictCode,
        industry = e.Industry,
        address = e.Address,
        location = e.Latitude is null ? null : new { latitude = e.Latitude, longitude = e.Longitude, datum = e.Datum },
        registeredAt = e.RegisteredAt.ToString("O", CultureInfo.InvariantCulture),
    };
}
