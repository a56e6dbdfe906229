using Vigil.Data.Monitoring;
using Vigil.Monitoring;
using Vigil.Monitoring.Review;

namespace Vigil.Host.Monitoring;

/// <summary>
/// A station's month under AQ-SCORE from its raw hours and the review verdicts in force, and the state of its monthly
/// review: the one computation behind <c>GET /api/stations/{code}/assessments/{month}</c> and the assessment job.
/// </summary>
internal sealed class MonthAssessments(MonitoringStore monitoring, ReviewStore reviews)
{
    public async Task<(StationMonthAssessment Result, ReviewState MonthlyReview)> AssessAsync(StationRecord station, DateOnly first, decimal? omPoints)
    {
        var end = first.AddMonths(1);
        var minimums = AqiStandards.ForDate(first)!.Validity;
        var queries = new StationQueries(monitoring, reviews);
        var hours = MonthlyAssessment.HourlyValues(await queries.ReadingsAsync(station.Code, first, end), StationQueries.China, minimums);
        var verdicts = await queries.VerdictsAsync(station.Code, first, end);
        var result = MonthlyAssessment.Assess(station.Code, first.Year, first.Month, ReviewService.Items(station), hours, verdicts, minimums, omPoints);
        return (result, await reviews.LoadAsync(ReviewSubject.Month(station.Code, first)));
    }
}
