using Vigil.Common;

namespace Vigil.Host.Ui;

/// <summary>The text of the jobs page (JobMessages.resx, English; JobMessages.zh-Hans.resx).</summary>
internal static class JobText
{
    private static readonly TextCatalog Catalog = new("Vigil.Host.Ui.JobMessages", typeof(JobText).Assembly);

    /// <summary>The text for <paramref name="key"/> in the user's language.</summary>
    public static string J(string key, params object?[] args) => Catalog.Format(key, args);
}
