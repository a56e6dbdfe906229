using Vigil.Common;

namespace Vigil.Prevention;

/// <summary>The prevention area's user-facing text (PreventionMessages.resx, zh-Hans satellite).</summary>
internal static class PreventionText
{
    // Manifest name = RootNamespace "Vigil" + folder "Prevention" + file name.
    public const string BaseName = "Vigil.Prevention.PreventionMessages";

    private static readonly TextCatalog Catalog = new(BaseName, typeof(PreventionText).Assembly);

    public static string Format(string key, params object?[] args) => Catalog.Format(key, args);

    public static Problem Problem(string field, string code, string key, params object?[] args) =>
        new(field, code, Format(key, args));
}
