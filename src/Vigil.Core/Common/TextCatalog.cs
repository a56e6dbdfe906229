using System.Globalization;
using System.Reflection;
using System.Resources;

namespace Vigil.Common;

/// <summary>
/// User-facing text of one area, from its .resx resources (neutral = English, zh-Hans satellite),
/// formatted in the current UI culture. Each area owns one catalog so areas never share a resource file.
/// </summary>
public sealed class TextCatalog
{
    private readonly ResourceManager _resources;

    public TextCatalog(string baseName, Assembly assembly) => _resources = new ResourceManager(baseName, assembly);

    /// <summary>The text for <paramref name="key"/> in the current UI culture, with arguments formatted in that culture.</summary>
    public string Format(string key, params object?[] args)
    {
        var culture = CultureInfo.CurrentUICulture;
        var template = _resources.GetString(key, culture)
            ?? throw new InvalidOperationException($"Missing text resource '{key}'.");
        return args.Length == 0 ? template : string.Format(culture, template, args);
    }
}
