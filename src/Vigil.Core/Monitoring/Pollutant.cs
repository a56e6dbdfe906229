namespace Vigil.Monitoring;

/// <summary>The six AQI pollutants (AQ-ITEMS).</summary>
public enum Pollutant
{
    SO2,
    NO2,
    PM10,
    PM25,
    CO,
    O3,
}

/// <summary>The averaging time a concentration or breakpoint column refers to.</summary>
public enum Averaging
{
    OneHour,
    EightHour,
    TwentyFourHour,
}

/// <summary>A breakpoint column of the IAQI table, e.g. SO₂ 1-hour, keyed in the standard files as <c>SO2_1h</c>.</summary>
public readonly record struct AqiTable(Pollutant Pollutant, Averaging Averaging)
{
    public string Key => $"{Pollutants.Code(Pollutant)}_{Suffix(Averaging)}";

    public static bool TryParse(string key, out AqiTable table)
    {
        table = default;
        var underscore = key.LastIndexOf('_');
        if (underscore <= 0 || !Pollutants.TryParseCode(key[..underscore], out var pollutant))
        {
            return false;
        }

        Averaging? averaging = key[(underscore + 1)..] switch
        {
            "1h" => Averaging.OneHour,
            "8h" => Averaging.EightHour,
            "24h" => Averaging.TwentyFourHour,
            _ => null,
        };
        if (averaging is not { } a)
        {
            return false;
        }

        table = new AqiTable(pollutant, a);
        return true;
    }

    public override string ToString() => Key;

    private static string Suffix(Averaging averaging) => averaging switch
    {
        Averaging.OneHour => "1h",
        Averaging.EightHour => "8h",
        _ => "24h",
    };
}

public static class Pollutants
{
    public static IReadOnlyList<Pollutant> All { get; } = [Pollutant.SO2, Pollutant.NO2, Pollutant.PM10, Pollutant.PM25, Pollutant.CO, Pollutant.O3];

    /// <summary>The column and file code: SO2, NO2, PM10, PM2.5, CO, O3.</summary>
    public static string Code(Pollutant pollutant) => pollutant switch
    {
        Pollutant.PM25 => "PM2.5",
        _ => pollutant.ToString(),
    };

    public static bool TryParseCode(string code, out Pollutant pollutant)
    {
        foreach (var p in All)
        {
            if (Code(p) == code)
            {
                pollutant = p;
                return true;
            }
        }

        pollutant = default;
        return false;
    }

    /// <summary>
    /// The name national publications use for a primary pollutant (首要污染物), e.g. 细颗粒物(PM2.5), 臭氧1小时.
    /// </summary>
    public static string ChineseName(AqiTable table) => table.Pollutant switch
    {
        Pollutant.SO2 => "二氧化硫",
        Pollutant.NO2 => "二氧化氮",
        Pollutant.PM10 => "颗粒物(PM10)",
        Pollutant.PM25 => "细颗粒物(PM2.5)",
        Pollutant.CO => "一氧化碳",
        _ => table.Averaging == Averaging.EightHour ? "臭氧8小时" : "臭氧1小时",
    };

    /// <summary>The HJ 212 item code of the pollutant (AQ-DATA), e.g. a34004 for PM2.5.</summary>
    public static string Hj212Code(Pollutant pollutant) => pollutant switch
    {
        Pollutant.SO2 => "a21026",
        Pollutant.NO2 => "a21004",
        Pollutant.PM10 => "a34002",
        Pollutant.PM25 => "a34004",
        Pollutant.CO => "a21005",
        _ => "a05024",
    };
}
