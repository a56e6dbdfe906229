using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Common;
using Vigil.Data;
using Vigil.Data.Monitoring;
using Vigil.Data.Security;
using Vigil.Host.Security;
using Vigil.Host.Web;
using Vigil.Monitoring;
using Vigil.Monitoring.Review;
using Vigil.Security.Access;

namespace Vigil.Host.Monitoring;

/// <summary>
/// The data review workflow over HTTP (issue 4 parts 6 and 8, AQ-REVIEW, AQ-SCORE): queues of station-days and
/// station-months with their deadlines, a review with its raw hours, the reviewer's and the centre's actions,
/// reviewer qualifications, and the monthly capture and QC figures. Every change is audited in its transaction.
/// </summary>
internal static class ReviewApi
{
    private static readonly string[] Administrators = [RoleIds.Administrator];

    public static void MapReviews(this IEndpointRouteBuilder app)
    {
        var queues = app.MapGroup("/api/reviews").WithTags("Review").RequireAuthorization();
        queues.MapGet("/days", (HttpContext http, string? date, bool? all, int? page, int? pageSize) =>
            Queue(http, ReviewPeriod.Day, date, all, page, pageSize));
        queues.MapGet("/months", (HttpContext http, string? month, bool? all, int? page, int? pageSize) =>
            Queue(http, ReviewPeriod.Month, month, all, page, pageSize));

        var review = app.MapGroup("/api/stations/{code}/reviews/{period}/{key}").WithTags("Review").RequireAuthorization();
        review.MapGet("/", Show);
        review.MapPost("/marks", (string code, string period, string key, HttpContext http) =>
            Act(http, code, period, key, ReviewService.Reviewers, "review.mark", withBody: true, Mark));
        review.MapPost("/submit", (string code, string period, string key, HttpContext http) =>
            Act(http, code, period, key, ReviewService.Reviewers, "review.submit", withBody: false, r =>
                ReviewDecider.Submit(r.State, r.By, r.Qualifications, r.Now)));
        review.MapPost("/postpone", (string code, string period, string key, HttpContext http) =>
            Act(http, code, period, key, ReviewService.Reviewers, "review.postpone", withBody: true, Postpone));
        review.MapPost("/accept", (string code, string period, string key, HttpContext http) =>
            Act(http, code, period, key, ReviewService.Judges, "review.accept", withBody: false, r => ReviewDecider.Accept(r.State, r.By, r.Now)));
        review.MapPost("/reject", (string code, string period, string key, HttpContext http) =>
            Act(http, code, period, key, ReviewService.Judges, "review.reject", withBody: true, Reject));
        review.MapPost("/explanation", (string code, string period, string key, HttpContext http) =>
            Act(http, code, period, key, ReviewService.Explainers, "review.explain", withBody: true, Explain));

        var qualifications = app.MapGroup("/api/reviewer-qualifications").WithTags("Review").RequireAuthorization();
        qualifications.MapGet("/", ListQualifications);
        qualifications.MapPost("/", RecordQualification);
        qualifications.MapPost("/{certificateNumber}/revoke", RevokeQualification);

        app.MapGet("/api/stations/{code}/assessments/{month}", Assessment).WithTags("Review").RequireAuthorization();
    }

    /// <summary>
    /// One review action: role somewhere (403), then <see cref="ReviewService.ActAsync"/> (404 outside the
    /// jurisdiction, 403 without the role at the station's division, 400/403/409 from the decision).
    /// </summary>
    private static async Task<IResult> Act(
        HttpContext http, string code, string period, string key, string[] roles, string action, bool withBody, Func<ActRequest, Outcome<ReviewEvent>> decide)
    {
        var services = http.RequestServices;
        var (access, document, problem) = withBody
            ? await ApiRequest.RequireWithBodyAsync(http, roles)
            : await RequireAsync(services.GetRequiredService<CurrentUser>(), roles);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var body = new BodyReader(document?.RootElement ?? default);
            if (withBody && document!.RootElement.ValueKind != JsonValueKind.Object)
            {
                return body.Problem();
            }

            var view = await services.GetRequiredService<ReviewService>().ActAsync(access!, code, period, key, roles, action, body, decide, http.RequestAborted);
            return view.IsSuccess ? TypedResults.Ok(view.Value) : ApiProblems.From(view);
        }
    }

    private static async Task<(Access? Access, JsonDocument? Document, IResult? Problem)> RequireAsync(CurrentUser current, string[] roles)
    {
        var (access, denied) = await current.RequireAsync(roles);
        return (access, null, denied);
    }

    /// <summary>A review with its deadlines and timeline; a day review also lists its 24 hours with raw values.</summary>
    private static async Task<IResult> Show(string code, string period, string key, CurrentUser current, ReviewService service)
    {
        var (access, denied) = await current.RequireAsync(ReviewService.Readers);
        if (access is null)
        {
            return denied!;
        }

        var view = await service.ShowAsync(access, code, period, key);
        return view.IsSuccess ? TypedResults.Ok(view.Value) : ApiProblems.From(view);
    }

    /// <summary>
    /// The station-days (or months) of the user's jurisdiction for one period, with status and deadlines; yesterday
    /// (or last month) by default. Finished reviews only with <c>all=true</c>. Overdue and earliest due first.
    /// </summary>
    private static async Task<IResult> Queue(HttpContext http, ReviewPeriod period, string? key, bool? all, int? page, int? pageSize)
    {
        var services = http.RequestServices;
        var (access, denied) = await services.GetRequiredService<CurrentUser>().RequireAsync(ReviewService.Readers);
        if (access is null)
        {
            return denied!;
        }

        var (p, size, badPaging) = Paging.Read(page, pageSize);
        if (badPaging is not null)
        {
            return badPaging;
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var today = ReviewDeadlines.LocalDate(now);
        DateOnly start;
        if (period == ReviewPeriod.Day)
        {
            if ((key is null ? today.AddDays(-1) : ReviewService.ParseDate(key)) is not { } day)
            {
                return ApiProblems.One(ProblemKind.Invalid, "date", "field.date", key);
            }

            start = day;
        }
        else if ((key is null ? new DateOnly(today.Year, today.Month, 1).AddMonths(-1) : ReviewService.ParseMonth(key)) is { } first)
        {
            start = first;
        }
        else
        {
            return ApiProblems.One(ProblemKind.Invalid, "month", "field.month", key);
        }

        var rows = await services.GetRequiredService<ReviewService>().QueueAsync(access, period, start, all == true, now);
        return TypedResults.Ok(new
        {
            period = period == ReviewPeriod.Day ? "day" : "month",
            key = new ReviewSubject("", period, start).PeriodText,
            total = rows.Count,
            page = p,
            pageSize = size,
            items = rows.Skip((p - 1) * size).Take(size).Select(r => ReviewService.Summary(r.Station, r.State, now)),
        });
    }

    /// <summary><c>{marks: [...]}</c> (see <see cref="ReadMarks"/>).</summary>
    internal static Outcome<ReviewEvent> Mark(ActRequest r)
    {
        var marks = ReadMarks(r.Body, "marks", r.State.Subject, required: true);
        return r.Body.Problems.Count > 0
            ? Outcome.Refused<ReviewEvent>(r.Body.Problems)
            : ReviewDecider.Mark(r.State, marks, r.Items, r.By, r.Qualifications, r.Now);
    }

    /// <summary><c>{reason: "network-failure" | "power-cut" | "natural-disaster" | "other", note?}</c>; "other" needs the note.</summary>
    internal static Outcome<ReviewEvent> Postpone(ActRequest r)
    {
        var reason = r.Body.Text("reason", required: true, maxLength: 40);
        var note = r.Body.Text("note");
        return r.Body.Problems.Count > 0
            ? Outcome.Refused<ReviewEvent>(r.Body.Problems)
            : ReviewDecider.Postpone(r.State, reason, note, r.By, r.Qualifications, r.Now);
    }

    /// <summary><c>{documentNumber, text}</c>: the formal document's number and what it says.</summary>
    internal static Outcome<ReviewEvent> Explain(ActRequest r)
    {
        var document = r.Body.Text("documentNumber", required: true, maxLength: 100);
        var text = r.Body.Text("text", required: true);
        return r.Body.Problems.Count > 0
            ? Outcome.Refused<ReviewEvent>(r.Body.Problems)
            : ReviewDecider.Explain(r.State, document, text, r.By, r.Qualifications, r.Now);
    }

    /// <summary><c>{reason, days?: [yyyy-MM-dd], items?: [code], marks?: [...]}</c>: the centre's verdicts are optional.</summary>
    internal static Outcome<ReviewEvent> Reject(ActRequest r)
    {
        var reason = r.Body.Text("reason", required: true);
        var days = new List<DateOnly>();
        foreach (var (element, field) in Array(r.Body, "days"))
        {
            if (element.ValueKind == JsonValueKind.String && ReviewService.ParseDate(element.GetString()!) is { } day)
            {
                days.Add(day);
            }
            else
            {
                r.Body.Add(field, "field.date", element.ToString());
            }
        }

        var items = new List<string>();
        foreach (var (element, field) in Array(r.Body, "items"))
        {
            if (element.ValueKind == JsonValueKind.String)
            {
                items.Add(element.GetString()!);
            }
            else
            {
                r.Body.Add(field, "field.text");
            }
        }

        var marks = ReadMarks(r.Body, "marks", r.State.Subject, required: false);
        return r.Body.Problems.Count > 0
            ? Outcome.Refused<ReviewEvent>(r.Body.Problems)
            : ReviewDecider.Reject(r.State, reason, days, items, marks, r.Items, r.By, r.Now);
    }

    /// <summary>
    /// <c>[{date?, hour, item, valid, reason?, note?}]</c>: <c>date</c> defaults to the reviewed day (a month review
    /// needs it); <c>reason</c> is one of the <see cref="InvalidReasons"/> codes. Problems go to the body reader.
    /// </summary>
    private static List<ReviewMark> ReadMarks(BodyReader body, string name, ReviewSubject subject, bool required)
    {
        var marks = new List<ReviewMark>();
        if (required && body.Element(name) is null)
        {
            body.Add(name, "field.required");
        }

        foreach (var (element, field) in Array(body, name))
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                body.Add(field, "field.required");
                continue;
            }

            var mark = new BodyReader(element);
            var count = body.Problems.Count;
            var dateText = mark.Text("date", required: subject.Period == ReviewPeriod.Month, maxLength: 10);
            DateOnly? date = dateText is null ? subject.Period == ReviewPeriod.Day ? subject.Start : null : ReviewService.ParseDate(dateText);
            if (dateText is not null && date is null)
            {
                body.Add(field + ".date", "field.date", dateText);
            }

            int? hour = mark.Element("hour") is { ValueKind: JsonValueKind.Number } h && h.TryGetInt32(out var number) ? number : null;
            if (hour is null)
            {
                body.Add(field + ".hour", "paging.invalid", 0, 23);
            }

            bool? valid = mark.Element("valid") is { ValueKind: JsonValueKind.True or JsonValueKind.False } v ? v.GetBoolean() : null;
            if (valid is null)
            {
                body.Add(ReviewText.Problem(field + ".valid", "review.validBoolean"));
            }

            var item = mark.Text("item", required: true, maxLength: 16);
            var reasonText = mark.Text("reason", maxLength: 20);
            InvalidReason? reason = null;
            if (reasonText is not null)
            {
                if (InvalidReasons.TryParse(reasonText, out var parsed))
                {
                    reason = parsed;
                }
                else
                {
                    body.Add(ReviewText.Problem(field + ".reason", "review.reasonUnknown", reasonText, string.Join(", ", InvalidReasons.All)));
                }
            }

            var note = mark.Text("note");
            var evidence = mark.Text("evidence", maxLength: 500);
            foreach (var p in mark.Problems)
            {
                body.Add(p with { Field = field + "." + p.Field });
            }

            if (body.Problems.Count == count)
            {
                marks.Add(new ReviewMark(date!.Value, hour!.Value, item!, valid!.Value, reason, note, evidence));
            }
        }

        return marks;
    }

    /// <summary>The elements of an optional JSON array field with their field paths; a non-array is a problem.</summary>
    private static IEnumerable<(JsonElement Element, string Field)> Array(BodyReader body, string name)
    {
        var value = body.Element(name);
        if (value is null || value.Value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.Value.ValueKind != JsonValueKind.Array)
        {
            body.Add(ReviewText.Problem(name, "review.array"));
            return [];
        }

        return [.. value.Value.EnumerateArray().Select((e, i) => (e, $"{name}[{i}]"))];
    }

    /// <summary>Recorded qualifications of the accounts the administrator governs (every role inside their jurisdiction, or none yet).</summary>
    private static async Task<IResult> ListQualifications(CurrentUser current, ReviewStore reviews, VigilDbContext db)
    {
        var (access, denied) = await current.RequireAsync(Administrators);
        if (access is null)
        {
            return denied!;
        }

        var assignments = await db.RoleAssignments.AsNoTracking().ToListAsync();
        var users = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        return TypedResults.Ok((await reviews.AllQualificationsAsync())
            .Where(q => Administers(access, assignments, q.Qualification.UserId))
            .Select(q => new
            {
                userId = q.Qualification.UserId,
                displayName = users.GetValueOrDefault(q.Qualification.UserId),
                certificateNumber = q.Qualification.CertificateNumber,
                validFrom = q.Qualification.ValidFrom,
                validTo = q.Qualification.ValidTo,
                recordedAt = ReviewService.Local(q.Qualification.RecordedAt),
                recordedBy = q.Qualification.RecordedBy,
                revokedAt = q.Revocation is { } r ? ReviewService.Local(r.RevokedAt) : null,
                revocationReason = q.Revocation?.Reason,
            }));
    }

    /// <summary><c>{userId, certificateNumber, validFrom, validTo}</c> (dates yyyy-MM-dd, both included): 第二十二条 training.</summary>
    private static async Task<IResult> RecordQualification(HttpContext http, ReviewStore reviews, VigilDbContext db, TimeProvider clock)
    {
        var (access, document, problem) = await ApiRequest.RequireWithBodyAsync(http, Administrators);
        if (access is null || document is null)
        {
            return problem!;
        }

        using (document)
        {
            var body = new BodyReader(document!.RootElement);
            var userId = body.Text("userId", required: true, maxLength: 40);
            var certificate = body.Text("certificateNumber", required: true, maxLength: 60);
            var from = DateField(body, "validFrom");
            var to = DateField(body, "validTo");
            if (from is { } f && to is { } t && t < f)
            {
                body.Add(ReviewText.Problem("validTo", "review.qualificationDates", t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            }

            if (!body.IsValid)
            {
                return body.Problem();
            }

            var assignments = await db.RoleAssignments.AsNoTracking().Where(a => a.UserId == userId).ToListAsync();
            if (await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId) is not { } user || !Administers(access, assignments, userId!))
            {
                return ApiProblems.One(ProblemKind.NotFound, "userId", "user.notFound", userId);
            }

            if (await reviews.CertificateAsync(certificate!) is not null)
            {
                return ApiProblems.From(ProblemKind.Conflict, [ReviewText.Problem("certificateNumber", "review.certificateExists", certificate)]);
            }

            var now = clock.GetUtcNow();
            var record = new ReviewerQualificationRecord
            {
                UserId = user.Id,
                CertificateNumber = certificate!,
                ValidFrom = from!.Value,
                ValidTo = to!.Value,
                RecordedAt = now,
                RecordedBy = access.User.DisplayName,
            };
            var division = assignments.Select(a => a.DivisionCode).Order(StringComparer.Ordinal).FirstOrDefault() ?? Jurisdiction.Nation;
            db.Audit(access.Audit(RoleIds.Administrator, "reviewer.qualify", "User", user.Id, division, new { certificate, validFrom = record.ValidFrom, validTo = record.ValidTo }), now);
            await reviews.AddQualificationAsync(record);
            return TypedResults.Created("/api/reviewer-qualifications", new { userId = user.Id, certificateNumber = certificate, validFrom = record.ValidFrom, validTo = record.ValidTo });
        }
    }

    /// <summary><c>{reason}</c>: withdraws a qualification at once (a new record; the qualification stays in the register).</summary>
    private static async Task<IResult> RevokeQualification(string certificateNumber, HttpContext http, ReviewStore reviews, VigilDbContext db, TimeProvider clock)
    {
        var (access, document, problem) = await ApiRequest.RequireWithBodyAsync(http, Administrators);
        if (access is null || document is null)
        {
            return problem!;
        }

        using (document)
        {
            var body = new BodyReader(document!.RootElement);
            var reason = body.Text("reason", required: true);
            if (!body.IsValid)
            {
                return body.Problem();
            }

            var qualification = await reviews.CertificateAsync(certificateNumber);
            var assignments = qualification is null ? [] : await db.RoleAssignments.AsNoTracking().Where(a => a.UserId == qualification.UserId).ToListAsync();
            if (qualification is null || !Administers(access, assignments, qualification.UserId))
            {
                return ApiProblems.From(ProblemKind.NotFound, [ReviewText.Problem("certificateNumber", "review.certificateUnknown", certificateNumber)]);
            }

            if (await reviews.RevocationAsync(certificateNumber) is { } earlier)
            {
                return ApiProblems.From(ProblemKind.Conflict, [ReviewText.Problem("certificateNumber", "review.certificateRevoked", certificateNumber, ReviewService.Local(earlier.RevokedAt))]);
            }

            var now = clock.GetUtcNow();
            var division = assignments.Select(a => a.DivisionCode).Order(StringComparer.Ordinal).FirstOrDefault() ?? Jurisdiction.Nation;
            db.Audit(access.Audit(RoleIds.Administrator, "reviewer.revoke", "User", qualification.UserId, division, new { certificateNumber, reason }), now);
            await reviews.RevokeAsync(new ReviewerQualificationRevocationRecord { CertificateNumber = certificateNumber, Reason = reason!, RevokedAt = now, RevokedBy = access.User.DisplayName });
            return TypedResults.Ok(new { certificateNumber, revokedAt = ReviewService.Local(now), reason });
        }
    }

    /// <summary>An administrator acts on the accounts it governs (<see cref="Access.Governs"/>, as the user list).</summary>
    private static bool Administers(Access access, List<RoleAssignmentRecord> assignments, string userId) =>
        access.Governs(assignments.Where(a => a.UserId == userId), Administrators);

    /// <summary>
    /// AQ-SCORE for a station-month: capture and QC pass rates per item and overall, the §四 gates, the §五 data
    /// points, the §三 item zero and, with <c>omPoints</c> (0–30, the centre's §六 inspection), the total and fee share.
    /// </summary>
    private static async Task<IResult> Assessment(string code, string month, string? omPoints, CurrentUser current, MonitoringStore monitoring, ReviewStore reviews, TimeProvider clock)
    {
        var (access, denied) = await current.RequireAsync(ReviewService.Readers);
        if (access is null)
        {
            return denied!;
        }

        if (ReviewService.ParseMonth(month) is not { } first)
        {
            return ApiProblems.One(ProblemKind.Invalid, "month", "field.month", month);
        }

        decimal? om = null;
        if (omPoints is not null)
        {
            if (!decimal.TryParse(omPoints, NumberStyles.Number, CultureInfo.InvariantCulture, out var points) || points is < 0 or > MonthlyAssessment.MaxOmPoints)
            {
                return ApiProblems.One(ProblemKind.Invalid, "omPoints", "field.range", 0, MonthlyAssessment.MaxOmPoints);
            }

            om = points;
        }

        var station = await monitoring.StationAsync(code);
        if (station is null || !access.Sees(station.DivisionCode, ReviewService.Readers))
        {
            return ApiProblems.One(ProblemKind.NotFound, "code", "station.notFound", code);
        }

        var (result, monthly) = await new MonthAssessments(monitoring, reviews).AssessAsync(station, first, om);
        return TypedResults.Ok(new
        {
            station = code,
            month = monthly.Subject.PeriodText,
            standard = AqiStandards.ForDate(first)!.AirQualityStandard,
            monthlyReview = ReviewService.StatusCode(monthly.Status),
            validity = result.Validity,
            capture = RateView(result.Capture),
            qcPass = RateView(result.QcPass),
            meetsCapture = result.MeetsCapture,
            meetsQc = result.MeetsQc,
            qcPoints = result.QcPoints,
            omPoints = result.OmPoints,
            total = result.Total,
            feeShare = result.FeeShare,
            meetsValidity = result.MeetsValidity,
            items = result.Items.Select(i => new
            {
                item = i.Item,
                capture = RateView(i.Capture),
                qcPass = RateView(i.QcPass),
                forceMajeureHours = i.ForceMajeureHours,
                validDays = i.ValidDays,
                requiredDays = i.RequiredDays,
                meetsValidity = i.MeetsValidity,
                score = i.Score,
            }),
            computedAt = ReviewService.Local(clock.GetUtcNow()),
        });
    }

    private static object RateView(Rate rate) => new { numerator = rate.Numerator, denominator = rate.Denominator, rate = decimal.Round(rate.Value, 4) };

    private static DateOnly? DateField(BodyReader body, string name)
    {
        var text = body.Text(name, required: true, maxLength: 10);
        if (text is null)
        {
            return null;
        }

        if (ReviewService.ParseDate(text) is { } date)
        {
            return date;
        }

        body.Add(name, "field.date", text);
        return null;
    }
}
