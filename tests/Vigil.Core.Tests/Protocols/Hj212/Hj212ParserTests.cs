using System.Text;
using Vigil.Core.Tests.Common;
using Vigil.Protocols.Hj212;
using static Vigil.Core.Tests.Protocols.Hj212.Hj212Samples;

namespace Vigil.Core.Tests.Protocols.Hj212;

public sealed class Hj212ParserTests
{
    [Fact]
    public void Appendix_frame_exposes_every_header_field()
    {
        var frame = Bytes(AppendixFrame);
        var error = Hj212Parser.TryParse(frame, out var packet);

        Assert.False(error.IsError);
        Assert.Equal("20160801085857223", Encoding.ASCII.GetString(packet.Qn));
        Assert.Equal(32, packet.SystemCode);
        Assert.Equal(1062, packet.Command);
        Assert.Equal("100000", Encoding.ASCII.GetString(packet.Pw));
        Assert.Equal("010000A8900016F000169DC0", Encoding.ASCII.GetString(packet.Mn));
        Assert.Equal(5, packet.Flag);
        Assert.True(packet.AnswerRequested);
        Assert.Null(packet.PacketCount);
        Assert.Equal("RtdInterval=30", Encoding.ASCII.GetString(packet.Cp));
        Assert.Equal(101, packet.DataSegment.Length);
    }

    [Fact]
    public void Fields_are_slices_of_the_input_not_copies()
    {
        var frame = Bytes(AppendixFrame);
        Hj212Parser.TryParse(frame, out var packet);
        Assert.True(packet.Mn.Overlaps(frame));
        Assert.True(packet.Cp.Overlaps(frame));
    }

    [Fact]
    public void Lower_case_CRC_is_accepted()
    {
        var frame = Bytes(AppendixFrame.Replace("1C80", "1c80", StringComparison.Ordinal));
        Assert.False(Hj212Parser.TryParse(frame, out _).IsError);
    }

    [Fact]
    public void Line_without_CR_LF_parses_with_TryParseLine()
    {
        var line = Bytes(AppendixFrame.TrimEnd('\r', '\n'));
        Assert.False(Hj212Parser.TryParseLine(line, out var packet).IsError);
        Assert.Equal(1062, packet.Command);
    }

    [Fact]
    public void Real_time_data_items_carry_code_field_value_and_flag()
    {
        var frame = Frame(RealTimeData);
        Assert.False(Hj212Parser.TryParse(frame, out var packet).IsError);

        var seen = new List<(string Code, string Name, string Value, int Group)>();
        foreach (var entry in packet.Items)
        {
            seen.Add((Encoding.ASCII.GetString(entry.ItemCode), Encoding.ASCII.GetString(entry.Name), Encoding.ASCII.GetString(entry.Value), entry.Group));
        }

        Assert.Equal(13, seen.Count);
        Assert.Equal((string.Empty, "DataTime", "20220104140000", 0), seen[0]);
        Assert.Equal(("a34004", "Rtd", "48", 4), seen[7]);
        Assert.Equal(("a34004", "Flag", "C", 4), seen[8]);
        Assert.Equal(("a21005", "Rtd", "1.6", 5), seen[9]);
    }

    [Fact]
    public void Item_value_and_flag_are_typed_without_strings()
    {
        var frame = Frame(RealTimeData);
        Hj212Parser.TryParse(frame, out var packet);
        var values = new List<decimal>();
        var flags = new List<Hj212DataFlag>();
        foreach (var entry in packet.Items)
        {
            if (entry.Name.SequenceEqual("Rtd"u8) && entry.TryGetDecimal(out var v))
            {
                values.Add(v);
            }
            else if (entry.Name.SequenceEqual("Flag"u8) && entry.TryGetDataFlag(out var f))
            {
                flags.Add(f);
            }
        }

        Assert.Equal([14m, 52m, 74m, 48m, 1.6m, 23m], values);
        Assert.Equal([Hj212DataFlag.Normal, Hj212DataFlag.Normal, Hj212DataFlag.Normal, Hj212DataFlag.Calibration, Hj212DataFlag.Normal, Hj212DataFlag.Maintenance], flags);
    }

    [Fact]
    public void Packet_materialises_to_a_message_that_rebuilds_the_same_frame()
    {
        var frame = Bytes(AppendixFrame);
        Hj212Parser.TryParse(frame, out var packet);
        var message = packet.ToMessage();
        Assert.Equal("1062", message.Cn);
        Assert.Equal(AppendixFrame, Encoding.ASCII.GetString(message.ToFrame()));
        Assert.Equal(new Hj212CpItem(0, "RtdInterval", string.Empty, "RtdInterval", "30"), Assert.Single(message.Items()));
    }

    [Theory]
    [InlineData("N", Hj212DataFlag.Normal, true)]
    [InlineData("S", Hj212DataFlag.ManuallySet, true)]
    [InlineData("F", Hj212DataFlag.Stopped, false)]
    [InlineData("M", Hj212DataFlag.Maintenance, false)]
    [InlineData("D", Hj212DataFlag.Fault, false)]
    [InlineData("C", Hj212DataFlag.Calibration, false)]
    [InlineData("T", Hj212DataFlag.OverRange, false)]
    [InlineData("B", Hj212DataFlag.CommunicationFault, false)]
    public void Data_flag_validity_follows_AQ_DATA(string letter, Hj212DataFlag expected, bool valid)
    {
        Assert.True(Hj212DataFlags.TryParse(Encoding.ASCII.GetBytes(letter), out var flag));
        Assert.Equal(expected, flag);
        Assert.Equal(valid, flag.IsValid());
        Assert.Equal(letter[0], flag.ToLetter());
    }

    [Theory]
    [InlineData("X")]
    [InlineData("")]
    [InlineData("NN")]
    [InlineData("n")]
    public void Unknown_data_flag_is_not_parsed(string letter)
    {
        Assert.False(Hj212DataFlags.TryParse(Encoding.ASCII.GetBytes(letter), out _));
    }

    [Theory]
    [InlineData(4, 1, Hj212PacketFlags.None)]
    [InlineData(5, 1, Hj212PacketFlags.AnswerRequested)]
    [InlineData(6, 1, Hj212PacketFlags.Split)]
    [InlineData(7, 1, Hj212PacketFlags.AnswerRequested | Hj212PacketFlags.Split)]
    [InlineData(1, 0, Hj212PacketFlags.AnswerRequested)]
    public void Flag_bits_give_version_answer_and_split(int flag, int version, Hj212PacketFlags options)
    {
        Assert.Equal(version, Hj212FlagBits.Version(flag));
        Assert.Equal(options, Hj212FlagBits.Options(flag));
        Assert.Equal(flag, Hj212FlagBits.Compose(version, options));
    }

    /// <summary>Issue 11, item 4: field loggers' harmless deviations from table 4 parse, each noted; the letter of the standard notes nothing.</summary>
    [Theory]
    [InlineData("PW=123456;MN=STATION1", Hj212Deviations.None)]
    [InlineData("PW=123456;MN=SH_0001-A", Hj212Deviations.MnCharacters)]
    [InlineData("PW=12345678;MN=STATION1", Hj212Deviations.LongPassword)]
    [InlineData("PW=abcdefghijklmnopqrstuvwxyz012345;MN=A_1", Hj212Deviations.MnCharacters | Hj212Deviations.LongPassword)]
    public void Logger_deviations_are_accepted_and_noted(string fields, Hj212Deviations expected)
    {
        var frame = Frame($"QN=20220104140000123;ST=22;CN=2061;{fields};Flag=4;CP=&&a21026-Avg=14&&");
        Assert.False(Hj212Parser.TryParse(frame, out var packet).IsError);
        Assert.Equal(expected, packet.Deviations);
    }

    [Fact]
    public void Split_packet_exposes_PNUM_and_PNO()
    {
        var frame = Frame("QN=20220104140000123;ST=22;CN=2061;PW=123456;MN=STATION1;Flag=6;PNUM=3;PNO=2;CP=&&a21026-Avg=14&&");
        Assert.False(Hj212Parser.TryParse(frame, out var packet).IsError);
        Assert.Equal(3, packet.PacketCount);
        Assert.Equal(2, packet.PacketNumber);
        Assert.Equal(Hj212PacketFlags.Split, packet.Options);
        Assert.False(packet.AnswerRequested);
    }

    [Fact]
    public void Empty_CP_of_an_answer_is_valid()
    {
        var frame = Frame("QN=20220104140000123;ST=91;CN=9014;PW=123456;MN=STATION1;Flag=4;CP=&&&&");
        Assert.False(Hj212Parser.TryParse(frame, out var packet).IsError);
        Assert.True(packet.Cp.IsEmpty);
        Assert.False(packet.Items.MoveNext());
    }

    public static TheoryData<string, Hj212ErrorCode, int, Hj212Field> Malformed => new()
    {
        { "", Hj212ErrorCode.Terminator, 0, Hj212Field.Terminator },
        { "\r\n", Hj212ErrorCode.TooShort, 0, Hj212Field.Header },
        { "#\r\n", Hj212ErrorCode.TooShort, 1, Hj212Field.Header },
        { "$$0101\r\n", Hj212ErrorCode.Header, 0, Hj212Field.Header },
        { "#$0101\r\n", Hj212ErrorCode.Header, 1, Hj212Field.Header },
        { "##01\r\n", Hj212ErrorCode.TooShort, 4, Hj212Field.Length },
        { AppendixFrame.TrimEnd('\n'), Hj212ErrorCode.Terminator, 110, Hj212Field.Terminator },
        { AppendixFrame.Replace("##0101", "##01a1", StringComparison.Ordinal), Hj212ErrorCode.LengthDigits, 4, Hj212Field.Length },
        { AppendixFrame.Replace("##0101", "##0100", StringComparison.Ordinal), Hj212ErrorCode.LengthMismatch, 2, Hj212Field.Length },
        { AppendixFrame.Replace("&&1C80", "&&1G80", StringComparison.Ordinal), Hj212ErrorCode.CrcDigits, 108, Hj212Field.Crc },
        { AppendixFrame.Replace("&&1C80", "&&1C81", StringComparison.Ordinal), Hj212ErrorCode.CrcMismatch, 107, Hj212Field.Crc },
        { AppendixFrame.Replace("PW=100000", "PW=100001", StringComparison.Ordinal), Hj212ErrorCode.CrcMismatch, 107, Hj212Field.Crc },
        { FrameText("ST=32;CN=1062;PW=1;MN=A1;CP=&&a=1\u0001&&"), Hj212ErrorCode.InvalidByte, 39, Hj212Field.DataSegment },
        { FrameText("ST=32;CN=1062;PW=1;MN=A1"), Hj212ErrorCode.FieldSyntax, 28, Hj212Field.DataSegment },
        { FrameText("ST=32;CN=1062;PW=1;MN=A1;"), Hj212ErrorCode.MissingField, 31, Hj212Field.CP },
        { FrameText("ST=32;=1;CP=&&&&"), Hj212ErrorCode.FieldSyntax, 12, Hj212Field.DataSegment },
        { FrameText("ST=32;XX=1;CP=&&&&"), Hj212ErrorCode.UnknownField, 12, Hj212Field.DataSegment },
        { FrameText("ST=32;ST=32;CP=&&&&"), Hj212ErrorCode.DuplicateField, 12, Hj212Field.ST },
        { FrameText("QN=2016;ST=32;CN=1062;PW=1;MN=A1;CP=&&&&"), Hj212ErrorCode.FieldValue, 9, Hj212Field.QN },
        { FrameText("ST=3;CN=1062;PW=1;MN=A1;CP=&&&&"), Hj212ErrorCode.FieldValue, 9, Hj212Field.ST },
        { FrameText("ST=32;CN=10x2;PW=1;MN=A1;CP=&&&&"), Hj212ErrorCode.FieldValue, 15, Hj212Field.CN },
        { FrameText("ST=32;CN=1062;PW=" + new string('7', 33) + ";MN=A1;CP=&&&&"), Hj212ErrorCode.FieldValue, 23, Hj212Field.PW },
        { FrameText("ST=32;CN=1062;PW=1;MN=A.1;CP=&&&&"), Hj212ErrorCode.FieldValue, 28, Hj212Field.MN },
        { FrameText("ST=32;CN=1062;PW=1;MN=A1;Flag=256;CP=&&&&"), Hj212ErrorCode.FieldValue, 36, Hj212Field.Flag },
        { FrameText("ST=32;CN=1062;PW=1;MN=A1;Flag=6;PNUM=0;PNO=1;CP=&&&&"), Hj212ErrorCode.FieldValue, 43, Hj212Field.PNUM },
        { FrameText("CN=1062;PW=1;MN=A1;CP=&&&&"), Hj212ErrorCode.MissingField, 30, Hj212Field.ST },
        { FrameText("ST=32;PW=1;MN=A1;CP=&&&&"), Hj212ErrorCode.MissingField, 28, Hj212Field.CN },
        { FrameText("ST=32;CN=1062;MN=A1;CP=&&&&"), Hj212ErrorCode.MissingField, 31, Hj212Field.PW },
        { FrameText("ST=32;CN=1062;PW=1;CP=&&&&"), Hj212ErrorCode.MissingField, 30, Hj212Field.MN },
        { FrameText("ST=32;CN=1062;PW=1;MN=A1;Flag=6;CP=&&&&"), Hj212ErrorCode.MissingField, 43, Hj212Field.PNUM },
        { FrameText("ST=32;CN=1062;PW=1;MN=A1;Flag=6;PNUM=2;CP=&&&&"), Hj212ErrorCode.MissingField, 50, Hj212Field.PNO },
        { FrameText("ST=32;CN=1062;PW=1;MN=A1;PNO=2;CP=&&&&"), Hj212ErrorCode.MissingField, 42, Hj212Field.PNUM },
        { FrameText("ST=32;CN=1062;PW=1;MN=A1;Flag=6;PNUM=2;PNO=3;CP=&&&&"), Hj212ErrorCode.SplitNumbering, 49, Hj212Field.PNO },
        { FrameText("ST=32;CN=1062;PW=1;MN=A1;CP=RtdInterval=30"), Hj212ErrorCode.FieldSyntax, 34, Hj212Field.CP },
        { FrameText("ST=32;CN=1062;PW=1;MN=A1;CP=&&a=1;;b=2&&"), Hj212ErrorCode.CpSyntax, 40, Hj212Field.CP },
        { FrameText("ST=32;CN=1062;PW=1;MN=A1;CP=&&a=1,b&&"), Hj212ErrorCode.CpSyntax, 40, Hj212Field.CP },
        { FrameText("ST=32;CN=1062;PW=1;MN=A1;CP=&&a=1;&&"), Hj212ErrorCode.CpSyntax, 40, Hj212Field.CP },
        { FrameText("ST=32;CN=1062;PW=1;MN=A1;CP=&&a=1&&b=2&&"), Hj212ErrorCode.CpSyntax, 36, Hj212Field.CP },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_frame_names_the_byte_and_field(string frame, Hj212ErrorCode kind, int position, Hj212Field field)
    {
        var error = Hj212Parser.TryParse(Bytes(frame), out _);
        Assert.Equal(kind, error.Kind);
        Assert.Equal(field, error.Field);
        Assert.Equal(position, error.Position);
    }

    [Fact]
    public void Length_mismatch_reports_declared_and_actual_lengths()
    {
        var error = Hj212Parser.TryParse(Bytes(AppendixFrame.Replace("##0101", "##0100", StringComparison.Ordinal)), out _);
        Assert.Equal(100, error.Expected);
        Assert.Equal(101, error.Actual);
    }

    [Fact]
    public void CRC_error_reads_in_Chinese_by_default_culture_zh_CN()
    {
        using var culture = new CultureScope("zh-CN");
        var problem = Hj212Parser.TryParse(Bytes(AppendixFrame.Replace("&&1C80", "&&1C81", StringComparison.Ordinal)), out _).ToProblem();
        Assert.Equal("hj212.crc.mismatch", problem.Code);
        Assert.Equal("byte 107, Crc", problem.Field);
        Assert.Equal("第 107 字节：CRC 校验失败：计算值 1C80，收到 1C81", problem.Message);
    }

    [Fact]
    public void CRC_error_reads_in_English_under_en_US()
    {
        using var culture = new CultureScope("en-US");
        var problem = Hj212Parser.TryParse(Bytes(AppendixFrame.Replace("&&1C80", "&&1C81", StringComparison.Ordinal)), out _).ToProblem();
        Assert.Equal("byte 107: CRC mismatch: computed 1C80, received 1C81", problem.Message);
    }

    [Fact]
    public void Every_error_kind_has_text_in_both_languages()
    {
        foreach (var kind in Enum.GetValues<Hj212ErrorCode>())
        {
            var error = new Hj212Error(kind, 3, Hj212Field.CN, 1, 2);
            string zh;
            string en;
            using (new CultureScope("zh-CN"))
            {
                zh = error.ToProblem().Message;
            }

            using (new CultureScope("en"))
            {
                en = error.ToProblem().Message;
            }

            Assert.NotEqual(zh, en);
            var prefix = kind switch
            {
                Hj212ErrorCode.None => "正确",
                Hj212ErrorCode.SplitMismatch or Hj212ErrorCode.SplitIncomplete => "第 3 包",
                _ => "第 3 字节",
            };
            Assert.StartsWith(prefix, zh, StringComparison.Ordinal);
            Assert.DoesNotContain("hj212.unknown", error.Code, StringComparison.Ordinal);
        }
    }
}
