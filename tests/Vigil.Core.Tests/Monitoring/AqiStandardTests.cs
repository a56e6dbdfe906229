using Vigil.Core.Tests.Common;
using Vigil.Monitoring;

namespace Vigil.Core.Tests.Monitoring;

public sealed class AqiStandardTests
{
    [Fact]
    public void Both_embedded_standards_load_without_problems()
    {
        foreach (var file in AqiStandards.Files)
        {
            var problems = AqiStandardLoader.TryLoad(file, AqiStandards.ReadEmbedded(file), out var standard);
            Assert.Empty(problems);
            Assert.NotNull(standard);
        }

        Assert.Equal(["HJ633-2012", "HJ633-2026"], AqiStandards.All.Select(s => s.Id));
        Assert.Empty(AqiStandardLoader.CheckSequence(AqiStandards.All));
    }

    [Theory]
    [InlineData("2013-01-01", "HJ633-2012")]
    [InlineData("2022-01-04", "HJ633-2012")]
    [InlineData("2026-02-28", "HJ633-2012")]
    [InlineData("2026-03-01", "HJ633-2026")]
    [InlineData("2040-12-31", "HJ633-2026")]
    public void The_hours_own_date_picks_the_standard_AQ_STD(string date, string id)
    {
        Assert.Equal(id, AqiStandards.ForDate(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture))?.Id);
    }

    [Fact]
    public void No_standard_before_HJ_633_2012_was_issued()
    {
        Assert.Null(AqiStandards.ForDate(new DateOnly(2012, 2, 28)));
        Assert.NotNull(AqiStandards.ForDate(new DateOnly(2012, 2, 29)));
    }

    [Fact]
    public void Standards_are_found_by_id_in_any_case()
    {
        Assert.Equal("HJ633-2026", AqiStandards.ById("hj633-2026")?.Id);
        Assert.Null(AqiStandards.ById("HJ633-2099"));
    }

    public static TheoryData<string, string, string, string> BrokenFiles => new()
    {
        { "\"breakpoints\": {", "\"breakpoints\": {\"XX_1h\": [0, 1, 2, 3, 4, 5, 6, 7],", "breakpoints.XX_1h", "standard.field.invalid" },
        { "\"PM10_24h\": [0, 50, 150,", "\"PM10_24h\": [0, 150, 50,", "breakpoints.PM10_24h", "standard.breakpoints.order" },
        { "\"CO_1h\": [0, 5, 10, 35, 60, 90, 120, 150]", "\"CO_1h\": [0, 5, 10, 35, 60, 90, 120]", "breakpoints.CO_1h", "standard.breakpoints.length" },
        { "\"SO2_1h\": [0, 150, 500, 650, 800, null, null, null]", "\"SO2_1h\": [0, 150, null, 650, 800, null, null, null]", "breakpoints.SO2_1h", "standard.breakpoints.order" },
        { "\"O3_1h\": [0, 160, 200, 300, 400, 800, 1000, 1200],", "", "breakpoints.O3_1h", "standard.field.missing" },
        { "\"useTable\": \"SO2_24h\"", "\"useTable\": \"NO2_24h\"", "aboveBreakpointRules[0].useTable", "standard.rule.table" },
        { "\"useTable\": \"SO2_24h\"", "\"useTable\": \"SO2_24h\", \"iaqi\": 200", "aboveBreakpointRules[0]", "standard.field.invalid" },
        { "\"effectiveFrom\": \"2012-02-29\"", "\"effectiveFrom\": \"29.02.2012\"", "effectiveFrom", "standard.field.invalid" },
        { "\"effectiveUntil\": \"2026-02-28\"", "\"effectiveUntil\": \"2011-01-01\"", "effectiveUntil", "standard.field.invalid" },
        { "\"hourMinutes\": 45", "\"hourMinutes\": 0", "validity.hourMinutes", "standard.field.invalid" },
        { "\"method\": \"none\"", "\"method\": \"round-half-up\"", "concentrationRounding.method", "standard.field.invalid" },
        { "\"iaqiRounding\": \"ceiling\"", "\"iaqiRounding\": \"nearest\"", "iaqiRounding", "standard.field.invalid" },
        { "\"level\": 2", "\"level\": 3", "categories[1]", "standard.breakpoints.order" },
        { "\"id\": \"HJ633-2012\"", "\"id\": \"\"", "id", "standard.field.missing" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void Broken_standard_file_is_refused_naming_file_and_path(string original, string replacement, string path, string code)
    {
        var json = AqiStandards.ReadEmbedded("hj633-2012.json");
        Assert.Contains(original, json, StringComparison.Ordinal);
        var problems = AqiStandardLoader.TryLoad("hj633-2012.json", json.Replace(original, replacement, StringComparison.Ordinal), out var standard);

        Assert.Null(standard);
        Assert.Contains(problems, p => p.Field == "hj633-2012.json: " + path && p.Code == code);
    }

    [Fact]
    public void Not_JSON_is_refused_with_a_localized_message()
    {
        using var culture = new CultureScope("zh-CN");
        var problem = Assert.Single(AqiStandardLoader.TryLoad("x.json", "{ nope", out _));
        Assert.Equal("standard.json", problem.Code);
        Assert.StartsWith("x.json：不是有效的 JSON", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Versions_with_a_gap_are_refused()
    {
        var json2026 = AqiStandards.ReadEmbedded("hj633-2026.json").Replace("\"effectiveFrom\": \"2026-03-01\"", "\"effectiveFrom\": \"2026-03-02\"", StringComparison.Ordinal);
        Assert.Empty(AqiStandardLoader.TryLoad("hj633-2026.json", json2026, out var late));
        var problem = Assert.Single(AqiStandardLoader.CheckSequence([AqiStandards.ById("HJ633-2012")!, late!]));
        Assert.Equal("standard.dates.sequence", problem.Code);
    }

    [Fact]
    public void Standard_2026_changes_only_the_PM_IAQI_100_breakpoints()
    {
        var old = AqiStandards.ById("HJ633-2012")!;
        var current = AqiStandards.ById("HJ633-2026")!;
        foreach (var table in AqiBreakpointTests.Tables2012.Keys)
        {
            var changed = old.Breakpoints(table).Zip(current.Breakpoints(table)).Count(p => p.First != p.Second);
            Assert.Equal(table.Averaging == Averaging.TwentyFourHour && table.Pollutant is Pollutant.PM10 or Pollutant.PM25 ? 1 : 0, changed);
        }
    }

    [Theory]
    [InlineData(0, 1, "优", "Excellent", "#00E400")]
    [InlineData(50, 1, "优", "Excellent", "#00E400")]
    [InlineData(51, 2, "良", "Good", "#FFFF00")]
    [InlineData(100, 2, "良", "Good", "#FFFF00")]
    [InlineData(101, 3, "轻度污染", "Lightly polluted", "#FF7E00")]
    [InlineData(150, 3, "轻度污染", "Lightly polluted", "#FF7E00")]
    [InlineData(151, 4, "中度污染", "Moderately polluted", "#FF0000")]
    [InlineData(200, 4, "中度污染", "Moderately polluted", "#FF0000")]
    [InlineData(201, 5, "重度污染", "Heavily polluted", "#99004C")]
    [InlineData(300, 5, "重度污染", "Heavily polluted", "#99004C")]
    [InlineData(301, 6, "严重污染", "Severely polluted", "#7E0023")]
    [InlineData(500, 6, "严重污染", "Severely polluted", "#7E0023")]
    public void Category_follows_AQ_AQI_under_both_versions(int aqi, int level, string zh, string en, string colour)
    {
        foreach (var standard in AqiStandards.All)
        {
            var category = standard.CategoryFor(aqi);
            Assert.Equal((level, zh, en, colour), (category.Level, category.ChineseName, category.EnglishName, category.Colour));
        }

        using (new CultureScope("zh-CN"))
        {
            Assert.Equal(zh, AqiStandards.All[0].CategoryFor(aqi).Name);
        }

        using (new CultureScope("en-GB"))
        {
            Assert.Equal(en, AqiStandards.All[0].CategoryFor(aqi).Name);
        }
    }
}
