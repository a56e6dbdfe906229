using System.Globalization;
using System.Text.Json;
using Vigil.Common;
using Vigil.Data;
using Vigil.Data.Monitoring;
using Vigil.Host.Security;
using Vigil.Host.Web;
using Vigil.Incidents;
using Vigil.Monitoring;
using Vigil.Monitoring.Review;
using Vigil.Security.Access;

namespace Vigil.Host.Monitoring;

/// <summary>What a review action decides on: the review, the request body, who acts and when, the station's items.</summary>
internal sealed record ActRequest(ReviewState State, BodyReader Body, Actor By, IReadOnlyList<ReviewerQualification> Qualifications, DateTimeOffset Now, string[] Items);

/// <summary>
/// The review workflow's reads and actions (AQ-REVIEW), shared by the HTTP API (<see cref="ReviewApi"/>) and the web
/// UI's review pages, so the same jurisdiction, role, qualification and audit rules hold for both.
/// </summary>
internal sealed class ReviewService(MonitoringStore monitoring, ReviewStore reviews, VigilDbContext db, TimeProvider clock)
{
    /// <summary>Roles that see reviews, each within their divisions: reviewers, the centre, division staff, O&amp;M agencies.</summary>
    public static readonly string[] Readers = [RoleIds.QualifiedReviewer, RoleIds.NationalCentre, RoleIds.DivisionStaff, RoleIds.OmAgency];

    /// <summary>Who marks hours and submits: qualified reviewers (第二十二条).</summary>
    public static readonly string[] Reviewers = [RoleIds.QualifiedReviewer];

    /// <summary>Who accepts or rejects a submitted review: the national centre.</summary>
    public static readonly string[] Judges = [RoleIds.NationalCentre];

    /// <summary>Who records a late review's formal explanation.</summary>
    public static readonly string[] Explainers = [RoleIds.QualifiedReviewer, RoleIds.OmAgency];

    /// <summary>
    /// The station-days (or months) of the user's jurisdiction for the period starting <paramref name="start"/>, with
    /// their state; only those awaiting the reviewer or the centre unless <paramref name="all"/>. Overdue and earliest due first.
    /// </summary>
    public Task<List<(StationRecord Station, ReviewState State)>> QueueAsync(Access access, ReviewPeriod period, DateOnly start, bool all, DateTimeOffset now) =>
        RowsAsync(access, period, [start], all, now);

    /// <summary>
    /// The station-days of the user's jurisdiction in [<paramref name="from"/>, <paramref name="to"/>) still awaiting the
    /// reviewer (a first review or a re-review) or the centre, overdue and earliest due first: the open work that a
    /// queue of one day would hide, with each one's deadline (AQ-REVIEW).
    /// </summary>
    public Task<List<(StationRecord Station, ReviewState State)>> OpenDaysAsync(Access access, DateOnly from, DateOnly to, DateTimeOffset now) =>
        RowsAsync(access, ReviewPeriod.Day, [.. Enumerable.Range(0, Math.Max(0, to.DayNumber - from.DayNumber)).Select(from.AddDays)], all: false, now);

    private async Task<List<(StationRecord Station, ReviewState State)>> RowsAsync(
        Access access, ReviewPeriod period, IReadOnlyList<DateOnly> starts, bool all, DateTimeOffset now)
    {
        var stations = await monitoring.StationsAsync(access.Scopes(Readers));
        var states = starts.Count == 0
            ? []
            : await reviews.LoadManyAsync([.. stations.Select(s => s.Code)], period, starts.Min(), starts.Max().AddDays(1));
        return [.. stations
            .SelectMany(s => starts.Select(start =>
            {
                var subject = new ReviewSubject(s.Code, period, start);
                return (Station: s, State: states.GetValueOrDefault(subject) ?? new ReviewState(subject));
            }))
            .Where(r => all || r.State.AwaitsReviewer || r.State.AwaitsCentre)
            .OrderByDescending(r => r.State.IsOverdue(now))
            .ThenBy(r => r.State.SubmissionDue ?? DateTimeOffset.MaxValue)
            .ThenBy(r => r.Station.Code, StringComparer.Ordinal)
            .ThenBy(r => r.State.Subject.Start)];
    }

    /// <summary>A review with its deadlines and timeline; a day review also lists its 24 hours with raw values.</summary>
    public async Task<Outcome<Dictionary<string, object?>>> ShowAsync(Access access, string code, string period, string key)
    {
        var found = await FindAsync(access, code, period, key);
        if (!found.IsSuccess)
        {
            return Outcome<Dictionary<string, object?>>.Failure(found.Kind, found.Problems);
        }

        var (station, subject) = found.Value;
        var view = View(station, await reviews.LoadAsync(subject), clock.GetUtcNow());
        view["items"] = Items(station);
        if (subject.Period == ReviewPeriod.Day)
        {
            view["hours"] = await HoursAsync(station, subject);
        }

        return Outcome.Ok(view);
    }

    /// <summary>
    /// One review action: the station inside the jurisdiction (not found otherwise), the role at the station's division
    /// (forbidden), the decision (invalid/forbidden/conflict), then the event and its audit entry in one transaction.
    /// </summary>
    public async Task<Outcome<Dictionary<string, object?>>> ActAsync(
        Access access, string code, string period, string key, string[] roles, string action, BodyReader body, Func<ActRequest, Outcome<ReviewEvent>> decide,
        CancellationToken cancellationToken = default)
    {
        var found = await FindAsync(access, code, period, key);
        if (!found.IsSuccess)
        {
            return Outcome<Dictionary<string, object?>>.Failure(found.Kind, found.Problems);
        }

        var (station, subject) = found.Value;
        var role = access.RoleAt(station.DivisionCode, roles);
        if (!role.IsSuccess)
        {
            return Outcome<Dictionary<string, object?>>.Failure(role.Kind, role.Problems);
        }

        var now = clock.GetUtcNow();
        var state = await reviews.LoadAsync(subject, cancellationToken);
        var qualifications = await reviews.QualificationsAsync(access.User.Id, cancellationToken);
        var outcome = decide(new ActRequest(state, body, access.ActorAs(role.Value), qualifications, now, Items(station)));
        if (!outcome.IsSuccess)
        {
            return Outcome<Dictionary<string, object?>>.Failure(outcome.Kind, outcome.Problems);
        }

        db.Audit(access.Audit(role.Value, action, "StationReview", $"{station.Code}/{subject.PeriodText}", station.DivisionCode, outcome.Value), now);
        try
        {
            await reviews.AppendAsync(subject, state.Events.Count, outcome.Value, cancellationToken);
        }
        catch (ConcurrentReviewException)
        {
            return Outcome<Dictionary<string, object?>>.Failure(ProblemKind.Conflict, ReviewText.Problem("review", "review.concurrent"));
        }

        state.Apply(outcome.Value);
        return Outcome.Ok(View(station, state, now));
    }

    /// <summary>The station, if the user sees it, and the review subject the route names.</summary>
    private async Task<Outcome<(StationRecord Station, ReviewSubject Subject)>> FindAsync(Access access, string code, string period, string key)
    {
        var subject = Subject(code, period, key);
        if (!subject.IsSuccess)
        {
            return Outcome<(StationRecord, ReviewSubject)>.Failure(subject.Kind, subject.Problems);
        }

        var station = await monitoring.StationAsync(code);
        return station is not null && access.Sees(station.DivisionCode, Readers)
            ? Outcome.Ok((station, subject.Value))
            : Outcome<(StationRecord, ReviewSubject)>.Failure(ProblemKind.NotFound, ApiProblems.Problem("code", "station.notFound", code));
    }

    private static Outcome<ReviewSubject> Subject(string code, string period, string key) => period switch
    {
        "days" when ParseDate(key) is { } day => Outcome.Ok(ReviewSubject.Day(code, day)),
        "days" => Outcome.Refused<ReviewSubject>(ApiProblems.Problem("date", "field.date", key)),
        "months" when ParseMonth(key) is { } first => Outcome.Ok(ReviewSubject.Month(code, first)),
        "months" => Outcome.Refused<ReviewSubject>(ApiProblems.Problem("month", "field.month", key)),
        _ => Outcome<ReviewSubject>.Failure(ProblemKind.NotFound, ReviewText.Problem("period", "review.periodUnknown", period)),
    };

    /// <summary>
    /// The 24 hours of a day review: per item the raw values (with their reading ids), flags, and the verdict in force,
    /// whichever review made it (the day's, or the month's later on).
    /// </summary>
    private async Task<List<object>> HoursAsync(StationRecord station, ReviewSubject subject)
    {
        var items = Items(station);
        var records = new List<RawReadingRecord>();
        await foreach (var r in monitoring.ReadingsAsync(station.Code, StationQueries.LocalMidnight(subject.Start), StationQueries.LocalMidnight(subject.Start.AddDays(1)), ["Avg"]))
        {
            records.Add(r);
        }

        var obtained = MonthlyAssessment.HourlyValues(records.Select(StationQueries.ToRawReading), StationQueries.China, AqiStandards.ForDate(subject.Start)!.Validity)
            .ToDictionary(h => (h.Hour, h.Item), h => h.FlagValid);
        var hourly = records.Where(r => r.Command == 2061).ToLookup(r => (r.DataTime.ToOffset(ReviewDeadlines.ShanghaiOffset).Hour, r.Item));
        var verdicts = await reviews.VerdictsInForceAsync(station.Code, subject.Start, subject.End);
        return [.. Enumerable.Range(0, 24).Select(hour => (object)new
        {
            hour,
            items = items.ToDictionary(item => item, item =>
            {
                var readings = hourly[(hour, item)].ToList();
                var got = obtained.TryGetValue((hour, item), out var flagValid);
                var verdict = verdicts.GetValueOrDefault((subject.Start, hour, item));
                return new
                {
                    values = readings.Select(r => new { id = r.Id, value = r.Value, flag = r.Flag }),
                    obtained = got,
                    flagValid = got && flagValid,
                    verdict = verdict is null ? null : MarkView(verdict),
                    valid = got && (verdict?.Valid ?? flagValid),
                };
            }),
        })];
    }

    public static Dictionary<string, object?> View(StationRecord station, ReviewState state, DateTimeOffset now)
    {
        var view = Summary(station, state, now);
        view["verdicts"] = state.Verdicts.Values.OrderBy(m => m.Date).ThenBy(m => m.Hour).ThenBy(m => m.Item, StringComparer.Ordinal).Select(MarkView).ToList();
        view["lastRejection"] = state.LastRejection is { } r
            ? new { reason = r.Reason, days = r.Days, items = r.Items, final = r.Final, at = Local(r.At), by = r.By.Name, marks = r.CentreMarks.Select(MarkView) }
            : null;
        view["timeline"] = state.Events.Select(e => new
        {
            type = e.Code,
            text = ReviewText.Format("event." + e.Code),
            at = Local(e.At),
            by = new { name = e.By.Name, role = e.By.Role },
            late = e switch
            {
                ReviewSubmitted s => s.Late,
                ReviewAccepted a => a.Late,
                ReviewRejected j => j.Late,
                LateExplanationRecorded x => x.Late,
                _ => (bool?)null,
            },
        }).ToList();
        return view;
    }

    public static Dictionary<string, object?> Summary(StationRecord station, ReviewState state, DateTimeOffset now)
    {
        var explanation = state.ExplanationAt(now);
        return new Dictionary<string, object?>
        {
            ["station"] = station.Code,
            ["stationName"] = station.Name,
            ["divisionCode"] = station.DivisionCode,
            ["period"] = state.Subject.Period == ReviewPeriod.Day ? "day" : "month",
            ["key"] = state.Subject.PeriodText,
            ["status"] = StatusCode(state.Status),
            ["statusText"] = ReviewText.Status(state.Status),
            ["round"] = state.Round,
            ["submissionDue"] = state.SubmissionDue is { } due ? Local(due) : null,
            ["overdue"] = state.IsOverdue(now),
            ["anySubmissionLate"] = state.AnySubmissionLate,
            ["centreDue"] = ReviewDeadlines.Centre(state.Subject) is { } centre ? Local(centre) : null,
            ["centreOverdue"] = state.CentreOverdue(now),
            ["postponements"] = state.Postponements,
            ["postponementsLeft"] = state.Subject.Period == ReviewPeriod.Day ? ReviewDeadlines.MaxPostponements - state.Postponements : 0,
            ["explanation"] = new
            {
                status = ExplanationCode(explanation),
                due = explanation == ExplanationStatus.NotOwed ? null : Local(ReviewDeadlines.Explanation(state.Subject)),
                documentNumber = state.Explanation?.DocumentNumber,
            },
        };
    }

    public static object MarkView(ReviewMark m) => new
    {
        date = m.Date,
        hour = m.Hour,
        item = m.Item,
        valid = m.Valid,
        reason = m.Reason is { } reason ? InvalidReasons.Code(reason) : null,
        note = m.Note,
        evidence = m.Evidence,
    };

    public static string StatusCode(ReviewStatus status) => JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString());

    public static string ExplanationCode(ExplanationStatus status) => JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString());

    public static string[] Items(StationRecord station) => station.Items.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static string Local(DateTimeOffset instant) =>
        instant.ToOffset(ReviewDeadlines.ShanghaiOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public static DateOnly? ParseMonth(string text) => ParseDate(text + "-01") is { } first && text.Length == 7 ? first : null;
}
