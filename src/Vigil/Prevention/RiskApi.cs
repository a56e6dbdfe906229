using System.Globalization;
using System.Text.Json;
using Vigil.Common;
using Vigil.Data;
using Vigil.Data.Prevention;
using Vigil.Host.Web;
using Vigil.Prevention;
using Vigil.Security.Access;

namespace Vigil.Host.Prevention;

/// <summary>
/// Risk points and their assessment history (DP-RISK): the enterprise's safety officer records points and assesses
/// them by a pluggable method; a regulator may override the colour with a reason; every entry is kept.
/// </summary>
internal static class RiskApi
{
    private static readonly string[] Assessors = [RoleIds.SafetyOfficer];

    public static void MapRisk(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/enterprises/{id:guid}/risk-points", CreatePoint).WithTags("Prevention").RequireAuthorization();
        var group = app.MapGroup("/api/risk-points").WithTags("Prevention").RequireAuthorization();
        group.MapGet("/{id:guid}", GetPoint);
        group.MapPost("/{id:guid}/assessments", Assess);
        group.MapPost("/{id:guid}/overrides", Override);
        group.MapPost("/{id:guid}/override-withdrawals", Withdraw);
    }

    /// <summary><c>{name, latitude?, longitude?, datum?}</c>.</summary>
    private static async Task<IResult> CreatePoint(Guid id, HttpContext http, EnterpriseGate gate, PreventionStore store, TimeProvider clock, VigilDbContext db)
    {
        var (access, document, problem) = await ApiRequest.RequireWithBodyAsync(http, Assessors);
        if (access is null || document is null)
        {
            return problem!;
        }

        using (document)
        {
            var body = new BodyReader(document.RootElement);
            var location = PreventionEndpoint.Location(body);
            var point = RiskPoint.Create("", id.ToString(), body.Text("name", maxLength: 200), location);
            body.Add(point.Problems);
            if (!body.IsValid)
            {
                return body.Problem();
            }

            var (context, refused) = await gate.ResolveAsync(access, id, Assessors);
            if (context is null)
            {
                return refused!;
            }

            var now = clock.GetUtcNow();
            var record = new RiskPointRecord
            {
                Id = Guid.CreateVersion7(now),
                EnterpriseId = id,
                Name = point.Value.Name,
                Latitude = location?.Latitude,
                Longitude = location?.Longitude,
                Datum = location is { } l ? DatumNames.Of(l.Datum) : null,
                CreatedAt = now,
                CreatedBy = access.User.Id,
            };
            context.Audit(db, "riskPoint.create", "RiskPoint", record.Id.ToString(), now, new { record.Name });
            await store.AddAsync(record);
            return TypedResults.Created($"/api/risk-points/{record.Id}", PointView(record, []));
        }
    }

    private static async Task<IResult> GetPoint(Guid id, HttpContext http, EnterpriseGate gate, PreventionStore store)
    {
        var (access, denied) = await PreventionEndpoint.RequireAsync(http, PreventionRoles.All);
        if (access is null)
        {
            return denied!;
        }

        var (point, _, problem) = await Resolve(id, access, gate, store, PreventionRoles.All);
        return point is null ? problem! : TypedResults.Ok(PointView(point, (await store.RiskEntriesAsync([id]))[id]));
    }

    /// <summary><c>{method: "lec"|"ls", variant?, factors: {l, e, c} | {l, s}}</c>; the answer is the point with its history.</summary>
    private static Task<IResult> Assess(Guid id, HttpContext http) => Append(id, http, Assessors, "riskPoint.assess", (history, body, by, now) =>
    {
        var method = RiskMethodCatalog.Default.Find(body.Text("method", required: true) ?? "");
        var factors = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (body.Element("factors") is { ValueKind: JsonValueKind.Object } given)
        {
            foreach (var factor in given.EnumerateObject())
            {
                if (factor.Value.ValueKind == JsonValueKind.Number && factor.Value.TryGetDecimal(out var value))
                {
                    factors[factor.Name] = value;
                }
                else
                {
                    body.Add([PreventionText.Problem("factors." + factor.Name, "field.number")]);
                }
            }
        }
        else
        {
            body.Add("factors", "field.required");
        }

        if (!method.IsSuccess)
        {
            return Outcome<RiskHistory>.Failure(method.Kind, method.Problems);
        }

        var score = method.Value.Assess(factors, body.Text("variant"), "factors.");
        return score.IsSuccess ? history.Record(score.Value, by, now) : Outcome<RiskHistory>.Failure(score.Kind, score.Problems);
    });

    /// <summary><c>{colour: red|orange|yellow|blue, reason}</c> — a regulator's override of the latest assessment.</summary>
    private static Task<IResult> Override(Guid id, HttpContext http) => Append(id, http, PreventionRoles.Regulators, "riskPoint.override", (history, body, by, now) =>
    {
        var text = body.Text("colour", required: true);
        if (!RiskColourNames.TryParse(text, out var colour))
        {
            return Outcome<RiskHistory>.Failure(ProblemKind.Invalid, PreventionText.Problem("colour", "colour.unknown", text ?? ""));
        }

        return history.Override(colour, body.Text("reason"), by, now);
    });

    /// <summary><c>{reason}</c> — the regulator withdraws the override in force; the assessments decide again (DP-RISK).</summary>
    private static Task<IResult> Withdraw(Guid id, HttpContext http) => Append(id, http, PreventionRoles.Regulators, "riskPoint.withdrawOverride", (history, body, by, now) =>
        history.Withdraw(body.Text("reason"), by, now));

    private delegate Outcome<RiskHistory> Decide(RiskHistory history, BodyReader body, Actor by, DateTimeOffset now);

    /// <summary>One append to a risk point's history: resolve, decide with the core, store the new entry with its audit.</summary>
    private static async Task<IResult> Append(Guid id, HttpContext http, string[] roles, string action, Decide decide)
    {
        var services = http.RequestServices;
        var (access, document, problem) = await ApiRequest.RequireWithBodyAsync(http, roles);
        if (access is null || document is null)
        {
            return problem!;
        }

        using (document)
        {
            var store = services.GetRequiredService<PreventionStore>();
            var (point, context, refused) = await Resolve(id, access, services.GetRequiredService<EnterpriseGate>(), store, roles);
            if (point is null || context is null)
            {
                return refused!;
            }

            var entries = (await store.RiskEntriesAsync([id]))[id].ToList();
            var body = new BodyReader(document.RootElement);
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var decided = decide(Replay(id, entries), body, context.Actor, now);
            if (body.Problems.Count > 0)
            {
                return body.Problem();
            }

            if (!decided.IsSuccess)
            {
                return ApiProblems.From(decided);
            }

            var record = Record(id, entries.Count, decided.Value.Entries[^1], access.User.DisplayName);
            context.Audit(services.GetRequiredService<VigilDbContext>(), action, "RiskPoint", id.ToString(), now, new { record.Colour, record.Score, record.Reason });
            try
            {
                await store.AddAsync(record);
            }
            catch (Microsoft.EntityFrameworkCore.DbUpdateException)
            {
                return PreventionText.One(ProblemKind.Conflict, "id", "concurrent", id);
            }

            return TypedResults.Ok(PointView(point, [.. entries, record]));
        }
    }

    private static async Task<(RiskPointRecord? Point, EnterpriseContext? Context, IResult? Problem)> Resolve(
        Guid id, Security.Access access, EnterpriseGate gate, PreventionStore store, IReadOnlyCollection<string> roles)
    {
        var point = await store.RiskPointAsync(id);
        if (point is null)
        {
            return (null, null, PreventionText.One(ProblemKind.NotFound, "id", "riskPoint.notFound", id));
        }

        var (context, problem) = await gate.ResolveAsync(access, point.EnterpriseId, roles, () => PreventionText.One(ProblemKind.NotFound, "id", "riskPoint.notFound", id));
        return context is null ? (null, null, problem) : (point, context, null);
    }

    private static RiskHistory Replay(Guid id, IReadOnlyList<RiskEntryRecord> entries)
    {
        var history = RiskHistory.Empty(id.ToString());
        foreach (var e in entries)
        {
            var colour = RiskColourNames.TryParse(e.Colour, out var stored) ? stored : throw new InvalidDataException($"Risk entry {e.Id} has no colour.");
            var by = new Actor(e.ActorId, Enum.Parse<ActorRole>(e.ActorRole));
            history = e.Kind switch
            {
                "overridden" => history.Override(colour, e.Reason, by, e.At).Value,
                "withdrawn" => history.Withdraw(e.Reason, by, e.At).Value,
                _ => history.Record(new RiskScore(e.Method ?? "", e.Variant ?? "", Factors(e), e.Score ?? 0, new RiskBand(colour, null, false)), by, e.At).Value,
            };
        }

        return history;
    }

    private static Dictionary<string, decimal> Factors(RiskEntryRecord e) =>
        e.Factors is null ? [] : JsonSerializer.Deserialize<Dictionary<string, decimal>>(e.Factors) ?? [];

    private static RiskEntryRecord Record(Guid id, int sequence, RiskHistoryEntry entry, string actorName) => entry switch
    {
        RiskAssessed a => new RiskEntryRecord
        {
            RiskPointId = id, Sequence = sequence, Kind = "assessed", Method = a.Score.Method, Variant = a.Score.Variant,
            Factors = JsonSerializer.Serialize(a.Score.Factors), Score = a.Score.Score, Colour = a.Score.Colour.ToName(),
            ActorId = a.By.Id, ActorName = actorName, ActorRole = a.By.Role.ToString(), At = a.At,
        },
        RiskColourOverridden o => new RiskEntryRecord
        {
            RiskPointId = id, Sequence = sequence, Kind = "overridden", Colour = o.Colour.ToName(), Reason = o.Reason, OverridesEntry = o.OverridesEntry,
            ActorId = o.By.Id, ActorName = actorName, ActorRole = o.By.Role.ToString(), At = o.At,
        },
        RiskOverrideWithdrawn w => new RiskEntryRecord
        {
            RiskPointId = id, Sequence = sequence, Kind = "withdrawn", Colour = w.Colour.ToName(), Reason = w.Reason, OverridesEntry = w.WithdrawsEntry,
            ActorId = w.By.Id, ActorName = actorName, ActorRole = w.By.Role.ToString(), At = w.At,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(entry), entry.GetType().Name, "Unknown risk history entry."),
    };

    /// <summary>The colour in force, as <see cref="RiskHistory.CurrentColour"/> derives it from the stored entries (DP-RISK).</summary>
    public static string? CurrentColour(IEnumerable<RiskEntryRecord> entries)
    {
        var list = entries.OrderBy(e => e.Sequence).ToList();
        return list.Count == 0 ? null : Replay(list[0].RiskPointId, list).CurrentColour?.ToName();
    }

    public static object PointView(RiskPointRecord p, IEnumerable<RiskEntryRecord> entries)
    {
        var list = entries.OrderBy(e => e.Sequence).ToList();
        return new
        {
            id = p.Id,
            enterpriseId = p.EnterpriseId,
            name = p.Name,
            location = p.Latitude is null ? null : new { latitude = p.Latitude, longitude = p.Longitude, datum = p.Datum },
            colour = CurrentColour(list),
            history = list.Select(e => new
            {
                kind = e.Kind,
                method = e.Method,
                variant = e.Variant,
                factors = e.Factors is null ? null : Factors(e),
                score = e.Score,
                colour = e.Colour,
                reason = e.Reason,
                overridesEntry = e.OverridesEntry,
                by = e.ActorName,
                at = e.At.ToString("O", CultureInfo.InvariantCulture),
            }),
        };
    }
}
