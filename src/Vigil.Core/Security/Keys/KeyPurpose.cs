namespace Vigil.Security.Keys;

/// <summary>
/// 密钥用途 — the one function a key serves. Seed 004 §7.1 (密钥的独立性): a key for one function is never used for
/// another; the six functions are those of §6.3.
/// </summary>
public enum KeyPurpose
{
    /// <summary>MAC计算 — authenticating station messages (§8.2).</summary>
    MessageAuthentication,

    /// <summary>数据加密.</summary>
    DataEncryption,

    /// <summary>数据解密.</summary>
    DataDecryption,

    /// <summary>密钥派生（分散）.</summary>
    KeyDerivation,

    /// <summary>内部认证.</summary>
    InternalAuthentication,

    /// <summary>外部认证.</summary>
    ExternalAuthentication,

    /// <summary>
    /// 密钥加密密钥 — set once when the station is commissioned, it only ever encrypts the station's later keys for
    /// delivery (§7.3 安全报文传送; issue 12 item 3). Never used to authenticate or encrypt data.
    /// </summary>
    KeyEncryption,
}
