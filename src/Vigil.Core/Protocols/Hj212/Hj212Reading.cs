using System.Globalization;
using System.Text;

namespace Vigil.Protocols.Hj212;

/// <summary>
/// One measured value of a CP block, paired with the per-value flag of the same item in the same group
/// (<c>a34004-Rtd=35.2,a34004-Flag=N</c>). The raw text is kept: raw data is stored exactly as received (AQ-DATA).
/// </summary>
public sealed record Hj212Reading(string ItemCode, string Name, string RawValue, decimal? Value, string? FlagText)
{
    public Hj212DataFlag? Flag => FlagText is not null && Hj212DataFlags.TryParse(Encoding.ASCII.GetBytes(FlagText), out var flag) ? flag : null;

    /// <summary>
    /// AQ-DATA: N and S are valid, F, M, D, C, T, B are not; an unknown letter is not valid either. A value sent
    /// without any flag counts as normal (the flag is optional in HJ 212-2017).
    /// </summary>
    public bool IsValid => FlagText is null || Flag is { } f && f.IsValid();
}

public static class Hj212Readings
{
    /// <summary>The item values of a message (every item field except <c>Flag</c>), each with its item's flag.</summary>
    public static IReadOnlyList<Hj212Reading> Read(Hj212Message message)
    {
        var items = message.Items();
        var flags = items.Where(i => i.ItemCode.Length > 0 && i.Name == "Flag")
            .GroupBy(i => (i.Group, i.ItemCode))
            .ToDictionary(g => g.Key, g => g.First().Value);
        return items
            .Where(i => i.ItemCode.Length > 0 && i.Name != "Flag")
            .Select(i => new Hj212Reading(
                i.ItemCode,
                i.Name,
                i.Value,
                decimal.TryParse(i.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : null,
                flags.GetValueOrDefault((i.Group, i.ItemCode))))
            .ToList();
    }

    /// <summary>The <c>DataTime</c> of the CP block (yyyyMMddHHmmss, the station's local time), if present and valid.</summary>
    public static DateTime? DataTime(Hj212Message message) =>
        message.Items().FirstOrDefault(i => i.ItemCode.Length == 0 && i.Name == "DataTime") is { } item
        && DateTime.TryParseExact(item.Value, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : null;
}
