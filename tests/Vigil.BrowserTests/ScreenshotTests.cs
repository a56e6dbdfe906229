using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vigil.BrowserTests;

/// <summary>
/// The main pages show their first content within a second on demo data, and are captured as PNGs: into
/// docs/screenshots when VIGIL_SCREENSHOTS names that directory (scripts/screenshots.sh), else into a temp directory.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ScreenshotTests(VigilServer server)
{
    private static readonly TimeSpan FirstContentBudget = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task The_main_pages_show_first_content_within_a_second_and_are_captured()
    {
        var directory = Environment.GetEnvironmentVariable("VIGIL_SCREENSHOTS") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(Path.GetTempPath(), "vigil-screenshots-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);

        await using (var anonymous = await server.NewContextAsync())
        {
            var page = await anonymous.NewPageAsync();
            await CaptureAsync(page, "/sign-in", "h1", directory, "01-sign-in.png");
        }

        await using (var context = await server.NewContextAsync())
        {
            var page = await VigilServer.SignInAsync(context, "demo-director");
            await CaptureAsync(page, "/", "h1[data-interactive]", directory, "02-duty-board.png");

            await CaptureAsync(page, "/incidents/new", "h1[data-interactive]", directory, "03-new-report.png", async () =>
            {
                await page.Locator("#f-facts-equipmentType").SelectOptionAsync("pressureVessel");
                await page.Locator("#f-facts-explosion").SelectOptionAsync("true");
                await page.Locator("#f-facts-deaths").FillAsync("3");
                await page.Locator("[data-verifying=f-facts-seriousInjuries]").CheckAsync();
                await Expect(page.Locator("#grade [data-grading=accident]")).ToContainTextAsync("Ⅲ级");
            });

            await page.GotoAsync("/");
            var incident = page.Locator("table.board tbody a").First;
            var href = await incident.GetAttributeAsync("href");
            await CaptureAsync(page, "/" + href, "h1[data-interactive]", directory, "04-incident.png");
        }

        await using (var reviewer = await server.NewContextAsync())
        {
            var page = await VigilServer.SignInAsync(reviewer, "demo-reviewer");
            await CaptureAsync(page, "/stations/DEMO310104A", "h1[data-interactive]", directory, "05-station-day.png",
                () => Expect(page.Locator("#station-chart[data-rendered=true] canvas")).ToHaveCountAsync(1));
        }

        await using (var regulator = await server.NewContextAsync())
        {
            var page = await VigilServer.SignInAsync(regulator, "demo-inspector");
            await CaptureAsync(page, "/map", "h1[data-interactive]", directory, "07-map.png",
                () => Expect(page.Locator("#prevention-map[data-rendered=true] canvas")).ToHaveCountAsync(1));
            await CaptureAsync(page, "/hazards", "h1[data-interactive]", directory, "08-hazard-board.png",
                () => Expect(page.Locator("#hazard-board tbody tr").First).ToBeVisibleAsync());
        }

        await using (var queue = await server.NewContextAsync())
        {
            var page = await VigilServer.SignInAsync(queue, "demo-reviewer");
            await CaptureAsync(page, "/reviews", "h1[data-interactive]", directory, "09-review-queue.png",
                () => Expect(page.Locator("#review-queue tbody tr").First).ToBeVisibleAsync());
            var day = await page.Locator("#f-day").InputValueAsync();
            var month = await page.Locator("#f-month").InputValueAsync();
            await CaptureAsync(page, "/reviews/DEMO310104A/" + day, "h1[data-interactive]", directory, "10-station-day-review.png",
                () => Expect(page.Locator("#review-hours tbody tr")).ToHaveCountAsync(24));
            await CaptureAsync(page, "/reviews/DEMO310112A/" + month, "h1[data-interactive]", directory, "13-monthly-review.png",
                () => Expect(page.Locator("#review-status")).ToBeVisibleAsync());
            await CaptureAsync(page, "/account/password", "h1", directory, "14-account.png");
            await CaptureAsync(page, "/jobs?station=DEMO310104A", "h1[data-interactive]", directory, "15-jobs.png", async () =>
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "开始导出" }).ClickAsync();
                await Expect(page.Locator("#jobs tbody tr").First).ToHaveAttributeAsync("data-status", "done");
            });
        }

        await using (var principal = await server.NewContextAsync())
        {
            var page = await VigilServer.SignInAsync(principal, "demo-principal");
            await page.GotoAsync("/enterprises");
            var enterprise = await page.Locator("#enterprise-list tbody tr a").First.GetAttributeAsync("href");
            await CaptureAsync(page, "/" + enterprise, "h1[data-interactive]", directory, "11-enterprise.png",
                () => Expect(page.Locator("section.risk-point").First).ToBeVisibleAsync());
            var hazard = await page.Locator("#enterprise-hazards a", new() { HasText = "液氯储罐" }).GetAttributeAsync("href");
            await CaptureAsync(page, "/" + hazard, "h1[data-interactive]", directory, "12-hazard-forms.png",
                () => Expect(page.Locator("#form-plan")).ToBeVisibleAsync());
        }

        await using (var tablet = await server.NewContextAsync(width: 820, height: 1180))
        {
            var page = await VigilServer.SignInAsync(tablet, "demo-director");
            await page.GotoAsync("/culture/en?returnUrl=%2F");
            await CaptureAsync(page, "/", "h1[data-interactive]", directory, "06-duty-board-en-tablet.png");
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*.png"))
        {
            Assert.True(new FileInfo(file).Length > 10_000, file + " is too small to be a page");
        }

        Assert.Equal(15, Directory.EnumerateFiles(directory, "*.png").Count());
    }

    /// <summary>
    /// Opens the page (the first visit warms the server's code paths), then up to three more times until one visit's
    /// first contentful paint is within the budget (a build running beside the tests on two cores must not decide),
    /// waits for <paramref name="ready"/>, then captures the full page.
    /// </summary>
    private static async Task CaptureAsync(IPage page, string path, string ready, string directory, string file, Func<Task>? prepare = null)
    {
        await page.GotoAsync(path);
        var timings = new List<double>();
        for (var visit = 0; visit < 3 && !timings.Exists(t => t < FirstContentBudget.TotalMilliseconds); visit++)
        {
            await page.GotoAsync(path);
            timings.Add(await page.EvaluateAsync<double>(
                "() => new Promise(r => { const e = performance.getEntriesByName('first-contentful-paint')[0]; if (e) r(e.startTime); else new PerformanceObserver(l => r(l.getEntries()[0].startTime)).observe({ type: 'paint', buffered: true }); })"));
        }

        Assert.True(timings.Exists(t => t < FirstContentBudget.TotalMilliseconds), $"{path}: first content after {string.Join(", ", timings.Select(t => t.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))} ms");
        await Expect(page.Locator(ready)).ToBeVisibleAsync();
        if (prepare is not null)
        {
            await prepare();
        }

        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, file), FullPage = true });
    }
}
