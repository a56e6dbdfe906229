using System.Text;
using Vigil.Protocols.Hj212;

namespace Vigil.Core.Tests.Protocols.Hj212;

/// <summary>
/// The MAC field Vigil accepts from stations with a key (SEC; seed 004 §8.2.4): <c>MAC=</c> and 8 hex digits of
/// either case; the MAC covers the data segment without its own field, CP included.
/// </summary>
public sealed class Hj212MacFieldTests
{
    private const string Head = "QN=20261122010000000;ST=22;CN=2061;PW=123456;MN=MAC01;Flag=5;";
    private const string Cp = "CP=&&DataTime=20261122010000;a34004-Avg=35,a34004-Flag=N&&";

    private static Hj212Error Parse(string segment, out int covered, out string coveredText, out string mac)
    {
        var frame = Hj212Frame.Build(segment);
        var error = Hj212Parser.TryParse(frame, out var packet);
        (covered, coveredText, mac) = (0, "", "");
        if (!error.IsError)
        {
            var buffer = new byte[packet.MacCoveredLength];
            packet.CopyMacCoveredData(buffer);
            (covered, coveredText, mac) = (packet.MacCoveredLength, Encoding.ASCII.GetString(buffer), Encoding.ASCII.GetString(packet.Mac));
        }

        return error;
    }

    [Theory]
    [InlineData("0A1B2C3D")]
    [InlineData("0a1b2c3d")]
    public void A_MAC_field_is_read_and_left_out_of_what_it_covers(string mac)
    {
        var error = Parse(Head + "MAC=" + mac + ";" + Cp, out var covered, out var text, out var read);
        Assert.False(error.IsError);
        Assert.Equal(mac, read);
        Assert.Equal(Head + Cp, text);
        Assert.Equal((Head + Cp).Length, covered);
    }

    [Fact]
    public void Without_a_MAC_field_the_whole_data_segment_is_covered()
    {
        Assert.False(Parse(Head + Cp, out _, out var text, out var mac).IsError);
        Assert.Equal(Head + Cp, text);
        Assert.Empty(mac);
    }

    [Theory]
    [InlineData("0A1B2C3")]
    [InlineData("0A1B2C3D4")]
    [InlineData("0A1B2C3G")]
    [InlineData("")]
    public void A_MAC_of_any_other_shape_is_refused_naming_the_field(string mac)
    {
        var error = Parse(Head + "MAC=" + mac + ";" + Cp, out _, out _, out _);
        Assert.Equal((Hj212ErrorCode.FieldValue, Hj212Field.MAC), (error.Kind, error.Field));
    }

    [Fact]
    public void A_second_MAC_field_is_refused()
    {
        var error = Parse(Head + "MAC=0A1B2C3D;MAC=0A1B2C3D;" + Cp, out _, out _, out _);
        Assert.Equal((Hj212ErrorCode.DuplicateField, Hj212Field.MAC), (error.Kind, error.Field));
    }
}
