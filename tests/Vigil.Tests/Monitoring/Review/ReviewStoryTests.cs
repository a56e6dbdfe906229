using System.Net;
using System.Text.Json.Nodes;

namespace Vigil.Tests.Monitoring.Review;

/// <summary>
/// Issue 4's review story over HTTP (AQ-REVIEW, AQ-SCORE): the morning review of yesterday with a calibration hour,
/// the centre accepting most and rejecting one day, the re-review with its own deadline, the final second rejection,
/// a postponement, a late review with its written explanation, and the monthly review.
/// </summary>
public abstract class ReviewStoryTests(DatabaseProvider engine)
{
    private static readonly DateOnly Yesterday = new(2026, 11, 21);

    private static string Day(string station, DateOnly day) => $"/api/stations/{station}/reviews/days/{day:yyyy-MM-dd}";

    private static async Task<JsonNode> Ok(Task<(HttpResponseMessage Response, JsonNode Body)> call)
    {
        var (response, body) = await call;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    /// <summary>
    /// Moves the clock in steps of 5 hours, each client making a request at every step, as people who keep working:
    /// a session idle for 12 hours ends, and the story spans ten days.
    /// </summary>
    private static async Task Advance(VigilFactory app, DateTimeOffset to, params HttpClient[] clients)
    {
        while (app.Clock.GetUtcNow() < to)
        {
            var next = app.Clock.GetUtcNow().AddHours(5);
            app.Clock.SetUtcNow(next < to ? next : to);
            foreach (var client in clients)
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/auth/me", UriKind.Relative))).StatusCode);
            }
        }
    }

    [Fact]
    public async Task Daily_review_from_marks_to_a_final_centre_verdict_then_the_monthly_review()
    {
        await using var app = new VigilFactory { Engine = engine };
        foreach (var code in new[] { "XH01", "XH02", "XH03" })
        {
            await ReviewSeed.Station(app, code, "310104", Yesterday);
        }

        await ReviewSeed.Station(app, "MH01", "310112", Yesterday);
        var (reviewer, reviewerId) = await ReviewSeed.User(app, "审核员甲", "qualified-reviewer", "310104");
        await ReviewSeed.Qualify(app, reviewerId, "CNEMC-2026-0001");
        var (centre, _) = await ReviewSeed.User(app, "总站复核员", "national-centre", "000000");
        var (staff, _) = await ReviewSeed.User(app, "区局科员", "division-staff", "310104");

        // 09:00 the next morning: yesterday's station-days wait, each due at 12:00; another district's is not listed.
        await Advance(app, ReviewSeed.Local(11, 22, 9), reviewer, centre, staff);
        var queue = await reviewer.GetJson("/api/reviews/days");
        Assert.Equal("2026-11-21", queue["key"]!.GetValue<string>());
        Assert.Equal(["XH01", "XH02", "XH03"], queue["items"]!.AsArray().Select(i => i!["station"]!.GetValue<string>()));
        Assert.All(queue["items"]!.AsArray(), i => Assert.Equal("2026-11-22T12:00:00+08:00", i!["submissionDue"]!.GetValue<string>()));

        var day = await reviewer.GetJson(Day("XH01", Yesterday));
        Assert.Equal("pending", day["status"]!.GetValue<string>());
        Assert.Equal("35", day["hours"]![3]!["items"]!["a34004"]!["values"]![0]!["value"]!.GetValue<string>());
        Assert.True(day["hours"]![3]!["items"]!["a34004"]!["valid"]!.GetValue<bool>());

        // The calibration hour is marked invalid with its reason; the raw value stays as received.
        await Ok(reviewer.PostJson(Day("XH01", Yesterday) + "/marks",
            """{ "marks": [ { "hour": 3, "item": "a34004", "valid": false, "reason": "calibration", "note": "03时零点/跨度校准" } ] }"""));
        day = await staff.GetJson(Day("XH01", Yesterday));
        var hour3 = day["hours"]![3]!["items"]!["a34004"]!;
        Assert.False(hour3["valid"]!.GetValue<bool>());
        Assert.Equal("calibration", hour3["verdict"]!["reason"]!.GetValue<string>());
        Assert.Equal("35", hour3["values"]![0]!["value"]!.GetValue<string>());
        Assert.True(hour3["flagValid"]!.GetValue<bool>());

        // Submitted before 12:00: on time.
        await Advance(app, ReviewSeed.Local(11, 22, 11, 59, 59), reviewer, centre, staff);
        foreach (var code in new[] { "XH01", "XH02", "XH03" })
        {
            var submitted = await Ok(reviewer.PostJson(Day(code, Yesterday) + "/submit", "{}"));
            Assert.Equal("submitted", submitted["status"]!.GetValue<string>());
            Assert.False(submitted["anySubmissionLate"]!.GetValue<bool>());
        }

        // The reviewer cannot judge; the centre accepts two and rejects one.
        await Advance(app, ReviewSeed.Local(11, 22, 14), reviewer, centre, staff);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PostJson(Day("XH01", Yesterday) + "/accept", "{}")).Response.StatusCode);
        await Ok(centre.PostJson(Day("XH01", Yesterday) + "/accept", "{}"));
        await Ok(centre.PostJson(Day("XH02", Yesterday) + "/accept", "{}"));
        var rejected = await Ok(centre.PostJson(Day("XH03", Yesterday) + "/reject", """{ "reason": "14时PM2.5与邻站差异过大，请复核", "items": ["a34004"] }"""));
        Assert.Equal("returned", rejected["status"]!.GetValue<string>());
        Assert.Equal("退回重审", rejected["statusText"]!.GetValue<string>());
        Assert.Equal("2026-11-23T12:00:00+08:00", rejected["submissionDue"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await centre.PostJson(Day("XH01", Yesterday) + "/accept", "{}")).Response.StatusCode);

        // Only the returned day is still waiting here; Minhang's day, never submitted, is overdue and listed first.
        queue = await centre.GetJson("/api/reviews/days?date=2026-11-21");
        Assert.Equal(["MH01", "XH03"], queue["items"]!.AsArray().Select(i => i!["station"]!.GetValue<string>()));
        Assert.True(queue["items"]![0]!["overdue"]!.GetValue<bool>());
        Assert.Equal("owed", queue["items"]![0]!["explanation"]!["status"]!.GetValue<string>());
        Assert.Equal(4, (await centre.GetJson("/api/reviews/days?date=2026-11-21&all=true"))["total"]!.GetValue<int>());

        // Re-reviewed and resubmitted the next morning; the second rejection makes the centre's verdict final.
        await Advance(app, ReviewSeed.Local(11, 23, 10), reviewer, centre, staff);
        await Ok(reviewer.PostJson(Day("XH03", Yesterday) + "/marks", """{ "marks": [ { "hour": 14, "item": "a34004", "valid": false, "reason": "instrument-fault" } ] }"""));
        var resubmitted = await Ok(reviewer.PostJson(Day("XH03", Yesterday) + "/submit", "{}"));
        Assert.Equal("resubmitted", resubmitted["status"]!.GetValue<string>());
        var final = await Ok(centre.PostJson(Day("XH03", Yesterday) + "/reject",
            """{ "reason": "总站复核认定有效", "marks": [ { "hour": 14, "item": "a34004", "valid": true, "note": "总站认定" } ] }"""));
        Assert.Equal("centre-final", final["status"]!.GetValue<string>());
        Assert.True(final["lastRejection"]!["final"]!.GetValue<bool>());
        var xh03 = await staff.GetJson(Day("XH03", Yesterday));
        Assert.True(xh03["hours"]![14]!["items"]!["a34004"]!["valid"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Conflict, (await reviewer.PostJson(Day("XH03", Yesterday) + "/submit", "{}")).Response.StatusCode);

        // A network failure on the 23rd: the 22nd's review is postponed twice; a third is refused.
        var the22nd = new DateOnly(2026, 11, 22);
        var postponed = await Ok(reviewer.PostJson(Day("XH02", the22nd) + "/postpone", """{ "reason": "network-failure", "note": "专线中断" }"""));
        Assert.Equal("2026-11-24T12:00:00+08:00", postponed["submissionDue"]!.GetValue<string>());
        postponed = await Ok(reviewer.PostJson(Day("XH02", the22nd) + "/postpone", """{ "reason": "network-failure" }"""));
        Assert.Equal("2026-11-25T12:00:00+08:00", postponed["submissionDue"]!.GetValue<string>());
        Assert.Equal(0, postponed["postponementsLeft"]!.GetValue<int>());
        var (third, problem) = await reviewer.PostJson(Day("XH02", the22nd) + "/postpone", """{ "reason": "network-failure" }""");
        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        Assert.Contains("最多顺延", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // XH01's 22nd is submitted at 12:00 sharp: accepted but late, and a written explanation is owed.
        await Advance(app, ReviewSeed.Local(11, 23, 12), reviewer, centre, staff);
        var late = await Ok(reviewer.PostJson(Day("XH01", the22nd) + "/submit", "{}"));
        Assert.True(late["anySubmissionLate"]!.GetValue<bool>());
        Assert.Equal("owed", late["explanation"]!["status"]!.GetValue<string>());
        Assert.Equal("2026-11-30T00:00:00+08:00", late["explanation"]!["due"]!.GetValue<string>());
        var explained = await Ok(reviewer.PostJson(Day("XH01", the22nd) + "/explanation", """{ "documentNumber": "沪运维〔2026〕12号", "text": "审核系统升级，未能按时报送" }"""));
        Assert.Equal("recorded", explained["explanation"]!["status"]!.GetValue<string>());

        // The monthly review: by 12:00 on the 1st; the rejected day back by 18:00; the centre done before the 2nd.
        await Advance(app, ReviewSeed.Local(12, 1, 9), reviewer, centre, staff);
        const string month = "/api/stations/XH01/reviews/months/2026-11";
        var months = await reviewer.GetJson("/api/reviews/months");
        Assert.Equal("2026-11", months["key"]!.GetValue<string>());
        Assert.Equal("2026-12-01T12:00:00+08:00", months["items"]![0]!["submissionDue"]!.GetValue<string>());
        await Ok(reviewer.PostJson(month + "/marks", """{ "marks": [ { "date": "2026-11-21", "hour": 5, "item": "a21026", "valid": false, "reason": "maintenance" } ] }"""));
        var monthly = await Ok(reviewer.PostJson(month + "/submit", "{}"));
        Assert.Equal("2026-12-02T00:00:00+08:00", monthly["centreDue"]!.GetValue<string>());
        await Advance(app, ReviewSeed.Local(12, 1, 14), reviewer, centre, staff);
        monthly = await Ok(centre.PostJson(month + "/reject", """{ "reason": "21日SO2维护时段须核实", "days": ["2026-11-21"], "items": ["a21026"] }"""));
        Assert.Equal("2026-12-01T18:00:00+08:00", monthly["submissionDue"]!.GetValue<string>());
        await Advance(app, ReviewSeed.Local(12, 1, 17, 59, 59), reviewer, centre, staff);
        monthly = await Ok(reviewer.PostJson(month + "/submit", "{}"));
        Assert.False(monthly["anySubmissionLate"]!.GetValue<bool>());
        await Advance(app, ReviewSeed.Local(12, 1, 20), reviewer, centre, staff);
        monthly = await Ok(centre.PostJson(month + "/accept", "{}"));
        Assert.Equal("accepted", monthly["status"]!.GetValue<string>());
        Assert.False(monthly["centreOverdue"]!.GetValue<bool>());
        Assert.False(monthly["timeline"]!.AsArray().Last()!["late"]!.GetValue<bool>());
        Assert.Equal(["marked", "submitted", "rejected", "submitted", "accepted"], monthly["timeline"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()));
        Assert.Equal("总站复核通过", monthly["timeline"]!.AsArray().Last()!["text"]!.GetValue<string>());

        // The day view shows the verdict in force, whichever review made it: the monthly one on SO₂ at 05:00.
        var hour5 = (await staff.GetJson(Day("XH01", Yesterday)))["hours"]![5]!["items"]!["a21026"]!;
        Assert.Equal("maintenance", hour5["verdict"]!["reason"]!.GetValue<string>());
        Assert.False(hour5["valid"]!.GetValue<bool>());

        // The month's figures: 2 items × 30 days expected; one day obtained; the calibration and maintenance hours fail QC.
        var assessment = await staff.GetJson("/api/stations/XH01/assessments/2026-11?omPoints=28");
        Assert.Equal("accepted", assessment["monthlyReview"]!.GetValue<string>());
        Assert.Equal(1440, assessment["capture"]!["denominator"]!.GetValue<int>());
        Assert.Equal(48, assessment["capture"]!["numerator"]!.GetValue<int>());
        Assert.Equal(46, assessment["qcPass"]!["numerator"]!.GetValue<int>());
        Assert.False(assessment["meetsCapture"]!.GetValue<bool>());
        Assert.Equal(0m, assessment["total"]!.GetValue<decimal>());
        Assert.False(assessment["meetsValidity"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Bad_marks_are_refused_naming_the_field_in_the_user_language_and_change_nothing()
    {
        await using var app = new VigilFactory { Engine = engine };
        await ReviewSeed.Station(app, "XH01", "310104", Yesterday);
        var (reviewer, reviewerId) = await ReviewSeed.User(app, "审核员甲", "qualified-reviewer", "310104", "en");
        await Advance(app, ReviewSeed.Local(11, 22, 9), reviewer);

        // Holding the role is not enough: the qualification must be recorded.
        var (unqualified, why) = await reviewer.PostJson(Day("XH01", Yesterday) + "/submit", "{}");
        Assert.Equal(HttpStatusCode.Forbidden, unqualified.StatusCode);
        Assert.Contains("qualification", why["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await ReviewSeed.Qualify(app, reviewerId, "CNEMC-2026-0002");

        var (response, problem) = await reviewer.PostJson(Day("XH01", Yesterday) + "/marks",
            """{ "marks": [ { "hour": "3", "item": "a34004", "valid": false, "reason": "calibration" }, { "hour": 4, "item": "a34004", "valid": false, "reason": "rain" }, { "hour": 5, "item": "a34004", "valid": "no" } ] }""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["marks[0].hour", "marks[1].reason", "marks[2].valid"], problem["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()));
        Assert.Contains("rain", problem["errors"]![1]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        (response, problem) = await reviewer.PostJson(Day("XH01", Yesterday) + "/marks", """{ "marks": [ { "hour": 24, "item": "a05024", "valid": false } ] }""");
        Assert.Equal(["marks[0].hour", "marks[0].item", "marks[0].reason"], problem["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.PostJson("/api/stations/XH01/reviews/days/2026-11-31/submit", "{}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.PostJson("/api/stations/XH01/reviews/months/2026-13/submit", "{}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.PostJson("/api/stations/XH01/reviews/weeks/2026-11/submit", "{}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.GetAsync(new Uri("/api/reviews/days?pageSize=0", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.GetAsync(new Uri("/api/stations/XH01/assessments/2026-11?omPoints=31", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await reviewer.PostJson("/api/stations/XH01/reviews/days/2026-11-22/submit", "{}")).Response.StatusCode);

        var review = await reviewer.GetJson(Day("XH01", Yesterday));
        Assert.Empty(review["timeline"]!.AsArray());
        Assert.Equal("pending", review["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Qualifications_are_recorded_by_the_administrator_with_checked_dates_and_unique_certificates_and_can_be_withdrawn()
    {
        await using var app = new VigilFactory { Engine = engine };
        var (reviewer, reviewerId) = await ReviewSeed.User(app, "审核员甲", "qualified-reviewer", "310104");
        var admin = await app.Admin();
        var (bad, problem) = await admin.PostJson("/api/reviewer-qualifications", $$"""{ "userId": "{{reviewerId}}", "certificateNumber": "C-1", "validFrom": "2026-12-31", "validTo": "2026-01-01" }""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("validTo", problem["errors"]![0]!["field"]!.GetValue<string>());
        (bad, problem) = await admin.PostJson("/api/reviewer-qualifications", """{ "userId": "nobody", "certificateNumber": "C-1", "validFrom": "2026-01-01", "validTo": "2026-12-31" }""");
        Assert.Equal(HttpStatusCode.NotFound, bad.StatusCode);

        await ReviewSeed.Qualify(app, reviewerId, "C-1");
        (bad, _) = await admin.PostJson("/api/reviewer-qualifications", $$"""{ "userId": "{{reviewerId}}", "certificateNumber": "C-1", "validFrom": "2026-01-01", "validTo": "2026-12-31" }""");
        Assert.Equal(HttpStatusCode.Conflict, bad.StatusCode);
        var list = (await admin.GetJson("/api/reviewer-qualifications")).AsArray();
        Assert.Equal("C-1", list.Single()!["certificateNumber"]!.GetValue<string>());
        Assert.Equal("2026-12-31", list.Single()!["validTo"]!.GetValue<string>());
        Assert.Null(list.Single()!["revokedAt"]);

        // Withdrawn at once: the reviewer can no longer review; the register keeps both records.
        await ReviewSeed.Station(app, "XH01", "310104", Yesterday);
        app.Clock.SetUtcNow(ReviewSeed.Local(11, 22, 9));
        Assert.Equal(HttpStatusCode.OK, (await reviewer.PostJson(Day("XH01", Yesterday) + "/postpone", """{ "reason": "network-failure" }""")).Response.StatusCode);
        (bad, _) = await admin.PostJson("/api/reviewer-qualifications/C-1/revoke", "{}");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        (bad, _) = await admin.PostJson("/api/reviewer-qualifications/C-404/revoke", """{ "reason": "x" }""");
        Assert.Equal(HttpStatusCode.NotFound, bad.StatusCode);
        var (revoked, _) = await admin.PostJson("/api/reviewer-qualifications/C-1/revoke", """{ "reason": "培训证书被注销" }""");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        (bad, _) = await admin.PostJson("/api/reviewer-qualifications/C-1/revoke", """{ "reason": "again" }""");
        Assert.Equal(HttpStatusCode.Conflict, bad.StatusCode);
        Assert.Equal("2026-11-22T09:00:00+08:00", (await admin.GetJson("/api/reviewer-qualifications"))[0]!["revokedAt"]!.GetValue<string>());
        var (refused, why) = await reviewer.PostJson(Day("XH01", Yesterday) + "/submit", "{}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("review.notQualified", why["errors"]![0]!["code"]!.GetValue<string>());
    }
}

public sealed class ReviewStoryOnSqlite() : ReviewStoryTests(DatabaseProvider.Sqlite);

public sealed class ReviewStoryOnPostgreSql() : ReviewStoryTests(DatabaseProvider.PostgreSql);
