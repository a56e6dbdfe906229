using Vigil.Common;

namespace Vigil.Host;

/// <summary>User-facing text of the host (HTTP and CLI edges), from HostMessages.resx.</summary>
internal static class HostText
{
    private static readonly TextCatalog Catalog = new("Vigil.Host.HostMessages", typeof(HostText).Assembly);

    public static string Format(string key, params object?[] args) => Catalog.Format(key, args);
}
