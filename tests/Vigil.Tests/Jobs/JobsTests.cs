using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Data.Monitoring;
using Vigil.Host.Jobs;

namespace Vigil.Tests.Jobs;

/// <summary>
/// Long jobs (issue 6: "every long job shows progress"): the raw-readings export of several stations over several
/// days and the month's assessment of every station, queued, followed step by step, downloaded; only the owner sees
/// a job; a refused request names its field and queues nothing.
/// </summary>
public abstract class JobsTests(DatabaseProvider engine)
{
    private static async Task SeedAsync(VigilFactory app, string code, string division, int days)
    {
        using var scope = app.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<MonitoringStore>();
        await store.AddStationAsync(new StationRecord { Code = code, Name = "测试站," + code, DivisionCode = division, PasswordHash = "", Items = "a34004" });
        var readings = Enumerable.Range(0, days * 24).Select(h => new RawReadingRecord
        {
            StationCode = code,
            DataTime = new DateTimeOffset(new DateTime(2026, 11, 1).AddHours(h), TimeSpan.FromHours(8)),
            Command = 2061,
            Item = "a34004",
            Field = "Avg",
            Value = (40 + (h % 7)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Flag = "N",
            ReceivedAt = DateTimeOffset.UtcNow,
            PacketQn = "1",
        }).ToList();
        await store.AppendAsync(readings, []);
    }

    /// <summary>The job once it is no longer queued or running.</summary>
    internal static async Task<JsonNode> FinishedAsync(HttpClient client, string id)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var job = await client.GetJson($"/api/jobs/{id}");
            if (job["status"]!.GetValue<string>() is not ("queued" or "running"))
            {
                return job;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"job {id} did not finish");
    }

    [Fact]
    public async Task An_export_of_two_stations_over_three_days_reports_each_station_day_and_gives_every_raw_value()
    {
        await using var app = new VigilFactory { Engine = engine };
        await SeedAsync(app, "JOB0001", "310104", 3);
        await SeedAsync(app, "JOB0002", "310104", 3);
        var progress = new ConcurrentQueue<long>();
        app.Services.GetRequiredService<JobRunner>().Changed += job => progress.Enqueue(job.Done);
        using var client = await app.As("审核员甲", "qualified-reviewer");

        var (started, body) = await client.PostJson("/api/jobs/readings-export", """{ "stations": ["JOB0001", "JOB0002"], "from": "2026-11-01", "to": "2026-11-03" }""");
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var job = await FinishedAsync(client, body["id"]!.GetValue<string>());
        Assert.Equal("done", job["status"]!.GetValue<string>());
        Assert.Equal(6, job["total"]!.GetValue<int>());
        Assert.Equal(6, job["done"]!.GetValue<int>());
        Assert.Equal(100, job["percent"]!.GetValue<int>());

        // Progress was told step by step: every station-day, in order.
        Assert.Equal([1L, 2, 3, 4, 5, 6], progress.Where(d => d > 0).Distinct());

        var result = await client.GetAsync(new Uri(job["result"]!.GetValue<string>(), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.True(result.Headers.CacheControl!.NoStore, "a CSV download is never cached (issue 12 item 11)");
        Assert.Equal("readings-20261101-20261103.csv", result.Content.Headers.ContentDisposition!.FileNameStar ?? result.Content.Headers.ContentDisposition.FileName);
        var bytes = await result.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("time,station,item,value,flag,valid,validity", lines[0]);
        Assert.Equal(1 + (2 * 72), lines.Length);
        Assert.Equal("2026-11-01T00:00:00,JOB0001,a34004,40,N,true,raw-flags", lines[1]);
        Assert.Equal("2026-11-03T23:00:00,JOB0002,a34004,41,N,true,raw-flags", lines[^1]);

        // The export is on record, once per station, before it ran.
        using var scope = app.Services.CreateScope();
        var audited = await scope.ServiceProvider.GetRequiredService<VigilDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.Action == "readings.export").Select(a => a.TargetId).ToListAsync();
        Assert.Equal(["JOB0001", "JOB0002"], audited.Order());
    }

    [Fact]
    public async Task The_month_is_assessed_for_every_station_of_the_users_divisions_as_the_assessment_endpoint_does()
    {
        await using var app = new VigilFactory { Engine = engine };
        await SeedAsync(app, "JOB0001", "310104", 30);
        await SeedAsync(app, "JOB0002", "310104", 10);
        await SeedAsync(app, "JOB0003", "310112", 30);
        using var client = await app.As("审核员甲", "qualified-reviewer");

        var (started, body) = await client.PostJson("/api/jobs/monthly-assessments", """{ "month": "2026-11" }""");
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var job = await FinishedAsync(client, body["id"]!.GetValue<string>());
        Assert.Equal(2, job["total"]!.GetValue<int>());
        var csv = await client.GetStringAsync(new Uri(job["result"]!.GetValue<string>(), UriKind.Relative));
        var rows = csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(3, rows.Length);
        Assert.DoesNotContain(rows, r => r.StartsWith("JOB0003", StringComparison.Ordinal));
        foreach (var code in new[] { "JOB0001", "JOB0002" })
        {
            var single = await client.GetJson($"/api/stations/{code}/assessments/2026-11");
            var row = rows.Single(r => r.StartsWith(code, StringComparison.Ordinal));
            Assert.Contains($"\"测试站,{code}\",2026-11,{single["monthlyReview"]},{single["validity"]},", row, StringComparison.Ordinal);
            Assert.EndsWith($",{single["total"]},{single["feeShare"]},{single["meetsValidity"]!.GetValue<bool>()}", row, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Another_user_cannot_see_follow_download_or_cancel_a_job()
    {
        await using var app = new VigilFactory { Engine = engine };
        await SeedAsync(app, "JOB0001", "310104", 1);
        using var owner = await app.As("审核员甲", "qualified-reviewer");
        var (_, body) = await owner.PostJson("/api/jobs/readings-export", """{ "stations": ["JOB0001"], "from": "2026-11-01", "to": "2026-11-01" }""");
        var id = body["id"]!.GetValue<string>();
        await FinishedAsync(owner, id);

        using var other = await app.As("审核员乙", "qualified-reviewer");
        Assert.Empty((await other.GetJson("/api/jobs")).AsArray());
        Assert.Single((await owner.GetJson("/api/jobs")).AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(new Uri($"/api/jobs/{id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(new Uri($"/api/jobs/{id}/result", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Send("POST", $"/api/jobs/{id}/cancel", "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await owner.Send("POST", $"/api/jobs/{id}/cancel", "{}")).StatusCode);

        using var signedOut = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await signedOut.GetAsync(new Uri("/api/jobs", UriKind.Relative))).StatusCode);
        using var duty = await app.As("值班员", "duty-officer");
        var refused = await duty.Send("POST", "/api/jobs/readings-export", """{ "stations": ["JOB0001"], "from": "2026-11-01", "to": "2026-11-01" }""");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Theory]
    [InlineData("""{ "stations": [], "from": "2026-11-01", "to": "2026-11-01" }""", "stations")]
    [InlineData("""{ "stations": ["NOPE"], "from": "2026-11-01", "to": "2026-11-01" }""", "stations[0]")]
    [InlineData("""{ "stations": ["JOB0001", "JOB0003"], "from": "2026-11-01", "to": "2026-11-01" }""", "stations[1]")]
    [InlineData("""{ "stations": ["JOB0001"], "from": "2026-11-31", "to": "2026-12-01" }""", "from")]
    [InlineData("""{ "stations": ["JOB0001"], "from": "2026-11-01" }""", "to")]
    [InlineData("""{ "stations": ["JOB0001"], "from": "2026-11-02", "to": "2026-11-01" }""", "to")]
    [InlineData("""{ "stations": ["JOB0001"], "from": "2025-01-01", "to": "2026-01-02" }""", "to")]
    public async Task A_bad_export_request_names_its_field_and_queues_nothing(string json, string field)
    {
        await using var app = new VigilFactory { Engine = engine };
        await SeedAsync(app, "JOB0001", "310104", 1);
        await SeedAsync(app, "JOB0003", "310112", 1);
        using var client = await app.As("审核员甲", "qualified-reviewer");
        var (response, body) = await client.PostJson("/api/jobs/readings-export", json);
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.NotFound });
        Assert.Contains(body["errors"]!.AsArray(), e => e!["field"]!.GetValue<string>() == field);
        Assert.Empty((await client.GetJson("/api/jobs")).AsArray());
        using var scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<VigilDbContext>().AuditEntries.AnyAsync(a => a.Action == "readings.export"));
    }

    [Theory]
    [InlineData("2025-11-01", "2026-11-01", HttpStatusCode.Accepted)]
    [InlineData("2025-10-31", "2026-11-01", HttpStatusCode.BadRequest)]
    public async Task An_export_spans_at_most_366_days(string from, string to, HttpStatusCode expected)
    {
        await using var app = new VigilFactory { Engine = engine };
        await SeedAsync(app, "JOB0001", "310104", 1);
        using var client = await app.As("审核员甲", "qualified-reviewer");
        var (response, _) = await client.PostJson("/api/jobs/readings-export", $$"""{ "stations": ["JOB0001"], "from": "{{from}}", "to": "{{to}}" }""");
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_user_has_at_most_three_unfinished_jobs_and_a_cancelled_one_gives_no_result()
    {
        await using var app = new VigilFactory { Engine = engine };
        await SeedAsync(app, "JOB0001", "310104", 1);
        var runner = app.Services.GetRequiredService<JobRunner>();
        using var client = await app.As("审核员甲", "qualified-reviewer");
        var user = (await client.GetJson("/api/auth/me"))["user"]!["id"]!.GetValue<string>();

        // A job that waits until it is cancelled holds the single worker, so the next ones stay queued.
        var blocker = runner.Enqueue("test.block", "", user, "block.csv", (_, token) => Task.Delay(Timeout.Infinite, token))!;
        const string Export = """{ "stations": ["JOB0001"], "from": "2026-11-01", "to": "2026-11-01" }""";
        var (second, secondBody) = await client.PostJson("/api/jobs/readings-export", Export);
        var (third, _) = await client.PostJson("/api/jobs/readings-export", Export);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, third.StatusCode);
        var (fourth, fourthBody) = await client.PostJson("/api/jobs/readings-export", Export);
        Assert.Equal(HttpStatusCode.Conflict, fourth.StatusCode);
        Assert.Equal("job", fourthBody["errors"]![0]!["field"]!.GetValue<string>());

        var queued = secondBody["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Conflict, (await client.GetAsync(new Uri($"/api/jobs/{queued}/result", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.Send("POST", $"/api/jobs/{queued}/cancel", "{}")).StatusCode);
        Assert.True(blocker.Cancel());
        Assert.Equal("cancelled", (await FinishedAsync(client, queued))["status"]!.GetValue<string>());
        Assert.Equal("cancelled", (await FinishedAsync(client, blocker.Id.ToString()))["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await client.GetAsync(new Uri($"/api/jobs/{queued}/result", UriKind.Relative))).StatusCode);
        Assert.False(File.Exists(runner.ResultPath(runner.Find(Guid.Parse(queued), user)!)));
    }
}

public sealed class JobsOnSqlite() : JobsTests(DatabaseProvider.Sqlite);

public sealed class JobsOnPostgreSql() : JobsTests(DatabaseProvider.PostgreSql);
