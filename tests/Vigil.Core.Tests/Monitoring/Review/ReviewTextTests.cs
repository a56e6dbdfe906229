using System.Collections;
using System.Globalization;
using System.Resources;
using Vigil.Monitoring.Review;

namespace Vigil.Core.Tests.Monitoring.Review;

/// <summary>The review area's messages exist in English and Chinese, key for key.</summary>
public sealed class ReviewTextTests
{
    private static Dictionary<string, string> Entries(CultureInfo culture)
    {
        var set = new ResourceManager(ReviewText.BaseName, typeof(ReviewText).Assembly).GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        Assert.NotNull(set);
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    [Fact]
    public void Every_message_has_a_Chinese_translation()
    {
        var neutral = Entries(CultureInfo.InvariantCulture);
        var chinese = Entries(CultureInfo.GetCultureInfo("zh-Hans"));
        Assert.NotEmpty(neutral);
        Assert.Equal(neutral.Keys.Order(StringComparer.Ordinal), chinese.Keys.Order(StringComparer.Ordinal));
        Assert.All(neutral.Keys, key => Assert.NotEqual(neutral[key], chinese[key]));
    }
}
