using System.Security.Cryptography;
using Vigil.Common;

namespace Vigil.Prevention;

/// <summary>
/// A photo or file kept as evidence of a hazard step, identified by the SHA-256 of its content (DP-HAZ "every step
/// keeps who, when, evidence"). Content addressing means a stored file can never be swapped without the hash
/// showing it; the store itself lives outside the core.
/// </summary>
public readonly record struct EvidenceHash
{
    private EvidenceHash(string hex) => Hex = hex;

    /// <summary>64 lower-case hexadecimal digits.</summary>
    public string Hex { get; }

    public static EvidenceHash Of(ReadOnlySpan<byte> content) => new(Convert.ToHexStringLower(SHA256.HashData(content)));

    /// <summary>Reads a hash sent by a client; <paramref name="field"/> names it in the problem.</summary>
    public static Outcome<EvidenceHash> Parse(string field, string? text)
    {
        if (text is { Length: 64 } && text.All(char.IsAsciiHexDigit))
        {
            return Outcome.Ok(new EvidenceHash(Convert.ToHexStringLower(Convert.FromHexString(text))));
        }

        return Outcome.Refused<EvidenceHash>(PreventionText.Problem(field, "evidence.not_sha256", "Evidence_NotSha256", field));
    }

    public override string ToString() => Hex;
}
