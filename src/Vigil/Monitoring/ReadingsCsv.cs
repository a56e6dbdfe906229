using System.Globalization;
using Vigil.Data.Monitoring;

namespace Vigil.Host.Monitoring;

/// <summary>
/// The raw-readings export format shared by <c>vigil export readings</c> and the export job:
/// <c>time,station,item,value,flag</c>, the local time in China Standard Time, values exactly as stored.
/// </summary>
internal static class ReadingsCsv
{
    public const string Header = "time,station,item,value,flag";

    /// <summary>The main value of each command: Rtd for real-time data, Avg for minute, hourly and daily data.</summary>
    public static readonly string[] Fields = ["Rtd", "Avg"];

    public static string Line(RawReadingRecord r) =>
        string.Create(CultureInfo.InvariantCulture, $"{TimeZoneInfo.ConvertTime(r.DataTime, StationQueries.China):yyyy-MM-dd'T'HH:mm:ss},{r.StationCode},{r.Item},{r.Value},{r.Flag}");
}
