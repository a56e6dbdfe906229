using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Vigil.Common;

namespace Vigil.Security;

/// <summary>Hexadecimal input (keys, station data) read into bytes, rejected with a problem that names the field.</summary>
public static class HexInput
{
    /// <summary>
    /// Reads <paramref name="text"/> as pairs of hex digits (either case, no separators). An empty text is empty data.
    /// The problem never repeats the text: it may be a secret key.
    /// </summary>
    public static bool TryParse(string? text, string field, [NotNullWhen(true)] out byte[]? bytes, [NotNullWhen(false)] out Problem? problem)
    {
        if (text is null)
        {
            bytes = null;
            problem = SecurityText.Problem(field, "argument.missing", "ArgumentMissing");
            return false;
        }

        var buffer = new byte[text.Length / 2];
        if (text.Length % 2 != 0
            || Convert.FromHexString(text, buffer, out _, out var written) != OperationStatus.Done
            || written != buffer.Length)
        {
            bytes = null;
            problem = SecurityText.Problem(field, "hex.invalid", "HexInvalid");
            return false;
        }

        bytes = buffer;
        problem = null;
        return true;
    }
}
