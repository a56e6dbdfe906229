using System.Collections;
using System.Globalization;
using System.Resources;
using Vigil.Security.Mac;

namespace Vigil.Core.Tests.Security;

public sealed class SecurityMessagesTests
{
    [Fact]
    public void Every_security_message_exists_in_English_and_Chinese_under_the_expected_resource_name()
    {
        var resources = new ResourceManager("Vigil.Security.SecurityMessages", typeof(MacAlgorithm).Assembly);
        var english = Keys(resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false));
        var chinese = Keys(resources.GetResourceSet(CultureInfo.GetCultureInfo("zh-Hans"), createIfNotExists: true, tryParents: false));

        Assert.Contains("AuditEdited", english);
        Assert.Equal(english.Order(StringComparer.Ordinal), chinese.Order(StringComparer.Ordinal));
    }

    private static List<string> Keys(ResourceSet? set)
    {
        Assert.NotNull(set);
        return [.. set.Cast<DictionaryEntry>().Select(e => (string)e.Key)];
    }
}
