using System.Net;
using System.Text.Json.Nodes;

namespace Vigil.Tests.Monitoring.Review;

/// <summary>
/// One app for the review access tables: a Xuhui station with a day of data, a Minhang station, and signed-in users of
/// each role in each district (reviewers qualified).
/// </summary>
public sealed class ReviewAccessFixture : IAsyncLifetime
{
    public VigilFactory App { get; } = new();

    public HttpClient Reviewer { get; private set; } = null!;

    public string ReviewerId { get; private set; } = "";

    public HttpClient Centre { get; private set; } = null!;

    public HttpClient Staff { get; private set; } = null!;

    public HttpClient Auditor { get; private set; } = null!;

    public HttpClient MinhangReviewer { get; private set; } = null!;

    public HttpClient MinhangCentre { get; private set; } = null!;

    public HttpClient MinhangAdmin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await ReviewSeed.Station(App, "XH01", "310104", new DateOnly(2026, 11, 21));
        await ReviewSeed.Station(App, "MH01", "310112", new DateOnly(2026, 11, 21));
        (Reviewer, ReviewerId) = await ReviewSeed.User(App, "徐汇审核员", "qualified-reviewer", "310104");
        await ReviewSeed.Qualify(App, ReviewerId, "CNEMC-XH-1");
        (Centre, _) = await ReviewSeed.User(App, "总站复核员", "national-centre", "000000");
        (Staff, _) = await ReviewSeed.User(App, "徐汇科员", "division-staff", "310104");
        (Auditor, _) = await ReviewSeed.User(App, "审计员", "auditor", "000000");
        string minhangReviewerId;
        (MinhangReviewer, minhangReviewerId) = await ReviewSeed.User(App, "闵行审核员", "qualified-reviewer", "310112");
        await ReviewSeed.Qualify(App, minhangReviewerId, "CNEMC-MH-1");
        (MinhangCentre, _) = await ReviewSeed.User(App, "闵行复核员", "national-centre", "310112");
        (MinhangAdmin, _) = await ReviewSeed.User(App, "闵行管理员", "administrator", "310112");
        App.Clock.SetUtcNow(ReviewSeed.Local(11, 22, 9));
    }

    /// <summary>The Xuhui station-day's event count, as division staff sees it.</summary>
    public async Task<int> TimelineLength(string review = "days/2026-11-21") =>
        (await Staff.GetJson("/api/stations/XH01/reviews/" + review))["timeline"]!.AsArray().Count;

    public async Task<int> AuditCount() => (await Auditor.GetJson("/api/audit?pageSize=1"))["total"]!.GetValue<int>();

    /// <summary>Qualifications and withdrawals in the register.</summary>
    public async Task<int> QualificationCount() =>
        (await (await App.Admin()).GetJson("/api/reviewer-qualifications")).AsArray().Sum(q => q!["revokedAt"] is null ? 1 : 2);

    public async Task DisposeAsync()
    {
        foreach (var client in new[] { Reviewer, Centre, Staff, Auditor, MinhangReviewer, MinhangCentre, MinhangAdmin })
        {
            client.Dispose();
        }

        await App.DisposeAsync();
    }
}

/// <summary>SEC for every review endpoint: 401 signed out, 403 with a reason for the wrong role, another district learns nothing.</summary>
public sealed class ReviewAccessTests(ReviewAccessFixture fixture) : IClassFixture<ReviewAccessFixture>
{
    private const string Day = "/api/stations/XH01/reviews/days/2026-11-21";
    private const string Month = "/api/stations/XH01/reviews/months/2026-11";
    private const string Mark = """{ "marks": [ { "hour": 3, "item": "a34004", "valid": false, "reason": "calibration" } ] }""";
    private const string MonthMark = """{ "marks": [ { "date": "2026-11-21", "hour": 3, "item": "a34004", "valid": false, "reason": "calibration" } ] }""";
    private const string Postpone = """{ "reason": "network-failure" }""";
    private const string Reject = """{ "reason": "复核不通过" }""";
    private const string Explain = """{ "documentNumber": "沪运维〔2026〕1号", "text": "说明" }""";
    private const string Revoke = """{ "reason": "证书注销" }""";
    private const string Qualification = """{ "userId": "{reviewer}", "certificateNumber": "CNEMC-NEW", "validFrom": "2026-01-01", "validTo": "2026-12-31" }""";

    /// <summary>Every review endpoint: method, URL, body.</summary>
    public static TheoryData<string, string, string> Endpoints => new()
    {
        { "GET", "/api/reviews/days", "" },
        { "GET", "/api/reviews/months", "" },
        { "GET", Day, "" },
        { "POST", Day + "/marks", Mark },
        { "POST", Day + "/submit", "{}" },
        { "POST", Day + "/postpone", Postpone },
        { "POST", Day + "/accept", "{}" },
        { "POST", Day + "/reject", Reject },
        { "POST", Day + "/explanation", Explain },
        { "GET", Month, "" },
        { "POST", Month + "/marks", MonthMark },
        { "POST", Month + "/submit", "{}" },
        { "POST", Month + "/accept", "{}" },
        { "POST", Month + "/reject", Reject },
        { "POST", Month + "/explanation", Explain },
        { "GET", "/api/reviewer-qualifications", "" },
        { "POST", "/api/reviewer-qualifications", Qualification },
        { "POST", "/api/reviewer-qualifications/CNEMC-XH-1/revoke", Revoke },
        { "GET", "/api/stations/XH01/assessments/2026-11", "" },
    };

    /// <summary>The wrong caller for each endpoint.</summary>
    public static TheoryData<string, string, string, string> WrongRole => new()
    {
        { "auditor", "GET", "/api/reviews/days", "" },
        { "auditor", "GET", "/api/reviews/months", "" },
        { "auditor", "GET", Day, "" },
        { "staff", "POST", Day + "/marks", Mark },
        { "centre", "POST", Day + "/marks", Mark },
        { "staff", "POST", Day + "/submit", "{}" },
        { "centre", "POST", Day + "/postpone", Postpone },
        { "reviewer", "POST", Day + "/accept", "{}" },
        { "staff", "POST", Day + "/reject", Reject },
        { "centre", "POST", Day + "/explanation", Explain },
        { "auditor", "GET", Month, "" },
        { "staff", "POST", Month + "/marks", MonthMark },
        { "centre", "POST", Month + "/submit", "{}" },
        { "reviewer", "POST", Month + "/accept", "{}" },
        { "reviewer", "POST", Month + "/reject", Reject },
        { "staff", "POST", Month + "/explanation", Explain },
        { "reviewer", "GET", "/api/reviewer-qualifications", "" },
        { "reviewer", "POST", "/api/reviewer-qualifications", Qualification },
        { "centre", "POST", "/api/reviewer-qualifications/CNEMC-XH-1/revoke", Revoke },
        { "auditor", "GET", "/api/stations/XH01/assessments/2026-11", "" },
    };

    /// <summary>What a Minhang user of the right role tries on the Xuhui station: answered as if it did not exist.</summary>
    public static TheoryData<string, string, string, string> OtherDistrict => new()
    {
        { "reviewer", "GET", Day, "" },
        { "reviewer", "POST", Day + "/marks", Mark },
        { "reviewer", "POST", Day + "/submit", "{}" },
        { "reviewer", "POST", Day + "/postpone", Postpone },
        { "centre", "POST", Day + "/accept", "{}" },
        { "centre", "POST", Day + "/reject", Reject },
        { "reviewer", "POST", Day + "/explanation", Explain },
        { "reviewer", "GET", Month, "" },
        { "reviewer", "POST", Month + "/marks", MonthMark },
        { "reviewer", "POST", Month + "/submit", "{}" },
        { "centre", "POST", Month + "/accept", "{}" },
        { "centre", "POST", Month + "/reject", Reject },
        { "reviewer", "POST", Month + "/explanation", Explain },
        { "reviewer", "GET", "/api/stations/XH01/assessments/2026-11", "" },
    };

    private string Fill(string text) => text.Replace("{reviewer}", fixture.ReviewerId, StringComparison.Ordinal);

    private async Task<(int Audit, int Day, int Month, int Qualifications)> Snapshot() =>
        (await fixture.AuditCount(), await fixture.TimelineLength(), await fixture.TimelineLength("months/2026-11"), await fixture.QualificationCount());

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Signed_out_caller_gets_401_and_changes_nothing(string method, string url, string body)
    {
        using var anonymous = fixture.App.CreateClient();
        var before = await Snapshot();
        using var response = await anonymous.Send(method, url, Fill(body));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await Snapshot());
    }

    [Theory]
    [MemberData(nameof(WrongRole))]
    public async Task Wrong_role_gets_403_with_a_reason_and_changes_nothing(string caller, string method, string url, string body)
    {
        var client = caller switch
        {
            "reviewer" => fixture.Reviewer,
            "centre" => fixture.Centre,
            "staff" => fixture.Staff,
            _ => fixture.Auditor,
        };
        var before = await Snapshot();
        using var response = await client.Send(method, url, Fill(body));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]!.GetValue<string>()));
        Assert.Equal(before, await Snapshot());
    }

    [Theory]
    [MemberData(nameof(OtherDistrict))]
    public async Task Another_district_cannot_read_or_change_the_review_and_learns_nothing(string caller, string method, string url, string body)
    {
        var client = caller == "centre" ? fixture.MinhangCentre : fixture.MinhangReviewer;
        var before = await Snapshot();
        using var response = await client.Send(method, url, body);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var unknown = await client.Send(method, url.Replace("XH01", "XH99", StringComparison.Ordinal), body);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(await Neutral(unknown, "XH99"), await Neutral(response, "XH01"));
        Assert.Equal(before, await Snapshot());
    }

    [Fact]
    public async Task Another_district_does_not_list_or_count_the_station_in_its_queues()
    {
        foreach (var queue in new[] { "/api/reviews/days?date=2026-11-21", "/api/reviews/months?month=2026-11" })
        {
            var minhang = await fixture.MinhangReviewer.GetJson(queue);
            Assert.Equal(["MH01"], minhang["items"]!.AsArray().Select(i => i!["station"]!.GetValue<string>()));
            Assert.Equal(1, minhang["total"]!.GetValue<int>());
            var centre = await fixture.Centre.GetJson(queue);
            Assert.Equal(2, centre["total"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task An_administrator_of_another_district_neither_sees_nor_qualifies_a_reviewer_here()
    {
        var before = await Snapshot();
        var list = (await fixture.MinhangAdmin.GetJson("/api/reviewer-qualifications")).AsArray();
        Assert.Equal(["CNEMC-MH-1"], list.Select(q => q!["certificateNumber"]!.GetValue<string>()));
        using var response = await fixture.MinhangAdmin.Send("POST", "/api/reviewer-qualifications", Fill(Qualification));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var revoke = await fixture.MinhangAdmin.Send("POST", "/api/reviewer-qualifications/CNEMC-XH-1/revoke", Revoke);
        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        using var unknown = await fixture.MinhangAdmin.Send("POST", "/api/reviewer-qualifications/CNEMC-XX-9/revoke", Revoke);
        Assert.Equal(await Neutral(unknown, "CNEMC-XX-9"), await Neutral(revoke, "CNEMC-XH-1"));
        Assert.Equal(before, await Snapshot());
    }

    /// <summary>The problem body with the code asked for and the trace id taken out: what is left must not tell the two apart.</summary>
    private static async Task<string> Neutral(HttpResponseMessage response, string code)
    {
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        problem.Remove("traceId");
        return problem.ToJsonString().Replace(code, "{code}", StringComparison.Ordinal);
    }
}
