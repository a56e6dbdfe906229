namespace Vigil.Security.Mac;

/// <summary>
/// 报文鉴别码算法 — the MAC algorithms a station may use (SEC; seed 004 §8.2.4).
/// Each member pairs a block cipher with an ISO/IEC 9797-1 MAC algorithm; all use padding method 2.
/// Adding SM4 (16-byte blocks, algorithm 1) means a member here, a cipher class and a case in
/// <see cref="MacAlgorithms"/>: the padding and CBC code in <see cref="MessageAuthenticationCode"/> stays as it is.
/// </summary>
public enum MacAlgorithm
{
    /// <summary>AES-128, 16-byte blocks, ISO/IEC 9797-1 MAC algorithm 1 (seed 004 §8.2.4.2).</summary>
    Aes128,

    /// <summary>
    /// DES with a 16-byte double-length key, 8-byte blocks, ISO/IEC 9797-1 MAC algorithm 3 ("retail MAC",
    /// the triple-DEA form of seed 004 §8.2.4.1).
    /// </summary>
    RetailDes,
}
