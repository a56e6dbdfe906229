using System.Globalization;

namespace Vigil.Common;

/// <summary>Text a plan or standard carries in both languages; zh-CN first, English second.</summary>
public sealed record LocalizedText
{
    public string Zh { get; init; } = "";

    public string En { get; init; } = "";

    /// <summary>The text for a UI culture: English for en-*, Chinese otherwise (and when English is missing).</summary>
    public string For(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" && En.Length > 0 ? En : Zh;

    public override string ToString() => For(CultureInfo.CurrentUICulture);
}
