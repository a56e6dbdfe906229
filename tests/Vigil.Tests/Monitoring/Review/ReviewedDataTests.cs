using System.Net;
using System.Text.Json.Nodes;

namespace Vigil.Tests.Monitoring.Review;

/// <summary>
/// AQ-REVIEW 第二十四条 and AQ-SCORE 第十八条(三) over HTTP (issue 15 items 13, 14): reviewed data is the data once the
/// national centre accepts the review, and says so; force-majeure hours leave the expected count only with evidence
/// and after the centre's acceptance.
/// </summary>
public sealed class ReviewedDataTests
{
    private static readonly DateOnly Yesterday = new(2026, 11, 21);

    private static string Review(string station) => $"/api/stations/{station}/reviews/days/{Yesterday:yyyy-MM-dd}";

    private static async Task<JsonNode> Ok(Task<(HttpResponseMessage Response, JsonNode Body)> call)
    {
        var (response, body) = await call;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    private static JsonNode Pm25At(JsonNode day, int hour) => day["series"]!["hours"]![hour]!["values"]!["PM2.5"]!;

    [Fact]
    public async Task Day_api_and_station_page_use_the_raw_flags_until_the_centre_accepts_then_the_review()
    {
        await using var app = new VigilFactory();
        await ReviewSeed.Station(app, "RV01", "310104", Yesterday);
        var (reviewer, reviewerId) = await ReviewSeed.User(app, "审核员甲", "qualified-reviewer", "310104");
        await ReviewSeed.Qualify(app, reviewerId, "CNEMC-2026-0101");
        var (centre, _) = await ReviewSeed.User(app, "总站复核员", "national-centre", "000000");
        app.Clock.SetUtcNow(ReviewSeed.Local(11, 22, 9));
        await Ok(reviewer.PostJson(Review("RV01") + "/marks", """
            { "marks": [ { "hour": 14, "item": "a34004", "valid": false, "reason": "instrument-fault" },
                         { "hour": 15, "item": "a34004", "valid": false, "reason": "instrument-fault" } ] }
            """));
        await Ok(reviewer.PostJson(Review("RV01") + "/submit", "{}"));

        var before = await reviewer.GetJson($"/api/stations/RV01/days/{Yesterday:yyyy-MM-dd}");
        Assert.Equal("raw-flags", before["series"]!["validity"]!.GetValue<string>());
        Assert.True(Pm25At(before, 14)["valid"]!.GetValue<bool>());
        Assert.Equal("raw-flags", Pm25At(before, 14)["validityBy"]!.GetValue<string>());
        var aqiBefore = before["series"]!["hours"]![14]!["aqi"]!["computed"]!.GetValue<int>();

        await Ok(centre.PostJson(Review("RV01") + "/accept", "{}"));
        var after = await reviewer.GetJson($"/api/stations/RV01/days/{Yesterday:yyyy-MM-dd}");
        Assert.Equal("review", after["series"]!["validity"]!.GetValue<string>());
        Assert.False(Pm25At(after, 14)["valid"]!.GetValue<bool>());
        Assert.False(Pm25At(after, 15)["valid"]!.GetValue<bool>());
        Assert.Equal("review", Pm25At(after, 15)["validityBy"]!.GetValue<string>());
        Assert.Equal("N", Pm25At(after, 14)["flag"]!.GetValue<string>());
        Assert.True(Pm25At(after, 13)["valid"]!.GetValue<bool>());
        Assert.True(after["series"]!["hours"]![14]!["aqi"]!["computed"]!.GetValue<int>() < aqiBefore);
        Assert.Equal(aqiBefore, after["series"]!["hours"]![13]!["aqi"]!["computed"]!.GetValue<int>());
        Assert.Equal("review", (await reviewer.GetJson("/api/stations/RV01/months/2026-11"))["validity"]!.GetValue<string>());

        var page = WebUtility.HtmlDecode(await reviewer.GetStringAsync(new Uri($"/stations/RV01?date={Yesterday:yyyy-MM-dd}", UriKind.Relative)));
        Assert.Contains("data-validity=\"review\"", page, StringComparison.Ordinal);
        Assert.Contains("审核无效", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Latest_values_the_raw_export_and_the_monthly_assessment_say_which_validity_they_used()
    {
        await using var app = new VigilFactory();
        await ReviewSeed.Station(app, "RV03", "310104", Yesterday);
        var (reviewer, reviewerId) = await ReviewSeed.User(app, "审核员丙", "qualified-reviewer", "310104");
        await ReviewSeed.Qualify(app, reviewerId, "CNEMC-2026-0103");
        var (centre, _) = await ReviewSeed.User(app, "总站复核员", "national-centre", "000000");
        app.Clock.SetUtcNow(ReviewSeed.Local(11, 22, 9));
        await Ok(reviewer.PostJson(Review("RV03") + "/marks", """
            { "marks": [ { "hour": 23, "item": "a34004", "valid": false, "reason": "calibration" } ] }
            """));
        await Ok(reviewer.PostJson(Review("RV03") + "/submit", "{}"));

        async Task<(JsonNode Latest, JsonNode Assessment, string[] Export)> Read()
        {
            var latest = (await reviewer.GetJson("/api/stations/RV03/latest")).AsArray().Single(r => r!["item"]!.GetValue<string>() == "a34004")!;
            var assessment = await reviewer.GetJson("/api/stations/RV03/assessments/2026-11");
            var (started, job) = await reviewer.PostJson("/api/jobs/readings-export", $$"""{ "stations": ["RV03"], "from": "{{Yesterday:yyyy-MM-dd}}", "to": "{{Yesterday:yyyy-MM-dd}}" }""");
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            var done = await Vigil.Tests.Jobs.JobsTests.FinishedAsync(reviewer, job["id"]!.GetValue<string>());
            var csv = await reviewer.GetStringAsync(new Uri(done["result"]!.GetValue<string>(), UriKind.Relative));
            return (latest, assessment, csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        // Submitted, not decided: the raw flags decide everywhere, and every output says so.
        var before = await Read();
        Assert.True(before.Latest["valid"]!.GetValue<bool>());
        Assert.Equal("raw-flags", before.Latest["validityBy"]!.GetValue<string>());
        Assert.Equal("raw-flags", before.Assessment["validity"]!.GetValue<string>());
        Assert.Equal(48, before.Assessment["qcPass"]!["numerator"]!.GetValue<int>());
        Assert.Equal("time,station,item,value,flag,valid,validity", before.Export[0]);
        Assert.Contains("2026-11-21T23:00:00,RV03,a34004,35,N,true,raw-flags", before.Export);

        // Accepted by the centre: the review decides; the raw value and flag are exported untouched (AQ-DATA).
        await Ok(centre.PostJson(Review("RV03") + "/accept", "{}"));
        var after = await Read();
        Assert.False(after.Latest["valid"]!.GetValue<bool>());
        Assert.Equal("review", after.Latest["validityBy"]!.GetValue<string>());
        Assert.Equal("N", after.Latest["flag"]!.GetValue<string>());
        Assert.Equal("35", after.Latest["value"]!.GetValue<string>());
        Assert.Equal("review", after.Assessment["validity"]!.GetValue<string>());
        Assert.Equal(47, after.Assessment["qcPass"]!["numerator"]!.GetValue<int>());
        Assert.Contains("2026-11-21T23:00:00,RV03,a34004,35,N,false,review", after.Export);
        Assert.Contains("2026-11-21T22:00:00,RV03,a34004,35,N,true,raw-flags", after.Export);
        Assert.Contains("2026-11-21T23:00:00,RV03,a21026,8,N,true,raw-flags", after.Export);
        Assert.Equal(before.Export.Length, after.Export.Length);
    }

    [Theory]
    [InlineData(true, true, 720 - 24)]
    [InlineData(false, true, 720)]
    [InlineData(true, false, 720)]
    public async Task Force_majeure_hours_leave_the_expected_count_only_with_evidence_and_after_acceptance(bool evidence, bool accepted, int expected)
    {
        await using var app = new VigilFactory();
        await ReviewSeed.Station(app, "RV02", "310104", Yesterday);
        var (reviewer, reviewerId) = await ReviewSeed.User(app, "审核员乙", "qualified-reviewer", "310104");
        await ReviewSeed.Qualify(app, reviewerId, "CNEMC-2026-0102");
        var (centre, _) = await ReviewSeed.User(app, "总站复核员", "national-centre", "000000");
        app.Clock.SetUtcNow(ReviewSeed.Local(11, 22, 9));
        var proof = evidence ? """, "evidence": "供电局停电证明 2026-311" """ : "";
        var marks = string.Join(", ", Enumerable.Range(0, 24).Select(h => $$"""{ "hour": {{h}}, "item": "a34004", "valid": false, "reason": "force-majeure", "note": "台风停电"{{proof}} }"""));
        await Ok(reviewer.PostJson(Review("RV02") + "/marks", $$"""{ "marks": [ {{marks}} ] }"""));
        await Ok(reviewer.PostJson(Review("RV02") + "/submit", "{}"));
        if (accepted)
        {
            await Ok(centre.PostJson(Review("RV02") + "/accept", "{}"));
        }

        var assessment = await centre.GetJson("/api/stations/RV02/assessments/2026-11");
        var pm25 = assessment["items"]!.AsArray().Single(i => i!["item"]!.GetValue<string>() == "a34004")!;
        Assert.Equal(expected, pm25["capture"]!["denominator"]!.GetValue<int>());
    }
}
