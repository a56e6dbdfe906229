using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Host.Monitoring;
using Vigil.Host.Security;
using Vigil.Monitoring.Review;

namespace Vigil.Tests.Monitoring.Review;

/// <summary>
/// AQ-REVIEW: the review queue page's "other open reviews" — every station-day of the user's jurisdiction in a range
/// still awaiting the reviewer (first review or re-review) or the centre, overdue first, finished ones left out.
/// </summary>
public sealed class ReviewOpenDaysTests
{
    [Fact]
    public async Task AQ_REVIEW_open_days_are_the_unfinished_station_days_of_the_jurisdiction_overdue_first_with_the_re_review_deadline()
    {
        await using var app = new VigilFactory();
        await ReviewSeed.Station(app, "XH01", "310104");
        await ReviewSeed.Station(app, "MH01", "310112");
        var (reviewer, reviewerId) = await ReviewSeed.User(app, "徐汇审核员", "qualified-reviewer", "310104");
        await ReviewSeed.Qualify(app, reviewerId, "CNEMC-XH-OPEN");
        var (centre, _) = await ReviewSeed.User(app, "总站复核员", "national-centre", "000000");
        var now = ReviewSeed.Local(11, 22, 9);
        app.Clock.SetUtcNow(now);

        foreach (var (day, verdict) in new[] { ("2026-11-20", "accept"), ("2026-11-19", "reject") })
        {
            Assert.Equal(HttpStatusCode.OK, (await reviewer.PostJson($"/api/stations/XH01/reviews/days/{day}/submit", "{}")).Response.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await centre.PostJson($"/api/stations/XH01/reviews/days/{day}/{verdict}", """{ "reason": "复核不通过" }""")).Response.StatusCode);
        }

        using var scope = app.Services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var access = await accounts.AccessAsync((await accounts.FindAsync(reviewerId))!, null);
        var service = scope.ServiceProvider.GetRequiredService<ReviewService>();

        var open = await service.OpenDaysAsync(access, new DateOnly(2026, 11, 15), new DateOnly(2026, 11, 22), now);
        Assert.All(open, r => Assert.Equal("XH01", r.Station.Code));
        Assert.Equal(
            ["2026-11-15", "2026-11-16", "2026-11-17", "2026-11-18", "2026-11-21", "2026-11-19"],
            open.Select(r => r.State.Subject.PeriodText));
        Assert.Equal(4, open.Count(r => r.State.IsOverdue(now)));
        var returned = open[^1].State;
        Assert.Equal(ReviewStatus.Returned, returned.Status);
        Assert.Equal(ReviewSeed.Local(11, 23, 12), returned.SubmissionDue);

        // The range is [from, to): its first day is in, its end is not.
        Assert.Equal(["2026-11-21"], (await service.OpenDaysAsync(access, new DateOnly(2026, 11, 21), new DateOnly(2026, 11, 22), now)).Select(r => r.State.Subject.PeriodText));
        Assert.Empty(await service.OpenDaysAsync(access, new DateOnly(2026, 11, 22), new DateOnly(2026, 11, 22), now));
    }
}
