using Vigil.Common;

namespace Vigil.Host.Ui;

/// <summary>The text of the review pages' postponement, explanation, monthly and re-review parts (ReviewUiMessages.resx, English; ReviewUiMessages.zh-Hans.resx).</summary>
internal static class ReviewUiText
{
    private static readonly TextCatalog Catalog = new("Vigil.Host.Ui.ReviewUiMessages", typeof(ReviewUiText).Assembly);

    /// <summary>The text for <paramref name="key"/> in the user's language.</summary>
    public static string R(string key, params object?[] args) => Catalog.Format(key, args);
}
