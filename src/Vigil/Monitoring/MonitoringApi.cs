using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vigil.Common;
using Vigil.Data;
using Vigil.Data.Monitoring;
using Vigil.Host.Security;
using Vigil.Host.Web;
using Vigil.Monitoring;
using Vigil.Protocols.Hj212;
using Vigil.Security.Access;

namespace Vigil.Host.Monitoring;

/// <summary>Stations and their raw data over HTTP (issue 4, part 8: stations, latest values, intake rejections).</summary>
internal static partial class MonitoringApi
{
    /// <summary>Roles that see stations and their data, each within their divisions.</summary>
    public static readonly string[] Readers =
        [RoleIds.QualifiedReviewer, RoleIds.NationalCentre, RoleIds.OmAgency, RoleIds.DivisionStaff, RoleIds.Administrator];

    /// <summary>Roles that register stations and watch the intake.</summary>
    public static readonly string[] Operators = [RoleIds.OmAgency, RoleIds.Administrator];

    public static void MapMonitoring(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/stations").WithTags("Monitoring").RequireAuthorization();
        group.MapGet("/", async (CurrentUser current, StationQueries stations) =>
        {
            var (access, denied) = await current.RequireAsync(Readers);
            return access is null ? denied! : TypedResults.Ok((await stations.StationsAsync(access)).Select(View));
        });
        group.MapPost("/", Register);
        group.MapGet("/{code}/latest", Latest);
        group.MapGet("/{code}/days/{date}", Day);
        group.MapGet("/{code}/days/{date}/conflicts", Conflicts);
        group.MapPost("/{code}/conflicts/{id:long}/decision", Decide);
        group.MapGet("/{code}/months/{month}", Month);
        group.MapGet("/{code}/years/{year:int}", Year);
        var intake = app.MapGroup("/api/intake").WithTags("Monitoring").RequireAuthorization();
        intake.MapGet("/status", async (CurrentUser current, MonitoringStore store, IntakeStatus writer) =>
        {
            var (access, denied) = await current.RequireAsync(Operators);
            if (access is null)
            {
                return denied!;
            }

            // The writer's state first: it is known even when the database cannot be read either.
            var (writable, error, since, failures) = writer.Snapshot();
            return TypedResults.Ok(new
            {
                writable,
                problem = writable ? null : HostText.Format("intake.notStored", since, failures, error),
                failingSince = since,
                failedAttempts = failures,
                readings = await store.ReadingCountAsync(access.Scopes(Operators)),
                rejections = await store.RejectionCountAsync(access.Scopes(Operators)),
            });
        });
        intake.MapGet("/refusal-counts", async (CurrentUser current, MonitoringStore store, TimeProvider clock, int? hours) =>
        {
            // Counted refusals name addresses, not stations, so only a user whose jurisdiction is everything sees them.
            var (access, denied) = await current.RequireAsync(Operators);
            if (access is null)
            {
                return denied!;
            }

            return access.Scopes(Operators).Contains("")
                ? TypedResults.Ok(await store.RefusalCountsAsync(clock.GetUtcNow().AddHours(-Math.Clamp(hours ?? 1, 1, 24 * 31)), 1000))
                : ApiProblems.One(ProblemKind.Forbidden, "hours", "intake.countsNational");
        });
        intake.MapGet("/rejections", async (CurrentUser current, MonitoringStore store, int? count) =>
        {
            var (access, denied) = await current.RequireAsync(Operators);
            return access is null ? denied! : TypedResults.Ok(await store.RejectionsAsync(access.Scopes(Operators), Math.Clamp(count ?? 50, 1, 500)));
        });
    }

    /// <summary>
    /// The value of the newest DataTime of each item with its flag, and its validity in force (AQ-REVIEW 第二十四条):
    /// a decided review's verdict on its hour where there is one, else the flag; <c>validityBy</c> says which.
    /// </summary>
    private static async Task<IResult> Latest(string code, CurrentUser current, MonitoringStore store, StationQueries stations)
    {
        if (await Visible(code, current, stations) is { Problem: { } problem })
        {
            return problem;
        }

        var latest = await store.LatestAsync(code);
        var verdicts = latest.Count == 0
            ? []
            : await stations.VerdictsAsync(code, latest.Min(r => r.DataTime), latest.Max(r => r.DataTime));
        return TypedResults.Ok(latest.Select(r => ReadingView(r, StationDay.ValidityOf(StationQueries.ToRawReading(r), StationQueries.China, verdicts))));
    }

    /// <summary>The conflicting values recorded for a station's local day, each beside the value in force (AQ-DATA).</summary>
    private static async Task<IResult> Conflicts(string code, string date, CurrentUser current, ReadingConflicts conflicts)
    {
        var (access, denied) = await current.RequireAsync(ReviewService.Readers);
        if (access is null)
        {
            return denied!;
        }

        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return ApiProblems.One(ProblemKind.Invalid, "date", "field.date", date);
        }

        var list = await conflicts.ListAsync(access, code, day);
        return list.IsSuccess ? TypedResults.Ok(list.Value) : ApiProblems.From(list);
    }

    /// <summary><c>{decision: keepFirst|acceptOther, reason}</c>: a qualified reviewer decides on a conflict (AQ-REVIEW).</summary>
    private static async Task<IResult> Decide(string code, long id, HttpContext http, ReadingConflicts conflicts)
    {
        var (access, document, problem) = await ApiRequest.RequireWithBodyAsync(http, ReviewService.Reviewers);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var decided = await conflicts.DecideAsync(access!, code, id, new BodyReader(document!.RootElement));
            return decided.IsSuccess ? TypedResults.Ok(decided.Value) : ApiProblems.From(decided);
        }
    }

    /// <summary>The station if the user may see it; otherwise 404, so another district's station is not even hinted at.</summary>
    private static async Task<(StationRecord? Station, IResult? Problem)> Visible(string code, CurrentUser current, StationQueries stations)
    {
        var (access, denied) = await current.RequireAsync(Readers);
        if (access is null)
        {
            return (null, denied);
        }

        return await stations.VisibleAsync(access, code) is { } station
            ? (station, null)
            : (null, ApiProblems.One(ProblemKind.NotFound, "code", "station.notFound", code));
    }

    /// <summary><c>{code, name, divisionCode, latitude, longitude, password, items: [...]}</c>: code is the station's HJ 212 MN.</summary>
    private static async Task<IResult> Register(HttpContext http, MonitoringStore store, StationDirectory directory, CurrentUser current, TimeProvider clock, VigilDbContext db)
    {
        var (access, denied) = await current.RequireAsync(Operators);
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
            var station = StationRegistration.Read(body, clock.GetUtcNow());
            if (station is null)
            {
                return body.Problem();
            }

            var role = access.RoleAt(station.DivisionCode, Operators);
            if (!role.IsSuccess)
            {
                return ApiProblems.From(role);
            }

            if (await store.StationAsync(station.Code) is not null)
            {
                return ApiProblems.One(ProblemKind.Conflict, "code", "station.exists", station.Code);
            }

            // SEC: the registration and its audit entry are written in one transaction.
            db.Audit(access.Audit(role.Value, "station.register", "Station", station.Code, station.DivisionCode, new { station.Name }), clock.GetUtcNow());
            await store.AddStationAsync(station);
            await directory.RefreshAsync(http.RequestAborted);
            return TypedResults.Created($"/api/stations/{station.Code}", View(station));
        }
    }

    /// <summary>
    /// A station's natural day: hourly values with flags and validity, hourly AQI, daily means and daily AQI, under
    /// the standard in force for that date (AQ-STD) or the one asked for; <c>compare=true</c> adds the other version.
    /// </summary>
    private static async Task<IResult> Day(string code, string date, string? standard, bool? compare, StationQueries stations, CurrentUser current)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return ApiProblems.One(ProblemKind.Invalid, "date", "field.date", date);
        }

        var chosen = standard is null ? AqiStandards.ForDate(day) : AqiStandards.ById(standard);
        if (chosen is null)
        {
            return ApiProblems.One(ProblemKind.Invalid, "standard", "standard.unknown", standard ?? date, string.Join(", ", AqiStandards.All.Select(s => s.Id)));
        }

        if (await Visible(code, current, stations) is { Problem: { } problem })
        {
            return problem;
        }

        var readings = await stations.ReadingsAsync(code, day, day.AddDays(1));
        var verdicts = await stations.VerdictsAsync(code, day, day.AddDays(1));
        var series = StationDay.Build(day, readings, StationQueries.China, chosen, verdicts);
        var culture = CultureInfo.CurrentUICulture;
        var result = new Dictionary<string, object?> { ["station"] = code, ["date"] = date, ["series"] = DayView(series, culture) };
        if (compare == true && AqiStandards.All.FirstOrDefault(s => s.Id != chosen.Id) is { } other)
        {
            result["compare"] = DayView(StationDay.Build(day, readings, StationQueries.China, other, verdicts), culture);
        }

        return TypedResults.Ok(result);
    }

    /// <summary>Monthly means of the daily means with their validity (≥ 27 days, 25 in February; AQ-VALID).</summary>
    private static async Task<IResult> Month(string code, string month, StationQueries stations, CurrentUser current)
    {
        if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            return ApiProblems.One(ProblemKind.Invalid, "month", "field.month", month);
        }

        if (await Visible(code, current, stations) is { Problem: { } problem })
        {
            return problem;
        }

        var (days, standard, validity) = await DailyMeans(stations, code, first, first.AddMonths(1));
        return TypedResults.Ok(new { station = code, month, standard = standard.Id, validity, means = PeriodStatistics.Monthly(standard.Validity, first.Year, first.Month, days).Select(MeanView) });
    }

    /// <summary>Annual means with their validity (≥ 324 days and every month at its minimum; AQ-VALID).</summary>
    private static async Task<IResult> Year(string code, int year, StationQueries stations, CurrentUser current)
    {
        if (year is < 2000 or > 2100)
        {
            return ApiProblems.One(ProblemKind.Invalid, "year", "paging.invalid", 2000, 2100);
        }

        if (await Visible(code, current, stations) is { Problem: { } problem })
        {
            return problem;
        }

        var first = new DateOnly(year, 1, 1);
        var (days, standard, validity) = await DailyMeans(stations, code, first, first.AddYears(1));
        return TypedResults.Ok(new { station = code, year, standard = standard.Id, validity, means = PeriodStatistics.Annual(standard.Validity, year, days).Select(MeanView) });
    }

    /// <summary>
    /// Each day's daily values, each judged by the standard in force that day and the validity in force (raw flags or
    /// a decided review); the period reports the last standard, and "review" when any decided review counted.
    /// </summary>
    private static async Task<(Dictionary<DateOnly, DailyConcentrations> Days, AqiStandard Standard, string Validity)> DailyMeans(StationQueries stations, string code, DateOnly from, DateOnly to)
    {
        var readings = await stations.ReadingsAsync(code, from, to);
        var verdicts = await stations.VerdictsAsync(code, from, to);
        var byDay = readings.ToLookup(r => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.DataTime, StationQueries.China).DateTime));
        var days = new Dictionary<DateOnly, DailyConcentrations>();
        for (var day = from; day < to; day = day.AddDays(1))
        {
            if (byDay.Contains(day))
            {
                days[day] = StationDay.Build(day, byDay[day], StationQueries.China, AqiStandards.ForDate(day)!, verdicts).Daily;
            }
        }

        return (days, AqiStandards.ForDate(to.AddDays(-1))!, verdicts.Count > 0 ? StationDay.Review : StationDay.RawFlags);
    }

    private static object MeanView(PeriodMean m) => new
    {
        pollutant = Pollutants.Code(m.Pollutant),
        mean = m.Mean is { } v ? decimal.Round(v, 3) : (decimal?)null,
        validDays = m.ValidDays,
        requiredDays = m.RequiredDays,
        valid = m.Valid,
        monthsShort = m.MonthsShort,
    };

    private static object DayView(StationDaySeries series, CultureInfo culture) => new
    {
        standard = series.StandardId,
        validity = series.Validity,
        hours = series.Hours.Select(h => new
        {
            hour = h.Hour,
            values = h.Values.ToDictionary(v => Pollutants.Code(v.Key), v => new { value = v.Value.Value, flag = v.Value.Flag, valid = v.Value.Valid, source = v.Value.Source, validityBy = v.Value.ValidityBy }),
            aqi = AqiView(h.Aqi, culture),
        }),
        daily = new
        {
            so2 = series.Daily.SO2,
            no2 = series.Daily.NO2,
            pm10 = series.Daily.PM10,
            pm25 = series.Daily.PM25,
            co = series.Daily.CO,
            o3EightHourMax = series.Daily.O3EightHourMax,
            o3OneHourMax = series.Daily.O3OneHourMax,
            aqi = AqiView(series.DailyAqi, culture),
        },
    };

    private static object AqiView(AqiResult aqi, CultureInfo culture) => new
    {
        aqi = aqi.Aqi,
        computed = aqi.ComputedAqi,
        complete = aqi.Complete,
        primary = aqi.PrimaryPollutants.Select(p => p.Key),
        category = aqi.Category is { } c ? (culture.TwoLetterISOLanguageName == "en" ? c.EnglishName : c.ChineseName) : null,
        level = aqi.Category?.Level,
        colour = aqi.Category?.Colour,
    };

    private static object View(StationRecord s) => new
    {
        code = s.Code,
        name = s.Name,
        divisionCode = s.DivisionCode,
        latitude = s.Latitude,
        longitude = s.Longitude,
        items = s.Items.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        registeredAt = s.RegisteredAt,
    };

    private static object ReadingView(RawReadingRecord r, (bool Valid, string By) validity) => new
    {
        item = r.Item,
        field = r.Field,
        value = r.Value,
        flag = r.Flag,
        valid = validity.Valid,
        validityBy = validity.By,
        dataTime = r.DataTime.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        command = r.Command,
    };
}

/// <summary>Reads and checks a station registration, shared by the API and `vigil stations add`.</summary>
internal static partial class StationRegistration
{
    public static StationRecord? Read(BodyReader body, DateTimeOffset now)
    {
        var code = body.Text("code", required: true, maxLength: 24);
        var name = body.Text("name", required: true, maxLength: 100);
        var division = body.Text("divisionCode", required: true, maxLength: 12);
        // HJ 212-2017 table 4: PW is at most 6 characters; field loggers use longer ones, accepted with a conformance
        // note when the station is registered exactly so (issue 11, item 4).
        var password = body.Text("password", required: true, maxLength: Hj212Parser.MaxLoggerPasswordLength);
        var latitude = Number(body, "latitude", -90, 90);
        var longitude = Number(body, "longitude", -180, 180);
        var items = new List<string>();
        if (body.Element("items") is { ValueKind: JsonValueKind.Array } array)
        {
            items.AddRange(array.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!));
        }

        if (!body.IsValid || code is null || name is null || division is null || password is null || latitude is null || longitude is null)
        {
            return null;
        }

        if (!Mn().IsMatch(code))
        {
            body.Add("code", "station.mn");
            return null;
        }

        if (!Division().IsMatch(division))
        {
            body.Add("divisionCode", "division.invalid", division);
            return null;
        }

        if (items.Find(i => !Item().IsMatch(i)) is { } badItem)
        {
            body.Add("items", "station.item", badItem);
            return null;
        }

        return new StationRecord
        {
            Code = code,
            Name = name,
            DivisionCode = division,
            Latitude = latitude.Value,
            Longitude = longitude.Value,
            PasswordHash = StationDirectory.HashPassword(password),
            Items = string.Join(' ', items),
            RegisteredAt = now,
        };
    }

    private static double? Number(BodyReader body, string name, double min, double max)
    {
        if (body.Element(name) is { ValueKind: JsonValueKind.Number } value && value.TryGetDouble(out var number) && number >= min && number <= max)
        {
            return number;
        }

        body.Add(name, "field.range", min, max);
        return null;
    }

    /// <summary>HJ 212 MN: up to 24 letters and digits; '_' and '-' as field loggers use them (a conformance note).</summary>
    [GeneratedRegex("^[0-9A-Za-z_-]{1,24}$", RegexOptions.CultureInvariant)]
    private static partial Regex Mn();

    [GeneratedRegex(@"^\d{6}(\d{3}(\d{3})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Division();

    /// <summary>HJ 212 item code, e.g. a34004.</summary>
    [GeneratedRegex("^[a-z][0-9A-Za-z]{1,11}$", RegexOptions.CultureInvariant)]
    private static partial Regex Item();
}
