using Vigil.Core.Tests.Common;
using Vigil.Prevention;

namespace Vigil.Core.Tests.Prevention;

/// <summary>Industry names instead of register codes, in Chinese and English, and the code itself when unknown.</summary>
public sealed class IndustryCatalogueTests
{
    private static string In(string culture, Func<string> text)
    {
        using (new CultureScope(culture))
        {
            return text();
        }
    }

    [Theory]
    [InlineData("chemicals", "化工", "Chemicals")]
    [InlineData("retail", "商贸零售", "Retail")]
    [InlineData("building-materials", "建材", "Building materials")]
    [InlineData("special-equipment", "特种设备", "Special equipment")]
    public void A_known_code_is_named_in_both_languages(string code, string chinese, string english)
    {
        Assert.Equal(chinese, In("zh-CN", () => IndustryCatalogue.Name(code)));
        Assert.Equal(english, In("en", () => IndustryCatalogue.Name(code)));
    }

    [Fact]
    public void An_unknown_code_is_shown_as_it_is()
    {
        Assert.False(IndustryCatalogue.Knows("tea-houses"));
        Assert.Equal("tea-houses", In("zh-CN", () => IndustryCatalogue.Name("tea-houses")));
    }

    [Fact]
    public void DP_TIER_every_key_industry_has_a_name_and_the_tier_reason_uses_it()
    {
        foreach (var code in KeyIndustries.Default.Codes)
        {
            Assert.True(IndustryCatalogue.Knows(code), code);
            Assert.NotEqual(code, In("zh-CN", () => IndustryCatalogue.Name(code)));
        }

        var reason = In("zh-CN", () => TierPolicy.Default.Decide(new SupervisionFacts("e1", "chemicals", 0, [])).Reasons[0].Text);
        Assert.Contains("化工", reason, StringComparison.Ordinal);
    }
}
