using System.Text;
using Vigil.Protocols.Hj212;

namespace Vigil.Core.Tests.Protocols.Hj212;

/// <summary>Realistic frames for tests and the benchmark's shape.</summary>
internal static class Hj212Samples
{
    /// <summary>The appendix example of tests/fixtures/hj212 (CRC 1C80).</summary>
    public const string AppendixFrame =
        "##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n";

    public const string RealTimeData =
        "QN=20220104140000123;ST=22;CN=2011;PW=123456;MN=AIR0000000000000000001A;Flag=5;CP=&&DataTime=20220104140000;"
        + "a21026-Rtd=14,a21026-Flag=N;a21004-Rtd=52,a21004-Flag=N;a34002-Rtd=74,a34002-Flag=N;"
        + "a34004-Rtd=48,a34004-Flag=C;a21005-Rtd=1.6,a21005-Flag=N;a05024-Rtd=23,a05024-Flag=M&&";

    public static byte[] Frame(string dataSegment) => Hj212Frame.Build(dataSegment);

    public static string FrameText(string dataSegment) => Encoding.ASCII.GetString(Frame(dataSegment));

    public static byte[] Bytes(string frame) => Encoding.ASCII.GetBytes(frame);
}
