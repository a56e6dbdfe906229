using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vigil.BrowserTests;

/// <summary>
/// The enterprise register in a real browser (issue 6, DP-TIER, DP-RISK): the district's enterprises with their tier
/// and industry by name, an enterprise's tier and why, its risk points with their assessment history, and a map point
/// opening its record.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed partial class EnterpriseTests(VigilServer server)
{
    [GeneratedRegex("/enterprises/[0-9a-f-]{36}#rp-[0-9a-f-]{36}$")]
    private static partial Regex RiskPointUrl();

    [Fact]
    public async Task DP_TIER_the_register_lists_the_district_with_tiers_and_industry_names_and_an_enterprise_shows_why_in_both_languages()
    {
        await using var context = await server.NewContextAsync();
        var page = await VigilServer.SignInAsync(context, "demo-regulator");
        await page.GetByRole(AriaRole.Link, new() { Name = "企业", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1[data-interactive]")).ToHaveTextAsync("企业名录");

        // Xuhui's two enterprises, by industry name (not code); Minhang's are not listed.
        var rows = page.Locator("#enterprise-list tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.Locator("#enterprise-list td[data-industry=chemicals]")).ToHaveTextAsync("化工");
        await Expect(page.Locator("#enterprise-list td[data-industry=retail]")).ToHaveTextAsync("商贸零售");
        await Expect(page.Locator("#enterprise-list")).Not.ToContainTextAsync("闵行");
        await Expect(page.Locator("#f-industry option", new() { HasText = "化工" })).ToHaveCountAsync(1);

        // The tier filter: the chemical works has an open major hazard, so it alone is red (DP-TIER); the mall is blue.
        await page.Locator("#f-tier").SelectOptionAsync("red");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync("化工");
        await page.Locator("#f-tier").SelectOptionAsync("blue");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync("商场");
        await page.Locator("#f-tier").SelectOptionAsync("red");
        await Expect(rows).ToHaveCountAsync(1);

        await rows.Locator("a").ClickAsync();
        await Expect(page.Locator("h1[data-interactive]")).ToContainTextAsync("化工");
        await Expect(page.Locator("#enterprise-tier")).ToHaveAttributeAsync("data-tier", "red");
        await Expect(page.Locator("#enterprise-tier")).ToContainTextAsync("每周一查");
        await Expect(page.Locator("#tier-reasons")).ToContainTextAsync("重大事故隐患");
        await Expect(page.Locator("#enterprise-industry")).ToHaveTextAsync("化工");
        await Expect(page.Locator("section.risk-point")).ToHaveCountAsync(2);
        await Expect(page.Locator("section.risk-point .risk-history tbody tr[data-kind=assessed]").First).ToContainTextAsync("LEC");
        await Expect(page.Locator("#enterprise-hazards")).ToContainTextAsync("液氯储罐");
        await Expect(page.Locator("#enterprise-quarterly")).Not.ToBeEmptyAsync();

        // In English the same record names the industry and the tier in English.
        await page.Locator("a.lang").ClickAsync();
        await Expect(page.Locator("h1[data-interactive]")).ToContainTextAsync("化工");
        await Expect(page.Locator("#enterprise-industry")).ToHaveTextAsync("Chemicals");
        await Expect(page.Locator("#enterprise-tier")).ToContainTextAsync("Red (tier 1)");
        await Expect(page.Locator("#tier-reasons")).ToContainTextAsync("major");
    }

    [Fact]
    public async Task DP_RISK_a_risk_point_on_the_map_opens_its_enterprise_record_and_the_map_and_board_name_industries()
    {
        await using var context = await server.NewContextAsync();
        var page = await VigilServer.SignInAsync(context, "demo-inspector");
        await page.GotoAsync("/map");
        await Expect(page.Locator("#prevention-map[data-rendered=true] canvas")).ToHaveCountAsync(1);
        await Expect(page.Locator("#f-industry option", new() { HasText = "特种设备" })).ToHaveCountAsync(1);
        await Expect(page.Locator("#map-points tbody")).ToContainTextAsync("建材");
        await Expect(page.Locator("#map-points tbody")).Not.ToContainTextAsync("building-materials");

        await page.GotoAsync("/hazards");
        await Expect(page.Locator("#hazard-board tbody")).ToContainTextAsync("建材");
        await Expect(page.Locator("#hazard-board tbody")).Not.ToContainTextAsync("building-materials");

        await page.GotoAsync("/map");
        await Expect(page.Locator("#prevention-map[data-rendered=true] canvas")).ToHaveCountAsync(1);
        var point = page.Locator("#map-points tbody tr[data-kind=riskPoint] a", new() { HasText = "自动扶梯" });
        var href = await point.GetAttributeAsync("href") ?? "";
        await point.ClickAsync();
        await Expect(page).ToHaveURLAsync(RiskPointUrl());
        await Expect(page.Locator("h1[data-interactive]")).ToContainTextAsync("商场");
        var section = page.Locator("#" + href[(href.IndexOf('#', StringComparison.Ordinal) + 1)..]);
        await Expect(section).ToContainTextAsync("自动扶梯");
        await Expect(section.Locator(".risk-history tbody tr")).ToHaveCountAsync(1);
        await Expect(section.Locator(".risk-history")).ToContainTextAsync("LS");
    }

    [Fact]
    public async Task Another_district_neither_lists_nor_opens_the_enterprise_or_its_risk_point()
    {
        await using var xuhuiContext = await server.NewContextAsync();
        var xuhui = await VigilServer.SignInAsync(xuhuiContext, "demo-regulator");
        await xuhui.GotoAsync("/enterprises");
        await Expect(xuhui.Locator("h1[data-interactive]")).ToBeVisibleAsync();
        var href = await xuhui.Locator("#enterprise-list a", new() { HasText = "商场" }).GetAttributeAsync("href");

        // A risk point's own address leads to its section on its enterprise's page.
        await xuhui.GotoAsync("/" + href);
        var section = await xuhui.Locator("section.risk-point").First.GetAttributeAsync("id") ?? "";
        var pointId = section["rp-".Length..];
        await xuhui.GotoAsync("/risk-points/" + pointId);
        await Expect(xuhui).ToHaveURLAsync(new Regex("/enterprises/[0-9a-f-]{36}#rp-" + pointId + "$"));
        await Expect(xuhui.Locator("#" + section)).ToContainTextAsync("自动扶梯");

        await using var minhangContext = await server.NewContextAsync();
        var minhang = await VigilServer.SignInAsync(minhangContext, "demo-minhang");
        await minhang.GotoAsync("/enterprises");
        await Expect(minhang.Locator("#enterprise-list tbody tr")).ToHaveCountAsync(2);
        await Expect(minhang.Locator("#enterprise-list")).Not.ToContainTextAsync("徐汇");
        await minhang.GotoAsync("/" + href);
        await Expect(minhang.Locator(".notice[role=alert]")).ToHaveTextAsync("您的辖区内没有该企业。");
        await minhang.GotoAsync("/risk-points/" + pointId);
        await Expect(minhang.Locator(".notice[role=alert]")).ToHaveTextAsync("您的辖区内没有该风险点。");
    }
}
