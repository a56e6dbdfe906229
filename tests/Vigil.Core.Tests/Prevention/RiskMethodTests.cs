using Vigil.Prevention;

namespace Vigil.Core.Tests.Prevention;

/// <summary>DP-RISK: LEC and L×S colour bands, both sides of every boundary.</summary>
public sealed class RiskMethodTests
{
    private static readonly RiskMethodCatalog Catalog = RiskMethodCatalog.Default;

    private static IRiskMethod Method(string id) => Catalog.Find(id).Value;

    private static RiskColour ColourOfScore(string method, string variant, decimal score) =>
        ((ProductRiskMethod)Method(method)).BandsOf(variant).First(band => band.Admits(score)).Colour;

    private static RiskScore Lec(decimal l, decimal e, decimal c) =>
        Method("lec").Assess(new Dictionary<string, decimal> { ["l"] = l, ["e"] = e, ["c"] = c }).Value;

    private static RiskScore Ls(int l, int s, string? variant = null) =>
        Method("ls").Assess(new Dictionary<string, decimal> { ["l"] = l, ["s"] = s }, variant).Value;

    [Theory]
    // D = 70 is reachable and is the lowest yellow; 63 is the highest reachable blue.
    [InlineData(3, 3, 7, 63, RiskColour.Blue)]
    [InlineData(1, 10, 7, 70, RiskColour.Yellow)]
    // 160 and 320 cannot be reached by the factor sets; the nearest reachable scores sit on each side.
    [InlineData(0.5, 3, 100, 150, RiskColour.Yellow)]
    [InlineData(6, 2, 15, 180, RiskColour.Orange)]
    [InlineData(0.5, 6, 100, 300, RiskColour.Orange)]
    [InlineData(3, 3, 40, 360, RiskColour.Red)]
    [InlineData(10, 10, 100, 10000, RiskColour.Red)]
    [InlineData(0.1, 0.5, 1, 0.05, RiskColour.Blue)]
    public void DP_RISK_LEC_score_is_the_product_and_coloured_by_band(decimal l, decimal e, decimal c, decimal score, RiskColour colour)
    {
        var result = Lec(l, e, c);
        Assert.Equal(score, result.Score);
        Assert.Equal(colour, result.Colour);
    }

    [Theory]
    // DP-RISK regulator's reading: "160–320" includes both ends; D > 320 red; 70 ≤ D < 160 yellow; D < 70 blue.
    [InlineData(69.99, RiskColour.Blue)]
    [InlineData(70, RiskColour.Yellow)]
    [InlineData(159.99, RiskColour.Yellow)]
    [InlineData(160, RiskColour.Orange)]
    [InlineData(320, RiskColour.Orange)]
    [InlineData(320.01, RiskColour.Red)]
    public void DP_RISK_LEC_boundaries_fall_on_the_regulators_side(decimal score, RiskColour colour) =>
        Assert.Equal(colour, ColourOfScore("lec", "1", score));

    [Theory]
    // Default variant: 20–25 red, 15–19 orange, 9–14 yellow, 1–8 blue.
    [InlineData(2, 4, 8, RiskColour.Blue)]
    [InlineData(3, 3, 9, RiskColour.Yellow)]
    [InlineData(3, 4, 12, RiskColour.Yellow)]
    [InlineData(3, 5, 15, RiskColour.Orange)]
    [InlineData(4, 4, 16, RiskColour.Orange)]
    [InlineData(4, 5, 20, RiskColour.Red)]
    [InlineData(1, 1, 1, RiskColour.Blue)]
    [InlineData(5, 5, 25, RiskColour.Red)]
    public void DP_RISK_LS_default_variant_boundaries(int l, int s, int score, RiskColour colour)
    {
        var result = Ls(l, s);
        Assert.Equal(score, result.Score);
        Assert.Equal("1", result.Variant);
        Assert.Equal(colour, result.Colour);
    }

    [Theory]
    // Second variant: 20–25 red, 10–16 orange, 4–9 yellow, 1–3 blue.
    [InlineData(1, 3, 3, RiskColour.Blue)]
    [InlineData(2, 2, 4, RiskColour.Yellow)]
    [InlineData(3, 3, 9, RiskColour.Yellow)]
    [InlineData(2, 5, 10, RiskColour.Orange)]
    [InlineData(4, 4, 16, RiskColour.Orange)]
    [InlineData(4, 5, 20, RiskColour.Red)]
    public void DP_RISK_LS_second_variant_boundaries(int l, int s, int score, RiskColour colour)
    {
        var result = Ls(l, s, "2");
        Assert.Equal(score, result.Score);
        Assert.Equal(colour, result.Colour);
    }

    [Theory]
    // Products 17–19 (and 11, 13, 14) cannot occur with factors 1–5; the bands still colour them so no gap exists:
    // in the second variant anything from 10 up to (not including) 20 is orange.
    [InlineData("1", 14, RiskColour.Yellow)]
    [InlineData("1", 19, RiskColour.Orange)]
    [InlineData("2", 17, RiskColour.Orange)]
    [InlineData("2", 19, RiskColour.Orange)]
    [InlineData("2", 19.99, RiskColour.Orange)]
    public void DP_RISK_LS_scores_in_a_sources_gap_still_get_a_colour(string variant, decimal score, RiskColour colour) =>
        Assert.Equal(colour, ColourOfScore("ls", variant, score));

    [Fact]
    public void DP_RISK_every_possible_LS_product_maps_to_exactly_the_colour_of_its_range()
    {
        for (var l = 1; l <= 5; l++)
        {
            for (var s = 1; s <= 5; s++)
            {
                var product = l * s;
                var first = product >= 20 ? RiskColour.Red : product >= 15 ? RiskColour.Orange : product >= 9 ? RiskColour.Yellow : RiskColour.Blue;
                var second = product >= 20 ? RiskColour.Red : product >= 10 ? RiskColour.Orange : product >= 4 ? RiskColour.Yellow : RiskColour.Blue;
                Assert.Equal(first, Ls(l, s).Colour);
                Assert.Equal(second, Ls(l, s, "2").Colour);
            }
        }
    }

    [Fact]
    public void DP_RISK_a_score_names_the_band_that_coloured_it()
    {
        var result = Lec(6, 2, 15);
        Assert.Equal(new RiskBand(RiskColour.Orange, 160, BoundIsExclusive: false), result.Band);
        Assert.Equal(new Dictionary<string, decimal> { ["l"] = 6, ["e"] = 2, ["c"] = 15 }, result.Factors);
        Assert.Equal(new RiskBand(RiskColour.Red, 320, BoundIsExclusive: true), Lec(3, 3, 40).Band);
    }

    [Fact]
    public void DP_RISK_colours_order_red_above_orange_above_yellow_above_blue()
    {
        Assert.True(RiskColour.Red > RiskColour.Orange);
        Assert.True(RiskColour.Orange > RiskColour.Yellow);
        Assert.True(RiskColour.Yellow > RiskColour.Blue);
    }

    [Theory]
    [InlineData(4, 1, 1, "l")]
    [InlineData(1, 4, 1, "e")]
    [InlineData(1, 1, 5, "c")]
    public void DP_RISK_LEC_value_outside_its_set_is_refused_naming_the_field(decimal l, decimal e, decimal c, string field)
    {
        var result = Method("lec").Assess(new Dictionary<string, decimal> { ["l"] = l, ["e"] = e, ["c"] = c });
        var problem = Assert.Single(result.Problems);
        Assert.Equal(field, problem.Field);
        Assert.Equal("factor.not_allowed", problem.Code);
        Assert.Contains(field, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 3, "l")]
    [InlineData(6, 3, "l")]
    [InlineData(3, 0, "s")]
    [InlineData(3, 6, "s")]
    public void DP_RISK_LS_value_outside_1_to_5_is_refused_naming_the_field(int l, int s, string field)
    {
        var result = Method("ls").Assess(new Dictionary<string, decimal> { ["l"] = l, ["s"] = s });
        Assert.Equal(field, Assert.Single(result.Problems).Field);
    }

    [Fact]
    public void Missing_and_foreign_factors_and_unknown_variant_are_each_named_with_the_callers_prefix()
    {
        var result = Method("ls").Assess(new Dictionary<string, decimal> { ["l"] = 2, ["c"] = 3 }, "9", "--");
        Assert.Equal(["--variant", "--c", "--s"], result.Problems.Select(p => p.Field));
    }

    [Fact]
    public void Unknown_method_is_refused_naming_the_field()
    {
        var result = Catalog.Find("hazop", "--method");
        Assert.Equal("--method", Assert.Single(result.Problems).Field);
        Assert.Contains("lec", result.Problems[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.5", true)]
    [InlineData("abc", false)]
    [InlineData("", false)]
    [InlineData("1,5", false)]
    public void Factor_text_is_read_in_the_invariant_culture(string text, bool ok) =>
        Assert.Equal(ok, RiskFactorText.Parse("--l", text).IsSuccess);
}
