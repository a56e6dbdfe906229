using Vigil.Common;
using Vigil.Host.Monitoring;
using Vigil.Host.Web;
using Vigil.Security.Access;
using Vigil.Security.Keys;
using Vigil.Security.Mac;

namespace Vigil.Host.Security;

/// <summary>
/// Station keys for the administrator: list (never the material), commission (the key-encryption key, shown once for
/// the installer), create and rotate (delivered only wrapped under it, with a check value; issue 12 item 3).
/// </summary>
internal static class StationKeysApi
{
    private static readonly string[] Administrators = [RoleIds.Administrator];

    public static void MapStationKeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/stations/{mn}/keys").WithTags("Station keys").RequireAuthorization();
        group.MapGet("/", List);
        group.MapPost("/commission", Commission);
        group.MapPost("/", (string mn, HttpContext http, StationKeyService keys, StationDirectory directory) => Change(mn, http, keys, directory, rotate: false));
        group.MapPost("/rotate", (string mn, HttpContext http, StationKeyService keys, StationDirectory directory) => Change(mn, http, keys, directory, rotate: true));
    }

    private static async Task<IResult> List(string mn, CurrentUser current, StationKeyService keys, TimeProvider clock)
    {
        var (access, problem) = await current.RequireAsync(Administrators);
        if (access is null)
        {
            return problem!;
        }

        var station = await keys.StationAsync(mn, access);
        if (!station.IsSuccess)
        {
            return ApiProblems.From(station);
        }

        var now = clock.GetUtcNow();
        return TypedResults.Ok((await keys.KeysAsync(mn)).Select(k => Describe(k, now)));
    }

    /// <summary><c>{"days"?}</c> → the station's key-encryption key with its material, this once.</summary>
    private static async Task<IResult> Commission(string mn, HttpContext http, StationKeyService keys)
    {
        var (access, document, problem) = await ApiRequest.RequireWithBodyAsync(http, Administrators);
        if (access is null || document is null)
        {
            return problem!;
        }

        using (document)
        {
            var body = new BodyReader(document!.RootElement);
            var days = Days(body, "days");
            if (!body.IsValid)
            {
                return body.Problem();
            }

            var commissioned = await keys.CommissionAsync(mn, days, access);
            return commissioned.IsSuccess
                ? TypedResults.Created($"/api/stations/{mn}/keys", new { key = Describe(commissioned.Value.Key, commissioned.Value.Key.NotBefore), kek = commissioned.Value.MaterialHex })
                : ApiProblems.From(commissioned);
        }
    }

    /// <summary>
    /// <c>{"purpose", "algorithm", "days"?, "overlapDays"?}</c> → the key, wrapped under the station's key-encryption
    /// key (<c>kekId</c>, <c>wrapped</c>: RFC 3394) with its <c>checkValue</c>; never in the clear.
    /// </summary>
    private static async Task<IResult> Change(string mn, HttpContext http, StationKeyService keys, StationDirectory directory, bool rotate)
    {
        var (access, document, problem) = await ApiRequest.RequireWithBodyAsync(http, Administrators);
        if (access is null || document is null)
        {
            return problem!;
        }

        using (document)
        {
            var body = new BodyReader(document!.RootElement);
            var purpose = KeyOptions.ParsePurpose(body.Text("purpose", required: true), "purpose");
            var algorithmText = body.Text("algorithm");
            Outcome<MacAlgorithm>? algorithm = algorithmText is null && rotate ? null : KeyOptions.ParseAlgorithm(algorithmText, "algorithm");
            var days = Days(body, "days");
            var overlap = Days(body, "overlapDays");
            if (!body.IsValid)
            {
                return body.Problem();
            }

            if (!purpose.IsSuccess)
            {
                return ApiProblems.From(purpose);
            }

            if (algorithm is { IsSuccess: false })
            {
                return ApiProblems.From(algorithm);
            }

            var created = rotate
                ? await keys.RotateAsync(mn, purpose.Value, algorithm?.Value, overlap, days, access)
                : await keys.CreateAsync(mn, purpose.Value, algorithm!.Value, null, days, access);
            if (created.IsSuccess)
            {
                // The gateway uses the new key from the next packet, not after its periodic refresh.
                await directory.RefreshAsync(http.RequestAborted);
            }

            return created.IsSuccess
                ? TypedResults.Created($"/api/stations/{mn}/keys", new
                {
                    key = Describe(created.Value.Key, created.Value.Key.NotBefore),
                    kekId = created.Value.KekId,
                    wrapped = created.Value.WrappedHex,
                    checkValue = created.Value.CheckValueHex,
                })
                : ApiProblems.From(created);
        }
    }

    /// <summary>A whole number of days from 1 to 3650; absent is null, anything else is an error naming the field.</summary>
    private static TimeSpan? Days(BodyReader body, string name)
    {
        if (body.Element(name) is not { } element || element.ValueKind == System.Text.Json.JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind == System.Text.Json.JsonValueKind.Number && element.TryGetInt32(out var days) && days is >= 1 and <= MaxDays)
        {
            return TimeSpan.FromDays(days);
        }

        body.Add(name, "field.range", 1, MaxDays);
        return null;
    }

    private const int MaxDays = 3650;

    public static object Describe(StationKey k, DateTimeOffset now) => new
    {
        keyId = k.KeyId,
        station = k.StationId,
        purpose = KeyOptions.Name(k.Purpose),
        algorithm = k.Algorithm.Name(),
        notBefore = k.NotBefore,
        notAfter = k.NotAfter,
        state = k.StateAt(now).ToString(),
    };
}
