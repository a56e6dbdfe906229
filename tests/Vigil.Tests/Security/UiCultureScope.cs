using System.Globalization;

namespace Vigil.Tests.Security;

/// <summary>Runs a test block under a given UI culture and restores the previous one.</summary>
internal sealed class UiCultureScope : IDisposable
{
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    public UiCultureScope(string name) => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);

    public void Dispose() => CultureInfo.CurrentUICulture = _previous;
}
