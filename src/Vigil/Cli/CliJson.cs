using System.Text.Encodings.Web;
using System.Text.Json;

namespace Vigil.Host.Cli;

internal static class CliJson
{
    /// <summary>Compact JSON with Chinese text readable as is (not \u-escaped).</summary>
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
