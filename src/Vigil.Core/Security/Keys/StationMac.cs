using System.Security.Cryptography;
using Vigil.Security.Mac;

namespace Vigil.Security.Keys;

/// <summary>
/// Station message authentication with the station's own keys (SEC; seed 004 §7.5 and §8.2.4): only a valid
/// message-authentication key is used, and the plaintext key exists only while the MAC is computed.
/// </summary>
public static class StationMac
{
    /// <summary>
    /// Checks <paramref name="mac"/> over <paramref name="data"/> against each valid MAC key of the station, newest
    /// first, so a rotation's overlap accepts both the old and the new key.
    /// </summary>
    public static StationMacCheck Verify(
        IEnumerable<StationKey> keys, string stationId, DateTimeOffset at,
        ReadOnlySpan<byte> data, ReadOnlySpan<byte> mac, IKeyProtector protector)
    {
        var materialised = keys as IReadOnlyCollection<StationKey> ?? [.. keys];
        var usable = StationKeys.Usable(materialised, stationId, KeyPurpose.MessageAuthentication, at);
        if (usable.Count == 0)
        {
            var refusal = StationKeys.Select(materialised, stationId, KeyPurpose.MessageAuthentication, at).Refusal;
            return new StationMacCheck(StationMacVerdict.Refused, refusal?.KeyId, refusal);
        }

        foreach (var key in usable)
        {
            using var cipher = Cipher(key, protector);
            if (MessageAuthenticationCode.Verify(cipher, data, mac))
            {
                return new StationMacCheck(StationMacVerdict.Authentic, key.KeyId, null);
            }
        }

        return new StationMacCheck(StationMacVerdict.Forged, null, null);
    }

    /// <summary>The MAC of <paramref name="data"/> under the station's newest valid MAC key, or the refusal.</summary>
    public static (byte[]? Mac, KeySelection Selection) Compute(
        IEnumerable<StationKey> keys, string stationId, DateTimeOffset at, ReadOnlySpan<byte> data, IKeyProtector protector)
    {
        var selection = StationKeys.Select(keys, stationId, KeyPurpose.MessageAuthentication, at);
        if (selection.Key is null)
        {
            return (null, selection);
        }

        using var cipher = Cipher(selection.Key, protector);
        return (MessageAuthenticationCode.Compute(cipher, data), selection);
    }

    private static IMacCipher Cipher(StationKey key, IKeyProtector protector)
    {
        var material = protector.Unprotect(key.ProtectedMaterial);
        try
        {
            return MacAlgorithms.CreateCipher(key.Algorithm, material);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }
}

/// <summary>What checking a station's MAC found.</summary>
public enum StationMacVerdict
{
    /// <summary>The MAC matches one of the station's valid keys.</summary>
    Authentic,

    /// <summary>The station has valid keys and none gives this MAC: reject the message.</summary>
    Forged,

    /// <summary>No key may be used now (expired, not yet valid, revoked, or none): reject and log the refusal.</summary>
    Refused,
}

/// <summary>The verdict, the key that matched (or was refused), and the refusal to log.</summary>
public sealed record StationMacCheck(StationMacVerdict Verdict, string? KeyId, KeyRefusal? Refusal)
{
    public bool IsAuthentic => Verdict == StationMacVerdict.Authentic;
}
