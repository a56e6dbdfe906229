namespace Vigil.Protocols.Hj212;

/// <summary>
/// The data-segment <c>Flag</c> (HJ 212-2017 table 5): bits V5..V0 D A. Bit 0 (A) asks for an answer,
/// bit 1 (D) marks a split packet carrying PNUM/PNO; bits 2–7 hold the protocol version.
/// </summary>
[Flags]
public enum Hj212PacketFlags
{
    None = 0,

    /// <summary>A — 应答标志: the sender expects an answer (9011/9014).</summary>
    AnswerRequested = 1,

    /// <summary>D — 拆分包: the packet is one part of a split message (PNUM/PNO present).</summary>
    Split = 2,
}

/// <summary>Reads the parts of a raw <c>Flag</c> value.</summary>
public static class Hj212FlagBits
{
    /// <summary>Version bits value of HJ 212-2017 (000001); HJ/T 212-2005 devices send 000000.</summary>
    public const int Version2017 = 1;

    public static Hj212PacketFlags Options(int flag) => (Hj212PacketFlags)(flag & 0b11);

    public static int Version(int flag) => flag >> 2;

    public static int Compose(int version, Hj212PacketFlags options) => (version << 2) | ((int)options & 0b11);
}

/// <summary>
/// Per-value data flag (数据标记) of a CP item, e.g. <c>a34004-Flag=N</c> (AQ-DATA).
/// </summary>
public enum Hj212DataFlag
{
    /// <summary>N — 正常: normal.</summary>
    Normal,

    /// <summary>S — 手工输入/设定: manually set.</summary>
    ManuallySet,

    /// <summary>F — 停运: instrument stopped.</summary>
    Stopped,

    /// <summary>M — 维护: maintenance.</summary>
    Maintenance,

    /// <summary>D — 故障: fault.</summary>
    Fault,

    /// <summary>C — 校准: calibration.</summary>
    Calibration,

    /// <summary>T — 超测上限: over range.</summary>
    OverRange,

    /// <summary>B — 通讯异常: communication fault.</summary>
    CommunicationFault,
}

public static class Hj212DataFlags
{
    /// <summary>AQ-DATA: only N (normal) and S (manually set) values are valid; F, M, D, C, T, B are not.</summary>
    public static bool IsValid(this Hj212DataFlag flag) => flag is Hj212DataFlag.Normal or Hj212DataFlag.ManuallySet;

    public static bool TryParse(ReadOnlySpan<byte> value, out Hj212DataFlag flag)
    {
        flag = Hj212DataFlag.Normal;
        if (value.Length != 1)
        {
            return false;
        }

        Hj212DataFlag? parsed = value[0] switch
        {
            (byte)'N' => Hj212DataFlag.Normal,
            (byte)'S' => Hj212DataFlag.ManuallySet,
            (byte)'F' => Hj212DataFlag.Stopped,
            (byte)'M' => Hj212DataFlag.Maintenance,
            (byte)'D' => Hj212DataFlag.Fault,
            (byte)'C' => Hj212DataFlag.Calibration,
            (byte)'T' => Hj212DataFlag.OverRange,
            (byte)'B' => Hj212DataFlag.CommunicationFault,
            _ => null,
        };
        if (parsed is not { } f)
        {
            return false;
        }

        flag = f;
        return true;
    }

    public static char ToLetter(this Hj212DataFlag flag) => flag switch
    {
        Hj212DataFlag.Normal => 'N',
        Hj212DataFlag.ManuallySet => 'S',
        Hj212DataFlag.Stopped => 'F',
        Hj212DataFlag.Maintenance => 'M',
        Hj212DataFlag.Fault => 'D',
        Hj212DataFlag.Calibration => 'C',
        Hj212DataFlag.OverRange => 'T',
        Hj212DataFlag.CommunicationFault => 'B',
        _ => '?',
    };
}
