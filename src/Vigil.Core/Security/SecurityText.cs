using Vigil.Common;

namespace Vigil.Security;

/// <summary>
/// The security area's user-facing text (SecurityMessages.resx: neutral English, zh-Hans satellite).
/// Named apart from the .resx so the SDK's DependentUpon convention leaves the resource name
/// at RootNamespace + folder + file: <c>Vigil.Security.SecurityMessages</c>.
/// </summary>
internal static class SecurityText
{
    public static TextCatalog Catalog { get; } = new("Vigil.Security.SecurityMessages", typeof(SecurityText).Assembly);

    public static string Format(string key, params object?[] args) => Catalog.Format(key, args);

    public static Problem Problem(string field, string code, string key, params object?[] args) =>
        new(field, code, Format(key, [field, .. args]));
}
