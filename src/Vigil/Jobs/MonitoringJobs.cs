using System.Globalization;
using Vigil.Common;
using Vigil.Data;
using Vigil.Data.Monitoring;
using Vigil.Host.Monitoring;
using Vigil.Host.Security;
using Vigil.Host.Web;

namespace Vigil.Host.Jobs;

/// <summary>
/// The monitoring network's long jobs, shared by the API (<see cref="JobsApi"/>) and the jobs page: the raw-readings
/// export of several stations over many days, and the month's assessment (AQ-SCORE) recalculated for every station
/// of the user's divisions. Everything is checked before a job is queued; a refused request queues nothing.
/// </summary>
internal sealed class MonitoringJobs(JobRunner runner, MonitoringStore store, StationQueries stationQueries, VigilDbContext db, TimeProvider clock)
{
    public const string ExportKind = "readings.export";
    public const string AssessmentKind = "assessments.month";

    /// <summary>Longest export in days (a year and a day, so that a whole leap year fits).</summary>
    public const int MaxExportDays = 366;

    /// <summary>
    /// Queues the export of the raw readings (<see cref="ReadingsCsv"/>) of <paramref name="stations"/> over the local
    /// days <paramref name="from"/> to <paramref name="to"/> inclusive. Each station must be one the user sees; the
    /// export is audited per station (SEC: raw-data exports are sensitive reads) when it is queued.
    /// </summary>
    public async Task<Outcome<Job>> ExportReadingsAsync(Access access, IReadOnlyList<string> stations, string? from, string? to)
    {
        var problems = new List<Problem>();
        var found = new List<StationRecord>();
        if (stations.Count == 0)
        {
            problems.Add(ApiProblems.Problem("stations", "field.required"));
        }

        for (var i = 0; i < stations.Count; i++)
        {
            if (await stationQueries.VisibleAsync(access, stations[i]) is { } station)
            {
                found.Add(station);
            }
            else
            {
                problems.Add(ApiProblems.Problem($"stations[{i}]", "station.notFound", stations[i]));
            }
        }

        var first = Date("from", from, problems);
        var last = Date("to", to, problems);
        if (first is { } f && last is { } l && (l < f || l.DayNumber - f.DayNumber + 1 > MaxExportDays))
        {
            problems.Add(ApiProblems.Problem("to", "job.range", from, MaxExportDays));
        }

        if (problems.Count > 0)
        {
            return Outcome.Refused<Job>(problems);
        }

        if (!runner.HasRoom(access.User.Id))
        {
            return TooMany<Job>();
        }

        var (start, end) = (first!.Value, last!.Value.AddDays(1));
        var chosen = found.DistinctBy(s => s.Code).ToList();
        var codes = chosen.ConvertAll(s => s.Code);
        var subject = string.Create(CultureInfo.InvariantCulture, $"{string.Join(", ", codes)} · {start:yyyy-MM-dd} – {last:yyyy-MM-dd}");

        // On record before a byte is written (SEC: an export of raw data is a sensitive read), one entry per station.
        var now = clock.GetUtcNow();
        foreach (var station in chosen)
        {
            var role = access.RolesCovering(station.DivisionCode, MonitoringApi.Readers)[0];
            db.Audit(access.Audit(role, ExportKind, "Station", station.Code, station.DivisionCode, new { from = start, to = end }), now);
        }

        await db.SaveChangesAsync();
        var job = runner.Enqueue(ExportKind, subject, access.User.Id, $"readings-{start:yyyyMMdd}-{last:yyyyMMdd}.csv", (context, cancellationToken) =>
            ExportAsync(context, codes, start, end, cancellationToken));
        if (job is null)
        {
            return TooMany<Job>();
        }

        return Outcome.Ok(job);
    }

    /// <summary>Queues the assessment of <paramref name="month"/> (yyyy-MM) for every station the user sees (AQ-SCORE).</summary>
    public async Task<Outcome<Job>> AssessMonthAsync(Access access, string? month)
    {
        if (month is null || ReviewService.ParseMonth(month) is not { } first)
        {
            return Outcome.Refused<Job>([ApiProblems.Problem("month", month is null ? "field.required" : "field.month", month)]);
        }

        var stations = await store.StationsAsync(access.Scopes(ReviewService.Readers));
        if (stations.Count == 0)
        {
            return Outcome.Refused<Job>([ApiProblems.Problem("month", "job.noStations")]);
        }

        var job = runner.Enqueue(AssessmentKind, month, access.User.Id, $"assessments-{month}.csv", (context, cancellationToken) =>
            AssessAsync(context, stations, first, cancellationToken));
        return job is null ? TooMany<Job>() : Outcome.Ok(job);
    }

    private static Outcome<T> TooMany<T>() =>
        Outcome<T>.Failure(ProblemKind.Conflict, [ApiProblems.Problem("job", "job.tooMany", JobRunner.MaxUnfinishedPerOwner)]);

    private static DateOnly? Date(string field, string? text, List<Problem> problems)
    {
        if (text is { Length: > 0 } && ReviewService.ParseDate(text) is { } date)
        {
            return date;
        }

        problems.Add(ApiProblems.Problem(field, text is { Length: > 0 } ? "field.date" : "field.required", text));
        return null;
    }

    /// <summary>Station by station, day by day: one step of progress per station-day.</summary>
    private static async Task ExportAsync(JobContext context, List<string> codes, DateOnly start, DateOnly end, CancellationToken cancellationToken)
    {
        var store = context.Services.GetRequiredService<MonitoringStore>();
        var queries = new StationQueries(store, context.Services.GetRequiredService<ReviewStore>());
        var days = end.DayNumber - start.DayNumber;
        var total = (long)codes.Count * days;
        await context.Output.WriteLineAsync(ReadingsCsv.Header);
        var done = 0L;
        foreach (var code in codes)
        {
            var verdicts = await queries.VerdictsAsync(code, start, end);
            for (var day = start; day < end; day = day.AddDays(1))
            {
                await foreach (var r in store.ReadingsAsync(code, StationQueries.LocalMidnight(day), StationQueries.LocalMidnight(day.AddDays(1)), ReadingsCsv.Fields).WithCancellation(cancellationToken))
                {
                    await context.Output.WriteLineAsync(ReadingsCsv.Line(r, verdicts));
                }

                context.Report(++done, total);
            }
        }
    }

    /// <summary>One step of progress per station; the same computation as the assessment endpoint.</summary>
    private static async Task AssessAsync(JobContext context, List<StationRecord> stations, DateOnly first, CancellationToken cancellationToken)
    {
        var assessments = new MonthAssessments(context.Services.GetRequiredService<MonitoringStore>(), context.Services.GetRequiredService<ReviewStore>());
        await context.Output.WriteLineAsync("station,name,month,monthlyReview,validity,capture,qcPass,qcPoints,omPoints,total,feeShare,meetsValidity");
        for (var i = 0; i < stations.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var station = stations[i];
            var (result, monthly) = await assessments.AssessAsync(station, first, null);
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{station.Code},{Csv(station.Name)},{first:yyyy-MM},{ReviewService.StatusCode(monthly.Status)},{result.Validity},{decimal.Round(result.Capture.Value, 4)},{decimal.Round(result.QcPass.Value, 4)},{result.QcPoints},{result.OmPoints},{result.Total},{result.FeeShare},{result.MeetsValidity}"));
            context.Report(i + 1, stations.Count);
        }
    }

    /// <summary>A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).</summary>
    private static string Csv(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
