using System.Collections;
using System.Globalization;
using System.Resources;
using Vigil.Prevention;

namespace Vigil.Core.Tests.Prevention;

/// <summary>The prevention area's text resources resolve and are complete in both languages.</summary>
public sealed class PreventionTextTests
{
    private static Dictionary<string, string> Entries(CultureInfo culture)
    {
        var resources = new ResourceManager(PreventionText.BaseName, typeof(RiskColour).Assembly);
        var set = resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        Assert.NotNull(set);
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    [Fact]
    public void The_embedded_base_name_resolves_to_the_neutral_resources()
    {
        Assert.Contains(PreventionText.BaseName + ".resources", typeof(RiskColour).Assembly.GetManifestResourceNames());
        Assert.NotEmpty(Entries(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Every_message_has_a_Chinese_translation()
    {
        var neutral = Entries(CultureInfo.InvariantCulture);
        var chinese = Entries(CultureInfo.GetCultureInfo("zh-Hans"));
        Assert.Equal(neutral.Keys.Order(StringComparer.Ordinal), chinese.Keys.Order(StringComparer.Ordinal));
        Assert.All(neutral.Keys.Where(k => k != "List_Separator"), key => Assert.NotEqual(neutral[key], chinese[key]));
    }

    [Fact]
    public void The_configuration_resource_carries_the_risk_methods_document()
    {
        var resources = new ResourceManager("Vigil.Prevention.PreventionConfig", typeof(RiskColour).Assembly);
        Assert.Contains("\"methods\"", resources.GetString("RiskMethods", CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
