using Vigil.Security.Mac;

namespace Vigil.Core.Tests.Security;

/// <summary>
/// The shared padding and CBC code driven by a cipher that does not encrypt, so the expected MAC is the XOR of the
/// padded blocks and can be worked out by hand. It is also the shape a third cipher (SM4) plugs in with.
/// </summary>
public sealed class MacCbcFrameworkTests
{
    [Theory]
    [InlineData(16, "", "80000000")]
    [InlineData(16, "0102", "01028000")]
    [InlineData(16, "000102030405060708090A0B0C0D0E", "00010203")]
    [InlineData(16, "000102030405060708090A0B0C0D0E0F", "80010203")]
    [InlineData(16, "000102030405060708090A0B0C0D0E0F10", "10810203")]
    [InlineData(8, "01020304050607", "01020304")]
    [InlineData(8, "0102030405060708", "81020304")]
    [InlineData(8, "F0F0F0F0F0F0F0F0F0", "0070F0F0")]
    public void The_MAC_is_the_left_four_bytes_of_the_XOR_of_the_padded_blocks_under_an_identity_cipher(int blockSize, string data, string expected)
    {
        using var cipher = new IdentityCipher(blockSize);
        Assert.Equal(expected, Convert.ToHexString(MessageAuthenticationCode.Compute(cipher, Convert.FromHexString(data))));
    }

    [Fact]
    public void The_output_transformation_runs_once_on_the_last_block_only()
    {
        using var cipher = new IdentityCipher(16);
        MessageAuthenticationCode.Compute(cipher, new byte[40]);
        Assert.Equal((3, 1), (cipher.Encryptions, cipher.OutputTransformations));
    }

    private sealed class IdentityCipher(int blockSize) : IMacCipher
    {
        public int Encryptions { get; private set; }

        public int OutputTransformations { get; private set; }

        public MacAlgorithm Algorithm => MacAlgorithm.Aes128;

        public int BlockSize => blockSize;

        public void EncryptBlock(Span<byte> block)
        {
            Assert.Equal(blockSize, block.Length);
            Encryptions++;
        }

        public void TransformOutput(Span<byte> block) => OutputTransformations++;

        public void Dispose()
        {
        }
    }
}
