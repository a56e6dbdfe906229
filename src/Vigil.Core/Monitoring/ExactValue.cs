namespace Vigil.Monitoring;

/// <summary>
/// A concentration as an exact fraction, so IAQI thresholds are compared without rounding: a measured value is
/// <c>n / 10⁹</c> (<see cref="Nano"/>), a mean of hourly values <c>Σ / (count × 10⁹)</c>, a <see cref="decimal"/> its
/// mantissa over 10^scale. <see cref="Missing"/> (denominator 0) stands for no valid value.
/// </summary>
public readonly record struct ExactValue(Int128 Numerator, Int128 Denominator)
{
    /// <summary>Measured values are held in units of 10⁻⁹ (µg/m³ or mg/m³): nine decimals, exact.</summary>
    public const long NanoPerUnit = 1_000_000_000;

    public static readonly ExactValue Missing = new(0, 0);

    public bool HasValue => Denominator != 0;

    /// <summary>A value in units of 10⁻⁹.</summary>
    public static ExactValue Nano(long nano) => new(nano, NanoPerUnit);

    /// <summary>The mean of <paramref name="count"/> values whose sum is <paramref name="nanoSum"/> units of 10⁻⁹.</summary>
    public static ExactValue Mean(long nanoSum, int count) => new(nanoSum, (Int128)NanoPerUnit * count);

    public static ExactValue From(decimal? value)
    {
        if (value is not { } d)
        {
            return Missing;
        }

        Span<int> bits = stackalloc int[4];
        decimal.GetBits(d, bits);
        // The 96-bit mantissa's words are unsigned: reinterpret them, never convert (the build checks arithmetic, and a
        // mean such as 106/3 fills the top bit of a word).
        var mantissa = ((Int128)unchecked((uint)bits[2]) << 64) | ((Int128)unchecked((uint)bits[1]) << 32) | unchecked((uint)bits[0]);
        return new(bits[3] < 0 ? -mantissa : mantissa, Pow10((bits[3] >> 16) & 0xFF));
    }

    /// <summary>The value in units of 10⁻⁹ when it is exactly that, without rounding.</summary>
    public bool TryNano(out long nano)
    {
        if (Denominator == NanoPerUnit && Numerator >= long.MinValue && Numerator <= long.MaxValue)
        {
            nano = (long)Numerator;
            return true;
        }

        var factor = Denominator > 0 && Denominator <= NanoPerUnit ? NanoPerUnit / Denominator : 0;
        if (factor * Denominator == NanoPerUnit)
        {
            var scaled = Numerator * factor;
            if (scaled >= long.MinValue && scaled <= long.MaxValue)
            {
                nano = (long)scaled;
                return true;
            }
        }

        nano = 0;
        return false;
    }

    /// <summary>GB/T 8170 round half to even at <paramref name="decimals"/> decimals, in units of 10⁻⁹ (capped far above any table).</summary>
    public long RoundToNano(int decimals)
    {
        var magnitude = Int128.Abs(Numerator) * Pow10(decimals);
        var quotient = magnitude / Denominator;
        var twice = (magnitude - (quotient * Denominator)) * 2;
        if (twice > Denominator || (twice == Denominator && !Int128.IsEvenInteger(quotient)))
        {
            quotient++;
        }

        var nano = quotient * Pow10(9 - decimals);
        var capped = nano > Ceiling ? Ceiling : (long)nano;
        return Numerator < 0 ? -capped : capped;
    }

    /// <summary>
    /// AQ-AQI 2026: GB/T 8170-2008 rounding (数值修约) of a value in units of 10⁻⁹ at <paramref name="decimals"/> decimals
    /// (0–9). GB/T 8170 keeps a dropped part below 5 (舍), raises above 5 or 5 followed by non-zero digits (入), and for
    /// exactly 5 rounds to the even digit (五成双): on the exact value that is round half to even (binary floating
    /// point would misjudge values like 2.675, so concentrations stay exact).
    /// </summary>
    public static long RoundNano(long nano, int decimals)
    {
        var step = NanoSteps[9 - decimals];
        var magnitude = Math.Abs(nano);
        var quotient = magnitude / step;
        var twice = (magnitude - (quotient * step)) * 2;
        if (twice > step || (twice == step && (quotient & 1) == 1))
        {
            quotient++;
        }

        return Math.Sign(nano) * quotient * step;
    }

    /// <summary>This value ≤ <paramref name="other"/>; both present.</summary>
    public bool AtMost(ExactValue other) => Numerator * other.Denominator <= other.Numerator * Denominator;

    public static Int128 Pow10(int exponent)
    {
        Int128 result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    /// <summary>10⁰ … 10⁹: the size of a rounding step in units of 10⁻⁹, by the number of digits dropped.</summary>
    internal static readonly long[] NanoSteps = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    /// <summary>A rounded value beyond this (10⁹ units) is above every breakpoint of every table.</summary>
    private const long Ceiling = 1_000_000_000L * NanoPerUnit;
}
