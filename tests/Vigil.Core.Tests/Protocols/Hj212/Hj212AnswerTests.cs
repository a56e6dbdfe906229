using System.Text;
using Vigil.Protocols.Hj212;
using static Vigil.Core.Tests.Protocols.Hj212.Hj212Samples;

namespace Vigil.Core.Tests.Protocols.Hj212;

public sealed class Hj212AnswerTests
{
    private static Hj212Message Request()
    {
        Hj212Parser.TryParse(Frame(RealTimeData), out var packet);
        return packet.ToMessage();
    }

    [Fact]
    public void Data_answer_9014_echoes_QN_PW_MN_with_a_valid_CRC()
    {
        var frame = Hj212Answers.DataAnswer(Request()).ToFrame();
        Assert.Equal(
            FrameText("QN=20220104140000123;ST=91;CN=9014;PW=123456;MN=AIR0000000000000000001A;Flag=4;CP=&&&&"),
            Encoding.ASCII.GetString(frame));
        Assert.False(Hj212Parser.TryParse(frame, out var answer).IsError);
        Assert.Equal(9014, answer.Command);
        Assert.False(answer.AnswerRequested);
    }

    [Fact]
    public void Request_answer_9011_carries_QnRtn()
    {
        var message = Hj212Answers.RequestAnswer(Request(), Hj212RequestReturn.Ready);
        Assert.Equal("9011", message.Cn);
        Assert.Equal("QnRtn=1", message.Cp);
        Assert.False(Hj212Parser.TryParse(message.ToFrame(), out _).IsError);
        Assert.Equal("QnRtn=9", Hj212Answers.RequestAnswer(Request(), Hj212RequestReturn.CrcError).Cp);
    }

    [Fact]
    public void Execution_result_9012_carries_ExeRtn()
    {
        var message = Hj212Answers.ExecutionResult(Request(), Hj212ExecutionReturn.NoData);
        Assert.Equal("9012", message.Cn);
        Assert.Equal("ExeRtn=100", message.Cp);
        Assert.False(Hj212Parser.TryParse(message.ToFrame(), out _).IsError);
    }

    [Fact]
    public void Notice_answer_9013_has_an_empty_CP()
    {
        var frame = Hj212Answers.NoticeAnswer(Request()).ToFrame();
        Assert.False(Hj212Parser.TryParse(frame, out var answer).IsError);
        Assert.Equal(9013, answer.Command);
        Assert.True(answer.Cp.IsEmpty);
        Assert.Equal(91, answer.SystemCode);
    }

    [Fact]
    public void Frame_writer_refuses_a_too_small_buffer_and_a_too_long_segment()
    {
        Assert.False(Hj212Frame.TryWrite("ST=22"u8, new byte[16], out _));
        Assert.True(Hj212Frame.TryWrite("ST=22"u8, new byte[17], out var written));
        Assert.Equal(17, written);
        Assert.False(Hj212Frame.TryWrite(new byte[10_000], new byte[10_100], out _));
    }
}
