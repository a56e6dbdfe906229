using System.Buffers;
using System.Text;
using Vigil.Data.Monitoring;
using Vigil.Monitoring.Intake;
using Vigil.Protocols.Hj212;
using Vigil.Security.Keys;

namespace Vigil.Host.Monitoring;

/// <summary>What one packet gave: readings to store, rejections to log, and the answer to send (or none).</summary>
internal sealed record IntakeResult(IReadOnlyList<RawReadingRecord> Readings, IReadOnlyList<IntakeRejectionRecord> Rejections, byte[]? Answer);

/// <summary>
/// Checks one HJ 212 packet the same way for TCP and for `vigil ingest`: framing, length, CRC (in the parser), known
/// MN, password, the MAC when the station has a key (SEC; seed 004 §8.2.4), then the readings item by item. A refused packet is logged with its reason and nothing else of it
/// is kept; one refused item does not lose the others (AQ-DATA, DESIGN principle 6).
/// </summary>
internal sealed class Hj212Intake(StationDirectory stations, IKeyProtector protector, TimeProvider clock)
{
    /// <summary>The stations' local time zone: HJ 212 DataTime carries no offset.</summary>
    private static readonly TimeZoneInfo StationZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public IntakeResult Process(ReadOnlySpan<byte> line, string source)
    {
        var now = clock.GetUtcNow();
        var error = Hj212Parser.TryParseLine(line, out var packet);
        if (error.IsError)
        {
            var problem = error.ToProblem();
            return Rejected(now, source, null, problem.Code, problem.Message, line);
        }

        var station = Encoding.ASCII.GetString(packet.Mn);
        switch (stations.Check(station, packet.Pw))
        {
            case null:
                return Rejected(now, source, station, "station.unknown", HostText.Format("intake.unknownStation", station), line);
            case false:
                return Rejected(now, source, station, "station.password", HostText.Format("intake.password", station), line);
        }

        if (CheckMac(packet, station, now) is { } refusal)
        {
            return Rejected(now, source, station, refusal.Code, refusal.Reason, line);
        }

        if (!PacketReadings.IsDataUpload(packet.Command))
        {
            return new IntakeResult([], [], null);
        }

        var content = PacketReadings.Extract(packet, StationZone, out var contentError);
        if (contentError is not null)
        {
            return Rejected(now, source, station, "cp.dataTime", HostText.Format("intake.dataTime", contentError), line);
        }

        var readings = content.Readings.Select(r => new RawReadingRecord
        {
            StationCode = r.Station,
            DataTime = r.DataTime,
            Command = r.Command,
            Item = r.Item,
            Field = r.Field,
            Value = r.Value,
            Flag = r.Flag,
            ReceivedAt = now,
            PacketQn = content.Qn,
        }).ToList();
        var rejections = new List<IntakeRejectionRecord>(content.Rejected.Count);
        foreach (var item in content.Rejected)
        {
            rejections.Add(Rejection(now, source, station, "cp.item", HostText.Format("intake.item", item.Reason), line));
        }


        // HJ 212-2017 6.6: when the upload asks for an answer (Flag bit A), the platform answers 9014.
        var answer = packet.AnswerRequested ? Hj212Answers.DataAnswer(packet.ToMessage()).ToFrame() : null;
        return new IntakeResult(readings, rejections, answer);
    }

    /// <summary>
    /// A station with message-authentication keys must send a MAC made with one that is valid now: a packet without
    /// one, with a wrong one, or at a time when none of its keys may be used (expired, not yet valid, revoked) is
    /// refused, and the refusal names the key. A station without keys sends no MAC, or one nobody can check.
    /// </summary>
    private (string Code, string Reason)? CheckMac(Hj212Packet packet, string station, DateTimeOffset now)
    {
        var keys = stations.MacKeys(station);
        if (keys.Count == 0)
        {
            return null;
        }

        if (!packet.HasMac)
        {
            return ("station.macMissing", HostText.Format("intake.macMissing", station));
        }

        Span<byte> mac = stackalloc byte[MessageAuthenticationCodeLength];
        Convert.FromHexString(packet.Mac, mac, out _, out _);
        var buffer = ArrayPool<byte>.Shared.Rent(packet.MacCoveredLength);
        try
        {
            packet.CopyMacCoveredData(buffer);
            var check = StationMac.Verify(keys, station, now, buffer.AsSpan(0, packet.MacCoveredLength), mac, protector);
            return check.Verdict switch
            {
                StationMacVerdict.Authentic => null,
                StationMacVerdict.Refused => ("station.keyRefused", check.Refusal!.Message),
                _ => ("station.macForged", HostText.Format("intake.macForged", station)),
            };
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private const int MessageAuthenticationCodeLength = Vigil.Security.Mac.MessageAuthenticationCode.Length;

    /// <summary>A line refused before parsing (e.g. longer than any HJ 212 frame can be).</summary>
    public IntakeResult Reject(string source, string code, string reason, ReadOnlySpan<byte> head) =>
        Rejected(clock.GetUtcNow(), source, null, code, reason, head);

    private static IntakeResult Rejected(DateTimeOffset now, string source, string? station, string code, string reason, ReadOnlySpan<byte> line) =>
        new([], [Rejection(now, source, station, code, reason, line)], null);

    private static IntakeRejectionRecord Rejection(DateTimeOffset now, string source, string? station, string code, string reason, ReadOnlySpan<byte> line) => new()
    {
        ReceivedAt = now,
        Source = source.Length > 200 ? source[..200] : source,
        StationCode = station is { Length: > 0 and <= 24 } ? station : null,
        Code = code,
        Reason = reason.Length > 400 ? reason[..400] : reason,
        Excerpt = Excerpt(line),
    };

    /// <summary>Printable ASCII of the first bytes; anything else as '?', so a log line can never carry control bytes.</summary>
    private static string Excerpt(ReadOnlySpan<byte> line)
    {
        var head = line[..Math.Min(line.Length, 200)];
        var chars = new char[head.Length];
        for (var i = 0; i < head.Length; i++)
        {
            chars[i] = head[i] is >= 0x20 and < 0x7F ? (char)head[i] : '?';
        }

        return new string(chars);
    }
}
