using System.Globalization;
using Vigil.Monitoring;
using Vigil.Monitoring.Intake;

namespace Vigil.Core.Tests.Monitoring;

/// <summary>AQ-VALID and AQ-AQI on a station-day built from raw readings.</summary>
public sealed class StationDayTests
{
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateOnly Day = new(2026, 11, 21);

    private static RawReading Hourly(int hour, string item, string value, string flag = "N", int command = 2061, int minute = 0) =>
        new("S1", new DateTimeOffset(2026, 11, 21, hour, minute, 0, TimeSpan.FromHours(8)), command, item, "Avg", value, flag);

    private static IEnumerable<RawReading> Hours(string item, int count, string value = "40") =>
        Enumerable.Range(0, count).Select(h => Hourly(h, item, value));

    private static StationDaySeries Build(IEnumerable<RawReading> readings, string standard = "HJ633-2026") =>
        StationDay.Build(Day, readings, China, AqiStandards.ById(standard)!);

    [Fact]
    public void Daily_mean_needs_20_valid_hours()
    {
        Assert.Null(Build(Hours("a34004", 19)).Daily.PM25);
        Assert.Equal(40m, Build(Hours("a34004", 20)).Daily.PM25);
    }

    [Fact]
    public void Hours_with_an_invalid_flag_do_not_count()
    {
        var readings = Hours("a34004", 20).Append(Hourly(20, "a34004", "900", "C")).ToList();
        readings[0] = Hourly(0, "a34004", "40", "M");
        var day = Build(readings);
        Assert.Null(day.Daily.PM25);
        Assert.False(day.Hours[20].Values[Pollutant.PM25].Valid);
        Assert.Equal("C", day.Hours[20].Values[Pollutant.PM25].Flag);
    }

    [Fact]
    public void Hour_from_minute_data_needs_45_valid_minutes()
    {
        var minutes44 = Enumerable.Range(0, 44).Select(m => Hourly(5, "a21026", "10", command: 2051, minute: m));
        Assert.Null(Build(minutes44).Hours[5].Values[Pollutant.SO2].Value);
        var minutes45 = Enumerable.Range(0, 45).Select(m => Hourly(5, "a21026", m < 44 ? "10" : "55", command: 2051, minute: m));
        var hour = Build(minutes45).Hours[5].Values[Pollutant.SO2];
        Assert.Equal(11m, hour.Value);
        Assert.Equal("2051", hour.Source);
    }

    [Fact]
    public void Hourly_aqi_uses_the_hourly_values_and_names_the_primary_pollutant()
    {
        var readings = new[]
        {
            Hourly(8, "a21026", "5"), Hourly(8, "a21004", "20"), Hourly(8, "a34002", "50"),
            Hourly(8, "a34004", "60"), Hourly(8, "a21005", "0.5"), Hourly(8, "a05024", "30"),
        };
        var hour = Build(readings).Hours[8];
        Assert.Equal(100, hour.Aqi.Aqi);
        Assert.Equal(Pollutant.PM25, Assert.Single(hour.Aqi.PrimaryPollutants).Pollutant);
        var under2012 = Build(readings, "HJ633-2012").Hours[8];
        Assert.Equal(82, under2012.Aqi.Aqi);
    }

    [Fact]
    public void Readings_of_other_days_and_items_are_ignored()
    {
        var other = new RawReading("S1", new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.FromHours(8)), 2061, "a34004", "Avg", "999", "N");
        var wind = new RawReading("S1", new DateTimeOffset(2026, 11, 21, 3, 0, 0, TimeSpan.FromHours(8)), 2061, "a01007", "Avg", "3", "N");
        var day = Build([other, wind]);
        Assert.All(day.Hours, h => Assert.All(h.Values.Values, v => Assert.Null(v.Value)));
        Assert.Equal(Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_decided_verdict_decides_an_hourly_or_minute_value_and_the_raw_flag_decides_everything_else()
    {
        // AQ-REVIEW 第二十四条: the review judged 14:00 PM2.5 invalid and 15:00 valid; 16:00 nobody judged.
        var verdicts = new Dictionary<(DateOnly, int, string), Vigil.Monitoring.Review.ReviewMark>
        {
            [(Day, 14, "a34004")] = new(Day, 14, "a34004", false, Vigil.Monitoring.Review.InvalidReason.InstrumentFault, null),
            [(Day, 15, "a34004")] = new(Day, 15, "a34004", true, null, "人工判定有效"),
        };
        Assert.Equal((false, StationDay.Review), StationDay.ValidityOf(Hourly(14, "a34004", "40"), China, verdicts));
        Assert.Equal((false, StationDay.Review), StationDay.ValidityOf(Hourly(14, "a34004", "40", command: 2051, minute: 30), China, verdicts));
        Assert.Equal((true, StationDay.Review), StationDay.ValidityOf(Hourly(15, "a34004", "40", "C"), China, verdicts));
        Assert.Equal((true, StationDay.RawFlags), StationDay.ValidityOf(Hourly(16, "a34004", "40"), China, verdicts));
        Assert.Equal((false, StationDay.RawFlags), StationDay.ValidityOf(Hourly(16, "a34004", "40", "C"), China, verdicts));
        Assert.Equal((true, StationDay.RawFlags), StationDay.ValidityOf(Hourly(14, "a34004", "40", command: 2011) with { Field = "Rtd" }, China, verdicts));
        Assert.Equal((true, StationDay.RawFlags), StationDay.ValidityOf(Hourly(14, "a21026", "40"), China, verdicts));
        Assert.Equal((true, StationDay.RawFlags), StationDay.ValidityOf(Hourly(14, "a34004", "40"), China, null));
    }
}
