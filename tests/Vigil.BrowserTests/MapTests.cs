using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vigil.BrowserTests;

/// <summary>The prevention map in a real browser (DP-RISK electronic distribution map): drawn offline, filtered on the server.</summary>
[Collection(ServerCollection.Name)]
public sealed class MapTests(VigilServer server)
{
    [Fact]
    public async Task The_city_regulator_sees_both_districts_and_a_colour_filter_changes_what_is_drawn_and_listed()
    {
        await using var context = await server.NewContextAsync();
        var page = await VigilServer.SignInAsync(context, "demo-inspector");
        await page.GetByRole(AriaRole.Link, new() { Name = "风险地图" }).ClickAsync();
        await Expect(page.Locator("h1[data-interactive]")).ToBeVisibleAsync();
        await Expect(page.Locator("#map-synthetic")).ToContainTextAsync("合成边界");
        await Expect(page.Locator("#prevention-map[data-rendered=true] canvas")).ToHaveCountAsync(1);
        await Expect(page.Locator("#map-divisions tbody tr")).ToHaveCountAsync(2);
        var all = await page.Locator("#map-points tbody tr").CountAsync();
        var drawn = int.Parse(await page.Locator("#prevention-map").GetAttributeAsync("data-points") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(all, drawn);

        await page.Locator("#f-colour").SelectOptionAsync("red");
        await Expect(page.Locator("#map-points tbody tr[data-kind=riskPoint]:not([data-colour=red])")).ToHaveCountAsync(0);
        await Expect(page.Locator("#map-points tbody tr[data-kind=riskPoint][data-colour=red]")).Not.ToHaveCountAsync(0);
        var red = await page.Locator("#map-points tbody tr").CountAsync();
        Assert.True(red < all, $"{red} rows after the colour filter, {all} before");
        await Expect(page.Locator("#prevention-map")).ToHaveAttributeAsync("data-points", red.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // A hazard point's link opens its record.
        await page.Locator("#map-points tbody tr[data-kind=hazard] a").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/hazards/[0-9a-f-]{36}$"));
    }

    [Fact]
    public async Task A_district_regulator_sees_only_their_own_district_on_the_map()
    {
        await using var context = await server.NewContextAsync();
        var page = await VigilServer.SignInAsync(context, "demo-minhang");
        await page.GotoAsync("/map");
        await Expect(page.Locator("#prevention-map[data-rendered=true] canvas")).ToHaveCountAsync(1);
        await Expect(page.Locator("#map-divisions tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#map-divisions tbody tr th")).ToContainTextAsync("310112");
        await Expect(page.Locator("#map-points tbody")).Not.ToContainTextAsync("徐汇");
    }

    [Fact]
    public async Task A_duty_officer_without_a_prevention_role_is_told_so()
    {
        await using var context = await server.NewContextAsync();
        var page = await VigilServer.SignInAsync(context, "demo-duty");
        await page.GotoAsync("/map");
        await Expect(page.Locator(".notice[role=alert]")).ToContainTextAsync("双重预防");
        await Expect(page.Locator("#prevention-map")).ToHaveCountAsync(0);
    }
}
