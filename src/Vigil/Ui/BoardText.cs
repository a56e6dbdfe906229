using Vigil.Common;

namespace Vigil.Host.Ui;

/// <summary>The text of the map, hazard and review pages (BoardMessages.resx, English; BoardMessages.zh-Hans.resx).</summary>
internal static class BoardText
{
    private static readonly TextCatalog Catalog = new("Vigil.Host.Ui.BoardMessages", typeof(BoardText).Assembly);

    /// <summary>The text for <paramref name="key"/> in the user's language.</summary>
    public static string L(string key, params object?[] args) => Catalog.Format(key, args);
}
