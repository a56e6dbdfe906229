using System.Globalization;

namespace Vigil.Host.Cli;

/// <summary>zh-CN first: the CLI speaks English only when the environment asks for it (LANG=en_*).</summary>
internal static class CliCulture
{
    public static void Apply()
    {
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var culture = CultureInfo.GetCultureInfo(english ? "en" : "zh-CN");
        CultureInfo.CurrentUICulture = culture;
    }
}
