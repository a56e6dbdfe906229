using System.Globalization;
using System.Text;
using Vigil.Protocols.Hj212;

namespace Vigil.Monitoring.Intake;

/// <summary>
/// One value as a station sent it (AQ-DATA, 第二十条): the text is kept exactly as received, never parsed into
/// something else and never changed; the review layer points at it.
/// </summary>
public sealed record RawReading(
    string Station,
    DateTimeOffset DataTime,
    int Command,
    string Item,
    string Field,
    string Value,
    string? Flag);

/// <summary>An item of a packet that could not be kept, with the reason; the other items of the packet are kept.</summary>
public sealed record RejectedItem(string Item, string Reason);

/// <summary>What a data packet carries: its readings, and any items refused inside an otherwise good packet.</summary>
public sealed record PacketContent(string Station, string Qn, int Command, IReadOnlyList<RawReading> Readings, IReadOnlyList<RejectedItem> Rejected);

/// <summary>
/// Turns a parsed HJ 212 data upload (2011 real-time, 2051 minute, 2061 hourly, 2031 daily) into raw readings.
/// Pure. Every <c>item-Field=value</c> becomes one reading; the item's <c>item-Flag</c> is attached to each of its
/// readings. A value that is not a number is refused for that item alone: good data is never lost because bad data
/// arrived beside it (DESIGN principle 6).
/// </summary>
public static class PacketReadings
{
    /// <summary>Commands that carry monitoring data (AQ-DATA).</summary>
    public static bool IsDataUpload(int command) => command is 2011 or 2031 or 2051 or 2061;

    /// <summary>Extracts the readings; <paramref name="zone"/> is the stations' local time zone (DataTime has no offset).</summary>
    public static PacketContent Extract(Hj212Packet packet, TimeZoneInfo zone, out string? error)
    {
        error = null;
        var station = Encoding.ASCII.GetString(packet.Mn);
        var qn = Encoding.ASCII.GetString(packet.Qn);
        DateTimeOffset? dataTime = null;
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        var values = new List<(string Item, string Field, string Value)>();
        foreach (var entry in packet.Items)
        {
            if (entry.ItemCode.IsEmpty)
            {
                if (entry.Key.SequenceEqual("DataTime"u8) && dataTime is null)
                {
                    dataTime = ParseDataTime(entry.Value, zone);
                    if (dataTime is null)
                    {
                        error = "DataTime=" + Encoding.ASCII.GetString(entry.Value);
                        return Empty(station, qn, packet.Command);
                    }
                }

                continue;
            }

            var item = Encoding.ASCII.GetString(entry.ItemCode);
            var field = Encoding.ASCII.GetString(entry.Name);
            var value = Encoding.ASCII.GetString(entry.Value);
            if (field == "Flag")
            {
                flags[item] = value;
            }
            else
            {
                values.Add((item, field, value));
            }
        }

        if (dataTime is null)
        {
            error = "DataTime";
            return Empty(station, qn, packet.Command);
        }

        var readings = new List<RawReading>(values.Count);
        var rejected = new List<RejectedItem>();
        foreach (var (item, field, value) in values)
        {
            if (!decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
            {
                rejected.Add(new RejectedItem(item, $"{item}-{field}={value}"));
                continue;
            }

            var flag = flags.GetValueOrDefault(item);
            if (flag is not null && !Hj212DataFlags.TryParse(Encoding.ASCII.GetBytes(flag), out _))
            {
                rejected.Add(new RejectedItem(item, $"{item}-Flag={flag}"));
                continue;
            }

            readings.Add(new RawReading(station, dataTime.Value, packet.Command, item, field, value, flag));
        }

        return new PacketContent(station, qn, packet.Command, readings, rejected);
    }

    private static PacketContent Empty(string station, string qn, int command) => new(station, qn, command, [], []);

    /// <summary>HJ 212 DataTime: yyyyMMddHHmmss, local time of the station.</summary>
    private static DateTimeOffset? ParseDataTime(ReadOnlySpan<byte> value, TimeZoneInfo zone)
    {
        if (!DateTime.TryParseExact(Encoding.ASCII.GetString(value), "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
