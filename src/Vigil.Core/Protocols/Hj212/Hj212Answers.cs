using System.Globalization;

namespace Vigil.Protocols.Hj212;

/// <summary>QnRtn — 请求应答结果 of a 9011 answer (HJ 212-2017 table 7).</summary>
public enum Hj212RequestReturn
{
    Ready = 1,
    Rejected = 2,
    PasswordError = 3,
    MnError = 4,
    StError = 5,
    FlagError = 6,
    QnError = 7,
    CnError = 8,
    CrcError = 9,
    UnknownError = 100,
}

/// <summary>ExeRtn — 执行结果 of a 9012 answer (HJ 212-2017 table 8).</summary>
public enum Hj212ExecutionReturn
{
    Success = 1,
    Failed = 2,
    ConditionError = 3,
    Timeout = 4,
    Busy = 5,
    SystemFault = 6,
    NoData = 100,
}

/// <summary>
/// The answers the platform sends back (AQ-DATA 9011–9014). They echo the request's QN, PW and MN, use
/// ST=91 (系统交互) and Flag=4 (HJ 212-2017 version bits, no answer requested of the answer).
/// </summary>
public static class Hj212Answers
{
    public const string InteractionSystemCode = "91";

    private static readonly int AnswerFlag = Hj212FlagBits.Compose(Hj212FlagBits.Version2017, Hj212PacketFlags.None);

    /// <summary>9011 — 请求应答.</summary>
    public static Hj212Message RequestAnswer(Hj212Message request, Hj212RequestReturn result) =>
        Answer(request, "9011", "QnRtn=" + ((int)result).ToString(CultureInfo.InvariantCulture));

    /// <summary>9012 — 执行结果.</summary>
    public static Hj212Message ExecutionResult(Hj212Message request, Hj212ExecutionReturn result) =>
        Answer(request, "9012", "ExeRtn=" + ((int)result).ToString(CultureInfo.InvariantCulture));

    /// <summary>9013 — 通知应答.</summary>
    public static Hj212Message NoticeAnswer(Hj212Message request) => Answer(request, "9013", string.Empty);

    /// <summary>9014 — 数据应答: acknowledges an upload that set the A bit.</summary>
    public static Hj212Message DataAnswer(Hj212Message request) => Answer(request, "9014", string.Empty);

    private static Hj212Message Answer(Hj212Message request, string command, string cp) =>
        new(request.Qn, InteractionSystemCode, command, request.Pw, request.Mn, AnswerFlag, null, null, cp);
}

/// <summary>Joins the parts of a split message (Flag D bit, PNUM/PNO) back into one; pure.</summary>
public static class Hj212Reassembly
{
    /// <summary>
    /// Reassembles <paramref name="parts"/> (any order; an identical retransmitted part counts once). Errors point
    /// at the 1-based index of the offending part.
    /// </summary>
    public static Hj212Error TryReassemble(IReadOnlyList<Hj212Message> parts, out Hj212Message? whole)
    {
        whole = null;
        if (parts.Count == 0)
        {
            return new Hj212Error(Hj212ErrorCode.SplitIncomplete, 0, Hj212Field.PNUM, 1, 0);
        }

        var first = parts[0];
        if (first.PacketCount is not { } count)
        {
            return new Hj212Error(Hj212ErrorCode.SplitNumbering, 1, Hj212Field.PNUM);
        }

        var byNumber = new Hj212Message?[count];
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            if (part.Qn != first.Qn || part.St != first.St || part.Cn != first.Cn || part.Pw != first.Pw
                || part.Mn != first.Mn || part.PacketCount != count)
            {
                return new Hj212Error(Hj212ErrorCode.SplitMismatch, i + 1, Hj212Field.DataSegment);
            }

            if (part.PacketNumber is not { } number || number < 1 || number > count)
            {
                return new Hj212Error(Hj212ErrorCode.SplitNumbering, i + 1, Hj212Field.PNO);
            }

            if (byNumber[number - 1] is { } seen && seen.Cp != part.Cp)
            {
                return new Hj212Error(Hj212ErrorCode.SplitMismatch, i + 1, Hj212Field.PNO);
            }

            byNumber[number - 1] = part;
        }

        var distinct = byNumber.Count(p => p is not null);
        if (distinct != count)
        {
            return new Hj212Error(Hj212ErrorCode.SplitIncomplete, parts.Count, Hj212Field.PNO, count, distinct);
        }

        var cp = string.Join(';', byNumber.Select(p => p!.Cp).Where(c => c.Length > 0));
        var flag = first.Flag is { } f ? f & ~(int)Hj212PacketFlags.Split : (int?)null;
        whole = first with { Flag = flag, PacketCount = null, PacketNumber = null, Cp = cp };
        return Hj212Error.None;
    }
}
