using System.Net;
using System.Security.Cryptography;

namespace Vigil.Tests.Prevention;

/// <summary>004 第二条: anyone may report a hazard with photos, without signing in; the endpoint is rate-limited and the photos content-addressed.</summary>
public sealed class PublicReportTests
{
    [Fact]
    public async Task The_same_photo_twice_is_one_file_named_by_its_sha256_and_never_rewritten()
    {
        await using var world = new PreventionWorld();
        await world.InitializeAsync();
        using var anonymous = world.App.CreateClient();
        var photo = PreventionWorld.Photo("same-bytes");
        var (first, a) = await PreventionWorld.PublicReport(anonymous, PreventionWorld.CreditCode, "配电箱门未关", photo);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var sha = Convert.ToHexStringLower(SHA256.HashData(photo));
        Assert.Equal(sha, a["photos"]![0]!.GetValue<string>());
        var path = Path.Combine(world.App.DataDirectory, "evidence", sha[..2], sha);
        var written = File.GetLastWriteTimeUtc(path);

        var (second, b) = await PreventionWorld.PublicReport(anonymous, PreventionWorld.CreditCode, "配电箱门仍未关", photo);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.NotEqual(a["id"]!.GetValue<string>(), b["id"]!.GetValue<string>());
        Assert.Equal(sha, await PreventionWorld.Upload(world.Officer, photo));
        Assert.Single(Directory.GetFiles(Path.Combine(world.App.DataDirectory, "evidence"), "*", SearchOption.AllDirectories));
        Assert.Equal(photo, await File.ReadAllBytesAsync(path));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));

        // Both files cite the same evidence.
        foreach (var id in new[] { a["id"]!, b["id"]! })
        {
            Assert.Equal(sha, (await world.Officer.GetJson($"/api/hazards/{id.GetValue<string>()}"))["steps"]![0]!["evidence"]![0]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Evidence_is_served_to_those_who_see_a_record_citing_it_and_to_no_one_else()
    {
        await using var world = new PreventionWorld();
        await world.InitializeAsync();
        using var anonymous = world.App.CreateClient();
        var photo = PreventionWorld.Photo("cited");
        var (_, receipt) = await PreventionWorld.PublicReport(anonymous, PreventionWorld.CreditCode, "电缆沟积水", photo);
        var sha = receipt["photos"]![0]!.GetValue<string>();

        using var served = await world.Regulator.GetAsync(new Uri($"/api/evidence/{sha}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(photo, await served.Content.ReadAsByteArrayAsync());
        Assert.True(served.Headers.CacheControl!.NoStore, "evidence is never cached (issue 12 item 11)");

        using var elsewhere = await world.MinhangRegulator.GetAsync(new Uri($"/api/evidence/{sha}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        var uncited = await PreventionWorld.Upload(world.Officer, PreventionWorld.Photo("not cited yet"));
        using var notCited = await world.Regulator.GetAsync(new Uri($"/api/evidence/{uncited}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, notCited.StatusCode);
        using var notAHash = await world.Regulator.GetAsync(new Uri("/api/evidence/abc", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, notAHash.StatusCode);
    }

    [Fact]
    public async Task Public_reports_are_rate_limited_per_address()
    {
        await using var app = new VigilFactory { PublicReportsPerMinute = 2 };
        using var anonymous = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var (response, _) = await PreventionWorld.PublicReport(anonymous, PreventionWorld.CreditCode, "描述");
            statuses.Add(response.StatusCode);
        }

        // The enterprise is not registered in this app: the first two are answered (404), the third is refused by the limit.
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task A_public_reporter_can_do_nothing_but_report()
    {
        await using var world = new PreventionWorld();
        await world.InitializeAsync();
        using var anonymous = world.App.CreateClient();
        var (_, receipt) = await PreventionWorld.PublicReport(anonymous, PreventionWorld.CreditCode, "楼梯扶手松动");
        var (response, _) = await anonymous.PostJson($"/api/hazards/{receipt["id"]!.GetValue<string>()}/register", "{}");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var file = await world.Regulator.GetJson($"/api/hazards/{receipt["id"]!.GetValue<string>()}");
        Assert.Single(file["steps"]!.AsArray());
        Assert.Equal("public", file["source"]!.GetValue<string>());
    }
}
