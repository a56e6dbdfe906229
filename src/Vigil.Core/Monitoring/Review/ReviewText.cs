using Vigil.Common;

namespace Vigil.Monitoring.Review;

/// <summary>The review area's user-facing text (ReviewMessages.resx, zh-Hans satellite).</summary>
public static class ReviewText
{
    /// <summary>Manifest name = RootNamespace "Vigil" + folders "Monitoring/Review" + file name.</summary>
    public const string BaseName = "Vigil.Monitoring.Review.ReviewMessages";

    private static readonly TextCatalog Catalog = new(BaseName, typeof(ReviewText).Assembly);

    /// <summary>The text for <paramref name="key"/> in the current UI culture.</summary>
    public static string Format(string key, params object?[] args) => Catalog.Format(key, args);

    /// <summary>A problem whose message starts with the field it concerns.</summary>
    public static Problem Problem(string field, string code, params object?[] args) => new(field, code, Format(code, [field, .. args]));

    /// <summary>The localized name of a status, e.g. 退回重审.</summary>
    public static string Status(ReviewStatus status) => Format("status." + status);
}
