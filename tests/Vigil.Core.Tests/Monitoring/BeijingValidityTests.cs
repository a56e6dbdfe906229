using System.Globalization;
using Vigil.Monitoring;

namespace Vigil.Core.Tests.Monitoring;

/// <summary>
/// AQ-VALID on a real year: Dongsi (Beijing) 2016 hourly PM2.5 from tests/fixtures/beijing. Expected figures were
/// computed independently (a short Python script over the same file, exact fractions).
/// </summary>
public sealed class BeijingValidityTests
{
    [Fact]
    public void Dongsi_2016_PM25_has_345_valid_days_but_July_misses_27_so_the_annual_mean_is_invalid()
    {
        var lines = File.ReadAllLines(Fixtures.Path("beijing", "PRSA_Data_Dongsi_2016.csv"));
        var header = lines[0].Split(',').Select(h => h.Trim('"')).ToArray();
        int Col(string name) => Array.IndexOf(header, name);

        var hours = lines.Skip(1).Select(l => l.Split(',')).Select(f => (
            Day: new DateOnly(int.Parse(f[Col("year")], CultureInfo.InvariantCulture), int.Parse(f[Col("month")], CultureInfo.InvariantCulture), int.Parse(f[Col("day")], CultureInfo.InvariantCulture)),
            Pm25: f[Col("PM2.5")] == "NA" ? (decimal?)null : decimal.Parse(f[Col("PM2.5")], CultureInfo.InvariantCulture)));
        var minimums = AqiStandards.ForDate(new DateOnly(2016, 1, 1))!.Validity;
        var validDays = hours.GroupBy(h => h.Day)
            .Where(day => Validity.DailyMean(minimums, day.Select(h => h.Pm25)) is not null)
            .Select(day => day.Key)
            .ToList();

        var annual = Validity.Annual(minimums, 2016, validDays);
        Assert.Equal(345, annual.ValidDays);
        Assert.Equal([7], annual.MonthsShort);
        Assert.False(annual.IsValid);
    }
}
