using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

// The collections share two cores: one server at a time keeps the first-content budget of ScreenshotTests honest.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Vigil.BrowserTests;

/// <summary>
/// A server configured with a tile base map (Vigil:Map:Tiles) in GCJ-02, and a local tile server standing in for the
/// deployment's (天地图 or an intranet one): it answers every tile with a PNG and records what was asked for.
/// </summary>
public sealed class TiledVigilServer : VigilServer
{
    /// <summary>A 1×1 PNG; the browser scales it to the tile.</summary>
    private static readonly byte[] Tile = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    private readonly HttpListener _tiles = new();
    private CancellationTokenSource? _stop;
    private Task? _serving;

    public const string Attribution = "（测试）瓦片服务";

    public Uri TileBase { get; } = new($"http://127.0.0.1:{FreePort()}/");

    /// <summary>The paths of the tiles the browser asked for.</summary>
    public ConcurrentQueue<string> Requested { get; } = new();

    public override async Task InitializeAsync()
    {
        _tiles.Prefixes.Add(TileBase.ToString());
        _tiles.Start();
        _stop = new CancellationTokenSource();
        _serving = ServeAsync(_stop.Token);
        await base.InitializeAsync();
    }

    protected override IEnumerable<(string Name, string Value)> Settings() =>
    [
        ("Vigil__Map__Tiles__Url", TileBase + "{s}/{z}/{x}/{y}.png"),
        ("Vigil__Map__Tiles__Subdomains", "ab"),
        ("Vigil__Map__Tiles__Datum", "gcj02"),
        ("Vigil__Map__Tiles__Attribution", Attribution),
    ];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _stop!.CancelAsync();
        _tiles.Stop();
        await _serving!.ContinueWith(_ => { }, TaskScheduler.Default);
        _tiles.Close();
        _stop.Dispose();
    }

    private async Task ServeAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var context = await _tiles.GetContextAsync().WaitAsync(stop);
            Requested.Enqueue(context.Request.Url!.AbsolutePath);
            context.Response.ContentType = "image/png";
            await context.Response.OutputStream.WriteAsync(Tile, stop);
            context.Response.Close();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class TiledServerCollection : ICollectionFixture<TiledVigilServer>
{
    public const string Name = "vigil server with tiles";
}

/// <summary>The prevention map on a configured tile base map (issue 6 part 2).</summary>
[Collection(TiledServerCollection.Name)]
public sealed partial class TileMapTests(TiledVigilServer server)
{
    [Fact]
    public async Task The_map_draws_on_the_configured_tiles_over_shanghai_and_its_points_filter_and_open_their_records()
    {
        await using var context = await server.NewContextAsync();
        var page = await VigilServer.SignInAsync(context, "demo-inspector");
        var hosts = new ConcurrentBag<string>();
        page.Request += (_, request) => hosts.Add(new Uri(request.Url).Authority);
        await page.GotoAsync("/map");
        var map = page.Locator("#prevention-map[data-tiles=true][data-rendered=true]");
        await Expect(map).ToBeVisibleAsync();

        // Every point in the table is a marker on the tiles, reachable by keyboard.
        var all = await page.Locator("#map-points tbody tr").CountAsync();
        Assert.True(all > 0);
        await Expect(page.Locator("#prevention-map .leaflet-marker-icon")).ToHaveCountAsync(all);
        await Expect(page.Locator("#prevention-map .leaflet-marker-icon").First).ToHaveAttributeAsync("tabindex", "0");
        await Expect(page.Locator("#prevention-map .leaflet-control-attribution")).ToContainTextAsync(TiledVigilServer.Attribution);

        // The tiles came from the configured URL, both subdomains in turn, and they cover the demo districts.
        await Expect(map).ToHaveAttributeAsync("data-tiles-loaded", new Regex("^[1-9]"));
        var tiles = server.Requested.Select(path => TilePath().Match(path)).ToList();
        Assert.All(tiles, t => Assert.True(t.Success, "unexpected tile path"));
        var zoom = int.Parse(tiles[0].Groups["z"].Value, CultureInfo.InvariantCulture);
        var (x, y) = TileOf(31.15, 121.43, zoom);
        Assert.Contains(tiles, t => t.Groups["z"].Value == zoom.ToString(CultureInfo.InvariantCulture)
            && int.Parse(t.Groups["x"].Value, CultureInfo.InvariantCulture) == x && int.Parse(t.Groups["y"].Value, CultureInfo.InvariantCulture) == y);
        Assert.Equal(["a", "b"], tiles.Select(t => t.Groups["s"].Value).Distinct().Order());

        // Nothing but Vigil and the configured tile server was asked for anything.
        Assert.Subset(new HashSet<string> { server.BaseAddress.Authority, server.TileBase.Authority }, hosts.ToHashSet());

        // A filter redraws the markers from the server's answer.
        await page.Locator("#f-colour").SelectOptionAsync("red");
        await Expect(page.Locator("#map-points tbody tr[data-kind=riskPoint]:not([data-colour=red])")).ToHaveCountAsync(0);
        var red = await page.Locator("#map-points tbody tr").CountAsync();
        Assert.True(red < all, $"{red} rows after the colour filter, {all} before");
        await Expect(page.Locator("#prevention-map .leaflet-marker-icon")).ToHaveCountAsync(red);

        // A marker, reached by keyboard, opens the same record as its row in the table.
        var marker = page.Locator("#prevention-map .leaflet-marker-icon").First;
        var name = (await marker.GetAttributeAsync("title"))!.Split(" · ")[0];
        var href = await page.Locator("#map-points tbody a", new() { HasTextString = name }).First.GetAttributeAsync("href");
        await marker.FocusAsync();
        await marker.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(href!) + "$"));
    }

    /// <summary>The Web Mercator tile holding a point (the tiling every web map uses, 天地图's "w" matrix set included).</summary>
    private static (int X, int Y) TileOf(double latitude, double longitude, int zoom)
    {
        var n = 1 << zoom;
        var radians = latitude * Math.PI / 180;
        return ((int)Math.Floor((longitude + 180) / 360 * n), (int)Math.Floor((1 - (Math.Log(Math.Tan(radians) + (1 / Math.Cos(radians))) / Math.PI)) / 2 * n));
    }

    [GeneratedRegex("^/(?<s>[ab])/(?<z>[0-9]+)/(?<x>[0-9]+)/(?<y>[0-9]+)\\.png$")]
    private static partial Regex TilePath();
}
