using System.Text.Json;

namespace Vigil.Tests.Monitoring;

public sealed class Hj212CommandTests
{
    private const string Good =
        "##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80";

    private static readonly string BadCrc = Good.Replace("&&1C80", "&&1c81", StringComparison.Ordinal);

    [Fact]
    public void All_good_lines_print_ok_and_exit_0()
    {
        var (exit, output, _) = CliRunner.Run("zh-CN", "hj212", "check", CliRunner.TempFile($"{Good}\r\n{Good.Replace("1C80", "1c80", StringComparison.Ordinal)}\n"));
        Assert.Equal(0, exit);
        Assert.Equal(["ok", "ok"], CliRunner.Lines(output));
    }

    [Fact]
    public void Shared_appendix_example_checks_ok()
    {
        Assert.Equal(0, CliRunner.Run("zh-CN", "hj212", "check", Fixtures.Path("hj212", "appendix-example.txt")).Exit);
    }

    [Fact]
    public void A_bad_line_prints_its_reason_in_Chinese_and_exits_1()
    {
        var (exit, output, _) = CliRunner.Run("zh-CN", "hj212", "check", CliRunner.TempFile($"{Good}\r\n{BadCrc}\r\n"));
        Assert.Equal(1, exit);
        Assert.Equal(["ok", "第 107 字节：CRC 校验失败：计算值 1C80，收到 1C81"], CliRunner.Lines(output));
    }

    /// <summary>Issue 11, item 4: a field logger's MN with '_' and 8-character PW check ok with the warning; a bad CRC stays refused.</summary>
    [Fact]
    public void A_logger_deviation_prints_ok_with_a_warning_while_an_ambiguous_packet_stays_refused()
    {
        var logger = System.Text.Encoding.ASCII.GetString(Vigil.Protocols.Hj212.Hj212Frame.Build(
            "QN=20260101000000000;ST=22;CN=2061;PW=12345678;MN=SH_0001-A;Flag=5;CP=&&DataTime=20260101000000;a34004-Avg=35,a34004-Flag=N&&"));
        var broken = logger[..^6] + "0000\r\n";
        var (exit, output, _) = CliRunner.Run("zh-CN", "hj212", "check", CliRunner.TempFile(logger + broken));
        Assert.Equal(1, exit);
        var lines = CliRunner.Lines(output);
        Assert.StartsWith("ok （注意：MN 含有“_”或“-”", lines[0], StringComparison.Ordinal);
        Assert.Contains("PW 超过 6 个字符", lines[0], StringComparison.Ordinal);
        Assert.Contains("CRC", lines[1], StringComparison.Ordinal);

        var (_, json, _) = CliRunner.Run("en-US", "hj212", "check", "--json", CliRunner.TempFile(logger));
        Assert.Equal(["mnCharacters", "longPassword"], JsonDocument.Parse(json).RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
    }

    [Fact]
    public void Reasons_are_English_under_an_English_UI()
    {
        var (_, output, _) = CliRunner.Run("en-US", "hj212", "check", CliRunner.TempFile($"{BadCrc}\n"));
        Assert.Equal("byte 107: CRC mismatch: computed 1C80, received 1C81", output.Trim());
    }

    [Fact]
    public void Json_prints_one_object_per_line_with_the_parsed_fields()
    {
        var (exit, output, _) = CliRunner.Run("zh-CN", "hj212", "check", "--json", CliRunner.TempFile($"{Good}\n{BadCrc}\n"));
        Assert.Equal(1, exit);
        var lines = CliRunner.Lines(output);
        Assert.Equal(2, lines.Length);

        using var ok = JsonDocument.Parse(lines[0]);
        Assert.True(ok.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal("1062", ok.RootElement.GetProperty("cn").GetString());
        Assert.Equal("010000A8900016F000169DC0", ok.RootElement.GetProperty("mn").GetString());
        Assert.Equal(5, ok.RootElement.GetProperty("flag").GetInt32());
        Assert.True(ok.RootElement.GetProperty("answerRequested").GetBoolean());
        var item = Assert.Single(ok.RootElement.GetProperty("cp").EnumerateArray().ToList());
        Assert.Equal("30", item.GetProperty("value").GetString());

        using var bad = JsonDocument.Parse(lines[1]);
        Assert.False(bad.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal("hj212.crc.mismatch", bad.RootElement.GetProperty("code").GetString());
        Assert.Equal(107, bad.RootElement.GetProperty("position").GetInt32());
        Assert.Equal(2, bad.RootElement.GetProperty("line").GetInt32());
    }

    [Fact]
    public void Missing_file_exits_2()
    {
        Assert.Equal(2, CliRunner.Run("zh-CN", "hj212", "check", "/nonexistent/packets.txt").Exit);
    }
}
