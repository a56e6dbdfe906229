namespace Vigil.Prevention;

/// <summary>
/// 安全风险等级 — the four risk colours of 001 §二(二) (DP-RISK). The numeric order is the severity order,
/// so red &gt; orange &gt; yellow &gt; blue compares as expected.
/// </summary>
public enum RiskColour
{
    /// <summary>蓝色 — low risk 低风险.</summary>
    Blue = 1,

    /// <summary>黄色 — general risk 一般风险.</summary>
    Yellow = 2,

    /// <summary>橙色 — larger risk 较大风险.</summary>
    Orange = 3,

    /// <summary>红色 — major risk 重大风险, the highest.</summary>
    Red = 4,
}

/// <summary>The colours' stable names as they appear in configuration, JSON and the CLI.</summary>
public static class RiskColourNames
{
    public static string ToName(this RiskColour colour) => colour switch
    {
        RiskColour.Red => "red",
        RiskColour.Orange => "orange",
        RiskColour.Yellow => "yellow",
        RiskColour.Blue => "blue",
        _ => throw new ArgumentOutOfRangeException(nameof(colour), colour, "Unknown colour."),
    };

    public static bool TryParse(string? name, out RiskColour colour)
    {
        switch (name)
        {
            case "red":
                colour = RiskColour.Red;
                return true;
            case "orange":
                colour = RiskColour.Orange;
                return true;
            case "yellow":
                colour = RiskColour.Yellow;
                return true;
            case "blue":
                colour = RiskColour.Blue;
                return true;
            default:
                colour = default;
                return false;
        }
    }
}
