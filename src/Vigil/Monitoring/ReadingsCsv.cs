using System.Globalization;
using Vigil.Data.Monitoring;
using Vigil.Monitoring;
using Vigil.Monitoring.Review;

namespace Vigil.Host.Monitoring;

/// <summary>
/// The raw-readings export format shared by <c>vigil export readings</c> and the export job:
/// <c>time,station,item,value,flag,valid,validity</c>, the local time in China Standard Time, value and flag exactly as
/// stored (AQ-DATA), then the validity in force and what decided it: <c>review</c> where a review the national centre
/// decided judged the hour (AQ-REVIEW 第二十四条), else <c>raw-flags</c>.
/// </summary>
internal static class ReadingsCsv
{
    public const string Header = "time,station,item,value,flag,valid,validity";

    /// <summary>The main value of each command: Rtd for real-time data, Avg for minute, hourly and daily data.</summary>
    public static readonly string[] Fields = ["Rtd", "Avg"];

    public static string Line(RawReadingRecord r, IReadOnlyDictionary<(DateOnly Date, int Hour, string Item), ReviewMark> verdicts)
    {
        var (valid, by) = StationDay.ValidityOf(StationQueries.ToRawReading(r), StationQueries.China, verdicts);
        return string.Create(CultureInfo.InvariantCulture,
            $"{TimeZoneInfo.ConvertTime(r.DataTime, StationQueries.China):yyyy-MM-dd'T'HH:mm:ss},{r.StationCode},{r.Item},{r.Value},{r.Flag},{(valid ? "true" : "false")},{by}");
    }
}
