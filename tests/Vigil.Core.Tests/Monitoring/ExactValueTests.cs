using Vigil.Monitoring;

namespace Vigil.Core.Tests.Monitoring;

public sealed class ExactValueTests
{
    /// <summary>A daily mean such as 106/3 has a 28-digit mantissa whose words have their top bit set.</summary>
    [Fact]
    public void A_mean_with_a_full_mantissa_is_read_exactly()
    {
        var mean = 106m / 3m;
        var exact = ExactValue.From(mean);
        Assert.True(exact.HasValue);
        Assert.Equal(mean, (decimal)exact.Numerator / (decimal)exact.Denominator);
    }

    [Fact]
    public void Daily_AQI_of_repeating_means_is_computed()
    {
        var c = new DailyConcentrations(SO2: 10m / 3m, NO2: 106m / 3m, PM10: 200m / 3m, PM25: 106m / 3m, CO: 2m / 3m, O3EightHourMax: 100m / 3m, O3OneHourMax: 130m / 3m);
        var result = AqiCalculator.Daily(AqiStandards.ForDate(new DateOnly(2026, 11, 1))!, c);
        Assert.NotNull(result.Aqi);
    }
}
