using Vigil.Data.Monitoring;
using Vigil.Host.Security;
using Vigil.Monitoring;
using Vigil.Monitoring.Intake;

namespace Vigil.Host.Monitoring;

/// <summary>
/// What the HTTP API and the web UI read about stations, with the same jurisdiction rule: a station outside every
/// division of the user is absent from lists and not found on its own (SEC access for the authorised only).
/// </summary>
internal sealed class StationQueries(MonitoringStore store, ReviewStore reviews)
{
    /// <summary>Stations report in China Standard Time; a natural day is a local day there.</summary>
    public static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>The stations within the user's divisions.</summary>
    public Task<List<StationRecord>> StationsAsync(Access access) => store.StationsAsync(access.Scopes(MonitoringApi.Readers));

    /// <summary>A stored reading as the core computes with it.</summary>
    public static RawReading ToRawReading(RawReadingRecord r) => new(r.StationCode, r.DataTime, r.Command, r.Item, r.Field, r.Value, r.Flag);

    /// <summary>The natural day (China Standard Time) of an instant.</summary>
    public static DateOnly LocalDate(DateTimeOffset time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, China).DateTime);

    /// <summary>The start of a natural day in China Standard Time.</summary>
    public static DateTimeOffset LocalMidnight(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, China.GetUtcOffset(midnight));
    }

    /// <summary>One page of the stations within the user's divisions, filtered and sorted in the database.</summary>
    public Task<(List<StationRecord> Page, int Total)> PageAsync(Access access, string? search, StationSort sort, int page, int size) =>
        store.StationPageAsync(access.Scopes(MonitoringApi.Readers), search?.Trim(), sort, (page - 1) * size, size);

    /// <summary>The station if the user may see it, else null (answered as not found).</summary>
    public async Task<StationRecord?> VisibleAsync(Access access, string code)
    {
        var station = await store.StationAsync(code);
        return station is not null && access.Sees(station.DivisionCode, MonitoringApi.Readers) ? station : null;
    }

    /// <summary>
    /// A station's natural day under <paramref name="standard"/>, from the raw hourly averages and the validity in
    /// force: the raw flags until the national centre decides a review, then the review (AQ-REVIEW 第二十四条).
    /// </summary>
    public async Task<StationDaySeries> DayAsync(string code, DateOnly day, AqiStandard standard) =>
        StationDay.Build(day, await ReadingsAsync(code, day, day.AddDays(1)), China, standard, await VerdictsAsync(code, day, day.AddDays(1)));

    /// <summary>The verdicts of decided reviews on the local days [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public Task<Dictionary<(DateOnly Date, int Hour, string Item), Vigil.Monitoring.Review.ReviewMark>> VerdictsAsync(string code, DateOnly from, DateOnly to) =>
        reviews.VerdictsInForceAsync(code, from, to, decidedOnly: true);

    /// <summary>The verdicts of decided reviews on the local days that the instants <paramref name="from"/> to <paramref name="to"/> touch.</summary>
    public Task<Dictionary<(DateOnly Date, int Hour, string Item), Vigil.Monitoring.Review.ReviewMark>> VerdictsAsync(string code, DateTimeOffset from, DateTimeOffset to) =>
        VerdictsAsync(code, LocalDate(from), LocalDate(to).AddDays(1));

    /// <summary>
    /// The raw <c>Avg</c> readings of the local days [<paramref name="from"/>, <paramref name="to"/>): the first value
    /// of each slot, or the conflicting one a reviewer accepted instead (AQ-DATA, every packet once).
    /// </summary>
    public async Task<List<RawReading>> ReadingsAsync(string code, DateOnly from, DateOnly to)
    {
        var (start, end) = (LocalMidnight(from), LocalMidnight(to));
        var accepted = (await store.AcceptedConflictsAsync(code, start, end, "Avg"))
            .GroupBy(c => (c.Command, c.DataTime, c.Item))
            .ToDictionary(g => g.Key, g => g.MaxBy(c => c.DecidedAt)!);
        var readings = new List<RawReading>();
        await foreach (var r in store.ReadingsAsync(code, start, end, ["Avg"]))
        {
            var reading = ToRawReading(r);
            readings.Add(accepted.TryGetValue((r.Command, r.DataTime, r.Item), out var other)
                ? reading with { Value = other.Value, Flag = other.Flag.Length == 0 ? null : other.Flag }
                : reading);
        }

        return readings;
    }
}
