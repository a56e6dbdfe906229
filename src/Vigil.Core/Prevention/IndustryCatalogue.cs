using System.Collections;
using System.Globalization;
using System.Resources;

namespace Vigil.Prevention;

/// <summary>
/// 行业 — the names of the industry codes the enterprise register keeps (e.g. <c>chemicals</c> 化工), in the user's
/// language (IndustryNames.resx, English; IndustryNames.zh-Hans.resx). The register stores codes; everything shown to a
/// user goes through <see cref="Name"/>, and a code the catalogue does not know is shown as it is.
/// </summary>
public static class IndustryCatalogue
{
    // Manifest name = RootNamespace "Vigil" + folder "Prevention" + file name.
    private static readonly ResourceManager Names = new("Vigil.Prevention.IndustryNames", typeof(IndustryCatalogue).Assembly);

    /// <summary>Every code the catalogue names, in code order.</summary>
    public static IReadOnlyList<string> Codes { get; } =
    [
        .. (Names.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false) ?? throw new InvalidOperationException("The industry names are missing."))
            .Cast<DictionaryEntry>().Select(e => (string)e.Key).Order(StringComparer.Ordinal),
    ];

    /// <summary>Whether the catalogue names <paramref name="code"/>.</summary>
    public static bool Knows(string code) => Codes.Contains(code, StringComparer.Ordinal);

    /// <summary>The industry's name in the current UI language, or the code itself when the catalogue does not know it.</summary>
    public static string Name(string code) => Names.GetString(code, CultureInfo.CurrentUICulture) ?? code;
}
