using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Data.Monitoring;

namespace Vigil.Tests.Security;

/// <summary>
/// Issue 3 "done when" for the monitoring area: signed out 401, wrong role 403 with a reason and nothing changed,
/// another district neither reads, lists, counts nor registers a Xuhui station's data.
/// </summary>
public sealed class MonitoringAccessTests(MonitoringAccessTests.Fixture fixture) : IClassFixture<MonitoringAccessTests.Fixture>
{
    private const string XuhuiStation = "ACCESS0104";

    private static readonly string RegisterXuhui = $$"""
        { "code": "NEW0104", "name": "新站", "divisionCode": "310104", "latitude": 31.18, "longitude": 121.43,
          "password": "123456", "items": ["a34004"] }
        """;

    /// <summary>One app with a Xuhui station holding one reading and one refusal, and users of Xuhui and Minhang.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public VigilFactory App { get; } = new();

        public HttpClient XuhuiOperator { get; private set; } = null!;

        public HttpClient MinhangOperator { get; private set; } = null!;

        public HttpClient MinhangStaff { get; private set; } = null!;

        public HttpClient XuhuiStaff { get; private set; } = null!;

        public HttpClient XuhuiDuty { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            XuhuiOperator = await App.As("徐汇运维", "om-agency", "310104");
            MinhangOperator = await App.As("闵行运维", "om-agency", "310112");
            MinhangStaff = await App.As("闵行科员", "division-staff", "310112");
            XuhuiStaff = await App.As("徐汇科员", "division-staff", "310104");
            XuhuiDuty = await App.As("徐汇值班", "duty-officer", "310104");
            var (created, _) = await XuhuiOperator.PostJson("/api/stations", $$"""
                { "code": "{{XuhuiStation}}", "name": "徐汇访问测试站", "divisionCode": "310104", "latitude": 31.18, "longitude": 121.43,
                  "password": "123456", "items": ["a34004"] }
                """);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            using var scope = App.Services.CreateScope();
            var at = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.FromHours(8));
            await scope.ServiceProvider.GetRequiredService<MonitoringStore>().AppendAsync(
                [new RawReadingRecord { StationCode = XuhuiStation, DataTime = at, Command = 2061, Item = "a34004", Field = "Avg", Value = "35", Flag = "N", ReceivedAt = at }],
                [new IntakeRejectionRecord { StationCode = XuhuiStation, ReceivedAt = at, Source = "test", Code = "station.password", Reason = "r", Excerpt = "x" }]);
        }

        public async Task<int> StationCount()
        {
            using var scope = App.Services.CreateScope();
            return (await scope.ServiceProvider.GetRequiredService<MonitoringStore>().StationsAsync()).Count;
        }

        public async Task DisposeAsync()
        {
            foreach (var client in new[] { XuhuiOperator, MinhangOperator, MinhangStaff, XuhuiStaff, XuhuiDuty })
            {
                client.Dispose();
            }

            await App.DisposeAsync();
        }
    }

    public static TheoryData<string, string, string> Endpoints => new()
    {
        { "GET", "/api/stations", "" },
        { "POST", "/api/stations", RegisterXuhui },
        { "GET", $"/api/stations/{XuhuiStation}/latest", "" },
        { "GET", $"/api/stations/{XuhuiStation}/days/2026-11-21", "" },
        { "GET", $"/api/stations/{XuhuiStation}/months/2026-11", "" },
        { "GET", $"/api/stations/{XuhuiStation}/years/2026", "" },
        { "GET", "/api/intake/status", "" },
        { "GET", "/api/intake/rejections", "" },
    };

    /// <summary>Each endpoint with a caller whose role does not allow it.</summary>
    public static TheoryData<string, string, string, string> WrongRole => new()
    {
        { "duty", "GET", "/api/stations", "" },
        { "duty", "POST", "/api/stations", RegisterXuhui },
        { "staff", "POST", "/api/stations", RegisterXuhui },
        { "duty", "GET", $"/api/stations/{XuhuiStation}/latest", "" },
        { "duty", "GET", $"/api/stations/{XuhuiStation}/days/2026-11-21", "" },
        { "duty", "GET", $"/api/stations/{XuhuiStation}/months/2026-11", "" },
        { "duty", "GET", $"/api/stations/{XuhuiStation}/years/2026", "" },
        { "staff", "GET", "/api/intake/status", "" },
        { "staff", "GET", "/api/intake/rejections", "" },
    };

    public static TheoryData<string> StationReads => new()
    {
        $"/api/stations/{XuhuiStation}/latest",
        $"/api/stations/{XuhuiStation}/days/2026-11-21",
        $"/api/stations/{XuhuiStation}/months/2026-11",
        $"/api/stations/{XuhuiStation}/years/2026",
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Signed_out_caller_gets_401_and_changes_nothing(string method, string url, string body)
    {
        using var anonymous = fixture.App.CreateClient();
        var before = await fixture.StationCount();
        using var response = await anonymous.Send(method, url, body);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await fixture.StationCount());
    }

    [Theory]
    [MemberData(nameof(WrongRole))]
    public async Task Wrong_role_gets_403_with_a_reason_and_changes_nothing(string caller, string method, string url, string body)
    {
        var before = await fixture.StationCount();
        using var response = await (caller == "duty" ? fixture.XuhuiDuty : fixture.XuhuiStaff).Send(method, url, body);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]!.GetValue<string>()));
        Assert.Equal(before, await fixture.StationCount());
    }

    [Theory]
    [MemberData(nameof(StationReads))]
    public async Task Another_district_reads_nothing_of_the_station_and_cannot_tell_it_exists(string url)
    {
        using var response = await fixture.MinhangStaff.GetAsync(new Uri(url, UriKind.Relative));
        using var unknown = await fixture.MinhangStaff.GetAsync(new Uri(url.Replace(XuhuiStation, "NOSUCH0104", StringComparison.Ordinal), UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var xuhui = await fixture.XuhuiStaff.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, xuhui.StatusCode);
    }

    [Fact]
    public async Task Another_district_neither_lists_nor_counts_the_station_or_its_data()
    {
        var minhang = (await fixture.MinhangStaff.GetJson("/api/stations")).AsArray();
        Assert.DoesNotContain(minhang, s => s!["code"]!.GetValue<string>() == XuhuiStation);
        var status = await fixture.MinhangOperator.GetJson("/api/intake/status");
        Assert.Equal((0, 0), (status["readings"]!.GetValue<int>(), status["rejections"]!.GetValue<int>()));
        Assert.Empty((await fixture.MinhangOperator.GetJson("/api/intake/rejections")).AsArray());

        var xuhui = await fixture.XuhuiOperator.GetJson("/api/intake/status");
        Assert.Equal((1, 1), (xuhui["readings"]!.GetValue<int>(), xuhui["rejections"]!.GetValue<int>()));
        Assert.Contains((await fixture.XuhuiStaff.GetJson("/api/stations")).AsArray(), s => s!["code"]!.GetValue<string>() == XuhuiStation);
    }

    [Fact]
    public async Task Another_district_cannot_register_a_station_here()
    {
        var before = await fixture.StationCount();
        var (response, problem) = await fixture.MinhangOperator.PostJson("/api/stations", RegisterXuhui);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("310104", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await fixture.StationCount());
    }
}
