using Vigil.Security.Keys;

namespace Vigil.Core.Tests.Security;

/// <summary>AES key wrap against the test vectors of RFC 3394 §4 (issue 12 item 3; seed 004 §7.3).</summary>
public sealed class AesKeyWrapTests
{
    private const string Kek128 = "000102030405060708090A0B0C0D0E0F";
    private const string Kek192 = "000102030405060708090A0B0C0D0E0F1011121314151617";
    private const string Kek256 = "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F";
    private const string Data128 = "00112233445566778899AABBCCDDEEFF";
    private const string Data192 = "00112233445566778899AABBCCDDEEFF0001020304050607";
    private const string Data256 = "00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F";

    /// <summary>RFC 3394 §4.1 to §4.6: KEK, key data, ciphertext.</summary>
    public static TheoryData<string, string, string> Vectors => new()
    {
        { Kek128, Data128, "1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5" },
        { Kek192, Data128, "96778B25AE6CA435F92B5B97C050AED2468AB8A17AD84E5D" },
        { Kek256, Data128, "64E8C3F9CE0F5BA263E9777905818A2A93C8191E7D6E8AE7" },
        { Kek192, Data192, "031D33264E15D33268F24EC260743EDCE1C6C7DDEE725A936BA814915C6762D2" },
        { Kek256, Data192, "A8F9BC1612C68B3FF6E6F4FBE30E71E4769C8B80A32CB8958CD5D17D6B254DA1" },
        { Kek256, Data256, "28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Wrap_and_unwrap_give_the_RFC_3394_vectors(string kek, string data, string ciphertext)
    {
        Assert.Equal(ciphertext, Convert.ToHexString(AesKeyWrap.Wrap(Convert.FromHexString(kek), Convert.FromHexString(data))));
        Assert.Equal(data, Convert.ToHexString(AesKeyWrap.Unwrap(Convert.FromHexString(kek), Convert.FromHexString(ciphertext))!));
    }

    [Fact]
    public void Unwrapping_under_another_key_or_after_a_bit_flip_fails_the_integrity_check()
    {
        var wrapped = Convert.FromHexString("64E8C3F9CE0F5BA263E9777905818A2A93C8191E7D6E8AE7");
        Assert.Null(AesKeyWrap.Unwrap(Convert.FromHexString(Kek128), wrapped));
        wrapped[^1] ^= 1;
        Assert.Null(AesKeyWrap.Unwrap(Convert.FromHexString(Kek256), wrapped));
        Assert.Null(AesKeyWrap.Unwrap(Convert.FromHexString(Kek256), wrapped.AsSpan(0, 16)));
    }
}

/// <summary>The key check value delivered with a wrapped key, computed independently with the framework's ciphers.</summary>
public sealed class KeyCheckValueTests
{
    [Fact]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms",
        Justification = "The retail MAC's key is a two-key 3DES key (seed 004 §8.2.4); its check value is compared with the framework's 3DES.")]
    public void The_check_value_is_the_first_three_bytes_of_the_encrypted_zero_block()
    {
        var aesKey = Convert.FromHexString("2B7E151628AED2A6ABF7158809CF4F3C");
        using var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = aesKey;
        Assert.Equal(aes.EncryptEcb(new byte[16], System.Security.Cryptography.PaddingMode.None)[..3], Vigil.Security.Mac.MacAlgorithms.CheckValue(Vigil.Security.Mac.MacAlgorithm.Aes128, aesKey));

        var desKey = Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210");
        using var des = System.Security.Cryptography.TripleDES.Create();
        des.Key = [.. desKey, .. desKey[..8]]; // K1‖K2‖K1: two-key 3DES as OpenSSL takes it
        Assert.Equal(des.EncryptEcb(new byte[8], System.Security.Cryptography.PaddingMode.None)[..3], Vigil.Security.Mac.MacAlgorithms.CheckValue(Vigil.Security.Mac.MacAlgorithm.RetailDes, desKey));
    }
}
