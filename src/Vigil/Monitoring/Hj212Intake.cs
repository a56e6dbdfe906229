using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
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
internal sealed class Hj212Intake(StationDirectory stations, IKeyProtector protector, TimeProvider clock, TimeSpan? qnWindow = null, IntakeThrottle? throttle = null)
{
    /// <summary>
    /// Refusals of peers that did not prove who they are (garbage, unknown MN, wrong PW or MAC, blocked): the writer
    /// counts these per source address, code and minute and keeps only a few raw lines of each (SEC: a flood cannot
    /// grow the database). Every other refusal names an authenticated station and keeps its raw line within a quota.
    /// </summary>
    public static bool IsUnauthenticated(IntakeRejectionRecord rejection) =>
        rejection.StationCode is null || rejection.Code is "station.unknown" or "station.password" or "station.macMissing" or "station.macForged"
            or "station.keyRefused" or "station.blocked" or "source.blocked";

    /// <summary>The address of a peer "address:port"; anything else (a file and line of `vigil ingest`) as it is.</summary>
    public static string AddressOf(string source) => IPEndPoint.TryParse(source, out var endpoint) ? endpoint.Address.ToString() : source;

    /// <summary>QNs a MAC station used within the window, with a digest of what the packet said (SEC, replays).</summary>
    private readonly ConcurrentDictionary<(string Station, string Qn), (int Digest, DateTimeOffset Seen)> _usedQns = new();
    private long _lastPurgeTicks;

    /// <summary>Stations whose deviations from table 4 were noted already (one note each, not one per packet).</summary>
    private readonly ConcurrentDictionary<(string Station, Hj212Deviations Deviations), bool> _noted = new();

    /// <summary>The deviations in words, for a conformance note or `vigil hj212 check`.</summary>
    public static string Describe(Hj212Deviations deviations) => string.Join(" ",
        Enum.GetValues<Hj212Deviations>().Where(d => d != Hj212Deviations.None && deviations.HasFlag(d)).Select(d => HostText.Format("deviation." + d)));

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
        var address = AddressOf(source);
        if (throttle?.Blocked(address, station, now) is { } blocked)
        {
            return Rejected(now, source, station, blocked, HostText.Format("intake." + blocked, station, address), line);
        }

        switch (stations.Check(station, packet.Pw))
        {
            case null:
                throttle?.Failed(address, null, now);
                return Rejected(now, source, station, "station.unknown", HostText.Format("intake.unknownStation", station), line);
            case false:
                throttle?.Failed(address, station, now);
                return Rejected(now, source, station, "station.password", HostText.Format("intake.password", station), line);
        }

        if (CheckMac(packet, station, now) is { } refusal)
        {
            throttle?.Failed(address, station, now);
            return Rejected(now, source, station, refusal.Code, refusal.Reason, line);
        }

        throttle?.Succeeded(address, station, now);

        // A field logger's harmless departure from table 4 (MN with '_' or '-', PW over 6 characters) is accepted when
        // the station is registered with exactly that MN and PW; the first such packet of a station is noted.
        var note = packet.Deviations != Hj212Deviations.None && _noted.TryAdd((station, packet.Deviations), true)
            ? Rejection(now, source, station, "note.conformance", HostText.Format("intake.conformance", station, Describe(packet.Deviations)), line)
            : null;
        if (!PacketReadings.IsDataUpload(packet.Command))
        {
            return new IntakeResult([], note is null ? [] : [note], null);
        }

        var content = PacketReadings.Extract(packet, StationZone, out var contentError);
        if (contentError is not null)
        {
            return Rejected(now, source, station, "cp.dataTime", HostText.Format("intake.dataTime", contentError), line);
        }

        if (qnWindow is { } window && stations.MacKeys(station).Count > 0 && CheckReplay(station, content, now, window) is { } replay)
        {
            return Rejected(now, source, station, replay.Code, replay.Reason, line);
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
        if (note is not null)
        {
            rejections.Add(note);
        }

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

    /// <summary>
    /// Replays of a station with a MAC key (SEC): the MAC covers QN, the time the packet was sent, so a packet whose QN
    /// lies outside the window around the server clock is an old packet sent again and refused; a QN the station already
    /// used within the window is refused when the packet says something else. The same packet sent again (the logger
    /// got no answer) is a resend, not a replay: it is answered again and stored once (AQ-DATA, every packet once).
    /// </summary>
    private (string Code, string Reason)? CheckReplay(string station, PacketContent content, DateTimeOffset now, TimeSpan window)
    {
        if (!DateTime.TryParseExact(content.Qn, "yyyyMMddHHmmssfff", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return ("station.qn", HostText.Format("intake.qn", station, content.Qn));
        }

        var sent = new DateTimeOffset(local, StationZone.GetUtcOffset(local));
        if ((sent - now).Duration() > window)
        {
            return ("station.replayWindow", HostText.Format("intake.replayWindow", station, content.Qn, window.TotalMinutes));
        }

        Purge(now, window);
        var digest = Digest(content);
        var first = _usedQns.GetOrAdd((station, content.Qn), (digest, now));
        return first.Digest == digest ? null : ("station.replay", HostText.Format("intake.replay", station, content.Qn));
    }

    private static int Digest(PacketContent content)
    {
        var hash = new HashCode();
        hash.Add(content.Command);
        foreach (var r in content.Readings)
        {
            hash.Add(r.DataTime);
            hash.Add(r.Item, StringComparer.Ordinal);
            hash.Add(r.Field, StringComparer.Ordinal);
            hash.Add(r.Value, StringComparer.Ordinal);
            hash.Add(r.Flag, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>Forgets QNs older than twice the window (they are refused by the window anyway), at most once a window.</summary>
    private void Purge(DateTimeOffset now, TimeSpan window)
    {
        var last = Interlocked.Read(ref _lastPurgeTicks);
        if (now.UtcTicks - last < window.Ticks || Interlocked.CompareExchange(ref _lastPurgeTicks, now.UtcTicks, last) != last)
        {
            return;
        }

        foreach (var (key, (_, seen)) in _usedQns)
        {
            if (now - seen > 2 * window)
            {
                _usedQns.TryRemove(key, out _);
            }
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
