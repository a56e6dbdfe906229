using System.Security.Cryptography;
using Vigil.Common;

namespace Vigil.Security.Audit;

/// <summary>
/// The secret that keys the audit chain (SEC non-repudiation; issue 12 item 5). Kept outside the database (a key file
/// the host names), so whoever can write the database alone can neither recompute the chain after an edit nor sign a
/// checkpoint: HMAC-SHA-256 instead of a bare SHA-256, whose chain anyone can rebuild.
/// </summary>
public sealed class AuditKey
{
    /// <summary>Bytes of a key: HMAC-SHA-256's block-sized security, 256 bits.</summary>
    public const int Length = 32;

    private readonly byte[] _chain;
    private readonly byte[] _checkpoint;

    public AuditKey(ReadOnlySpan<byte> secret)
    {
        Guard.Requires(secret.Length >= Length, nameof(secret), "An audit key is at least 32 bytes.");

        // One key per function (seed 004 §7.1): the chain and the checkpoints use keys derived apart, so a checkpoint
        // MAC can never be passed off as an entry's hash or the other way round.
        _chain = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret.ToArray(), Length, info: "VIGIL-AUDIT-CHAIN"u8.ToArray());
        _checkpoint = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret.ToArray(), Length, info: "VIGIL-AUDIT-CHECKPOINT"u8.ToArray());
    }

    /// <summary>A new random key from the OS's cryptographic RNG (seed 004 §7.2).</summary>
    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(Length);

    internal byte[] Chain(ReadOnlySpan<byte> data) => HMACSHA256.HashData(_chain, data);

    internal byte[] Checkpoint(ReadOnlySpan<byte> data) => HMACSHA256.HashData(_checkpoint, data);
}
