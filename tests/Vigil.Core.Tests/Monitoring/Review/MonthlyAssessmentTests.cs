using Vigil.Monitoring;
using Vigil.Monitoring.Intake;
using Vigil.Monitoring.Review;

namespace Vigil.Core.Tests.Monitoring.Review;

/// <summary>AQ-SCORE: capture and QC pass rates, the §四 gates, the §五 70 points and the §三 validity zero, both sides of each boundary.</summary>
public sealed class MonthlyAssessmentTests
{
    private const string Pm25 = "a34004";
    private const string WindSpeed = "a01007";
    private static readonly ValidityMinimums Minimums = AqiStandards.ForDate(new DateOnly(2026, 11, 1))!.Validity;
    private static readonly Dictionary<(DateOnly, int, string), ReviewMark> NoVerdicts = [];

    /// <summary>November 2026 (30 days, 720 hourly values expected per item): the first <paramref name="count"/> hours, valid by flag.</summary>
    private static List<ObtainedHour> Hours(string item, int count, bool flagValid = true) =>
        [.. Enumerable.Range(0, count).Select(i => new ObtainedHour(new DateOnly(2026, 11, 1).AddDays(i / 24), i % 24, item, flagValid))];

    private static StationMonthAssessment Assess(IEnumerable<ObtainedHour> hours, IReadOnlyDictionary<(DateOnly, int, string), ReviewMark>? verdicts = null, decimal? om = 30m, params string[] items) =>
        MonthlyAssessment.Assess("310104001", 2026, 11, items.Length == 0 ? [Pm25] : items, hours, verdicts ?? NoVerdicts, Minimums, om);

    /// <summary>
    /// A full PM₂.₅ month (so its validity never decides) beside wind speed, which has no validity minimum: the first
    /// <paramref name="windObtained"/> wind hours arrive, the first <paramref name="windInvalid"/> with an invalid flag.
    /// 1440 hourly values are expected.
    /// </summary>
    private static StationMonthAssessment Station(int windObtained, int windInvalid) =>
        Assess([.. Hours(Pm25, 720), .. Hours(WindSpeed, windObtained).Select((h, i) => i < windInvalid ? h with { FlagValid = false } : h)], items: [Pm25, WindSpeed]);

    [Fact]
    public void Capture_exactly_90_percent_passes_the_gate_and_one_hour_less_fails_it()
    {
        var at90 = Station(576, 0);
        Assert.Equal(new Rate(1296, 1440), at90.Capture);
        Assert.True(at90.MeetsCapture);
        Assert.Equal(100m, at90.Total);
        var below = Station(575, 0);
        Assert.False(below.MeetsCapture);
        Assert.Equal(0m, below.QcPoints);
        Assert.Equal(0m, below.Total);
    }

    [Fact]
    public void Qc_exactly_80_percent_scores_0_because_section_4_wants_above_80()
    {
        var at80 = Station(720, 288);
        Assert.Equal(new Rate(1152, 1440), at80.QcPass);
        Assert.False(at80.MeetsQc);
        Assert.Equal(0m, at80.QcPoints);
        Assert.Equal(0m, at80.Total);
        var above = Station(720, 287);
        Assert.True(above.MeetsQc);
        Assert.Equal(decimal.Round(70m * 1153 / 1440 / 0.9m, 2), above.QcPoints);
        Assert.Equal(above.QcPoints + 30m, above.Total);
    }

    [Fact]
    public void Qc_at_90_percent_scores_the_full_70_and_just_below_scores_pro_rata()
    {
        Assert.Equal(70m, Station(720, 144).QcPoints);
        Assert.Equal(69.95m, Station(720, 145).QcPoints);
    }

    /// <summary>Obtained PM₂.₅ hours of which the first <paramref name="invalid"/> carry an invalid flag.</summary>
    private static List<ObtainedHour> WithInvalid(int obtained, int invalid) =>
        [.. Hours(Pm25, obtained).Select((h, i) => i < invalid ? h with { FlagValid = false } : h)];

    [Fact]
    public void A_review_verdict_overrides_the_flag_and_an_unreviewed_hour_counts_by_its_flag()
    {
        var hours = WithInvalid(720, 2);
        var verdicts = new Dictionary<(DateOnly, int, string), ReviewMark>
        {
            [(new DateOnly(2026, 11, 1), 0, Pm25)] = new(new DateOnly(2026, 11, 1), 0, Pm25, true, null, "人工判定有效"),
            [(new DateOnly(2026, 11, 2), 5, Pm25)] = new(new DateOnly(2026, 11, 2), 5, Pm25, false, InvalidReason.Calibration, null),
        };
        Assert.Equal(new Rate(718, 720), Assess(hours).QcPass);
        Assert.Equal(new Rate(718, 720), Assess(hours, verdicts).QcPass);
        Assert.Equal(new Rate(720, 720), Assess(hours, verdicts).Capture);
    }

    [Fact]
    public void The_assessment_says_it_used_the_review_only_when_a_decided_verdict_judged_an_hour_of_its_items_that_month()
    {
        var hours = WithInvalid(720, 0);
        Assert.Equal(StationDay.RawFlags, Assess(hours).Validity);
        var pm25 = new ReviewMark(new DateOnly(2026, 11, 2), 5, Pm25, false, InvalidReason.Calibration, null);
        Assert.Equal(StationDay.Review, Assess(hours, new Dictionary<(DateOnly, int, string), ReviewMark> { [pm25.Cell] = pm25 }).Validity);
        var october = pm25 with { Date = new DateOnly(2026, 10, 31) };
        var wind = pm25 with { Item = WindSpeed };
        Assert.Equal(StationDay.RawFlags, Assess(hours, new Dictionary<(DateOnly, int, string), ReviewMark> { [october.Cell] = october, [wind.Cell] = wind }).Validity);
    }

    [Fact]
    public void Force_majeure_hours_with_evidence_are_deducted_from_those_expected()
    {
        var verdicts = Enumerable.Range(0, 24).ToDictionary(
            h => (new DateOnly(2026, 11, 30), h, Pm25),
            h => new ReviewMark(new DateOnly(2026, 11, 30), h, Pm25, false, InvalidReason.ForceMajeure, "台风停电", "供电局停电证明 2026-311"));
        var result = Assess(Hours(Pm25, 696), verdicts);
        Assert.Equal(new Rate(696, 696), result.Capture);
        Assert.Equal(24, result.Items.Single().ForceMajeureHours);
    }

    [Fact]
    public void Force_majeure_hours_with_only_a_note_stay_expected()
    {
        var verdicts = Enumerable.Range(0, 24).ToDictionary(
            h => (new DateOnly(2026, 11, 30), h, Pm25),
            h => new ReviewMark(new DateOnly(2026, 11, 30), h, Pm25, false, InvalidReason.ForceMajeure, "台风停电，供电局证明"));
        var result = Assess(Hours(Pm25, 696), verdicts);
        Assert.Equal(new Rate(696, 720), result.Capture);
        Assert.Equal(0, result.Items.Single().ForceMajeureHours);
    }

    [Fact]
    public void An_item_with_27_valid_days_meets_the_minimum_and_with_26_scores_0()
    {
        // 27 full days and 3 days of 19 hours (a daily value needs 20).
        var short27 = Hours(Pm25, 27 * 24).Concat(Enumerable.Range(27, 3).SelectMany(d => Enumerable.Range(0, 19).Select(h => new ObtainedHour(new DateOnly(2026, 11, 1).AddDays(d), h, Pm25, true))));
        var ok = Assess([.. short27, .. Hours(WindSpeed, 720)], items: [Pm25, WindSpeed]);
        Assert.Equal(27, ok.Items[0].ValidDays);
        Assert.True(ok.Items[0].MeetsValidity);
        Assert.Null(ok.Items[1].MeetsValidity);
        Assert.True(ok.MeetsValidity);

        var short26 = Hours(Pm25, 26 * 24).Concat(Enumerable.Range(26, 4).SelectMany(d => Enumerable.Range(0, 20).Select(h => new ObtainedHour(new DateOnly(2026, 11, 1).AddDays(d), h, Pm25, h != 0))));
        var failed = Assess([.. short26, .. Hours(WindSpeed, 720)], items: [Pm25, WindSpeed]);
        Assert.Equal(26, failed.Items[0].ValidDays);
        Assert.False(failed.Items[0].MeetsValidity);
        Assert.Equal(0m, failed.Items[0].Score);
        Assert.Equal(100m, failed.Items[1].Score);
        Assert.Equal(50m, failed.Total);
        Assert.False(failed.MeetsValidity);
    }

    [Fact]
    public void February_needs_25_valid_days()
    {
        var feb = new DateOnly(2026, 2, 1);
        List<ObtainedHour> Days(int n) => [.. Enumerable.Range(0, n * 24).Select(i => new ObtainedHour(feb.AddDays(i / 24), i % 24, Pm25, true))];
        var minimums = AqiStandards.ForDate(feb)!.Validity;
        Assert.True(MonthlyAssessment.Assess("s", 2026, 2, [Pm25], Days(25), NoVerdicts, minimums, 30m).Items[0].MeetsValidity);
        Assert.False(MonthlyAssessment.Assess("s", 2026, 2, [Pm25], Days(24), NoVerdicts, minimums, 30m).Items[0].MeetsValidity);
    }

    [Fact]
    public void Ozone_days_count_by_the_daily_maximum_8_hour_rule()
    {
        const string o3 = "a05024";
        // 14 valid 8-hour windows need hours 0–20 (windows 0–7 … 13–20 have ≥ 6 hours); hours 0–19 give 13.
        List<ObtainedHour> Month(int hoursPerDay) =>
            [.. Enumerable.Range(0, 30).SelectMany(d => Enumerable.Range(0, hoursPerDay).Select(h => new ObtainedHour(new DateOnly(2026, 11, 1).AddDays(d), h, o3, true)))];
        Assert.Equal(30, Assess(Month(19), items: o3).Items[0].ValidDays);
        Assert.Equal(0, Assess(Month(18), items: o3).Items[0].ValidDays);
    }

    [Fact]
    public void Without_om_points_the_total_is_not_given_but_the_data_part_is()
    {
        var result = Assess(Hours(Pm25, 720), om: null);
        Assert.Equal(70m, result.QcPoints);
        Assert.Null(result.Total);
        Assert.Null(result.FeeShare);
        Assert.Throws<ArgumentOutOfRangeException>(() => Assess(Hours(Pm25, 720), om: 30.5m));
    }

    [Theory]
    [InlineData(79.99, 0)]
    [InlineData(80, 0.8421)]
    [InlineData(94.99, 0.9999)]
    [InlineData(95, 1)]
    public void Fee_share_follows_section_7(decimal score, decimal share) =>
        Assert.Equal(share, MonthlyAssessment.FeeShare(score));

    [Fact]
    public void Hourly_values_come_from_2061_with_any_flag_or_45_valid_minutes()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        DateTimeOffset At(int hour, int minute = 0) => new(2026, 11, 1, hour, minute, 0, TimeSpan.FromHours(8));
        var readings = new List<RawReading>
        {
            new("s", At(0), 2061, Pm25, "Avg", "30", "N"),
            new("s", At(1), 2061, Pm25, "Avg", "30", "C"),
            new("s", At(1), 2061, Pm25, "Min", "30", "N"),
        };
        readings.AddRange(Enumerable.Range(0, 45).Select(m => new RawReading("s", At(2, m), 2051, Pm25, "Avg", "30", "N")));
        readings.AddRange(Enumerable.Range(0, 44).Select(m => new RawReading("s", At(3, m), 2051, Pm25, "Avg", "30", "N")));
        readings.AddRange(Enumerable.Range(0, 50).Select(m => new RawReading("s", At(4, m), 2051, Pm25, "Avg", "30", m < 10 ? "M" : "N")));
        var hours = MonthlyAssessment.HourlyValues(readings, zone, Minimums).OrderBy(h => h.Hour).ToList();
        Assert.Equal([0, 1, 2], hours.Select(h => h.Hour));
        Assert.Equal([true, false, true], hours.Select(h => h.FlagValid));
    }
}
