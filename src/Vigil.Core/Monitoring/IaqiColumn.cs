namespace Vigil.Monitoring;

/// <summary>
/// One breakpoint column of a standard compiled for lookup (AQ-AQI). IAQI = IL + ⌈(IH − IL)(C − BPL)/(BPH − BPL)⌉
/// is the smallest IAQI <c>v</c> whose threshold <c>t(v) = BPL + (v − IL)(BPH − BPL)/(IH − IL)</c> is ≥ C, so the
/// column keeps every t(v) as an exact fraction, the same thresholds floored to 10⁻⁹ (exact for a measured value,
/// itself a whole number of 10⁻⁹), and for each step of the standard's rounding (1 µg/m³, or 0.1 mg/m³ for CO under
/// HJ 633-2026) the IAQI at that step, from which a value's IAQI is at most a few steps up. No allocation per value.
/// </summary>
public sealed class IaqiColumn
{
    /// <summary>No IAQI (a missing value, a negative one, a column that ends without a special case).</summary>
    public const int None = -1;

    private readonly ExactValue[] _thresholds;
    private readonly long[] _upperNano;
    private readonly int[] _atStep;
    private readonly long _stepNano;
    private readonly int _roundDecimals;
    private readonly long _lastNano;
    private readonly int? _cap;
    private readonly (long AboveNano, ExactValue Above, int? Iaqi, AqiTable? Use)[] _rules;
    private readonly AqiEngine _engine;

    internal IaqiColumn(AqiEngine engine, AqiTable table, IReadOnlyList<decimal?> breakpoints, IReadOnlyList<int> levels, AqiStandard standard)
    {
        _engine = engine;
        Table = table;
        var last = 0;
        while (last + 1 < breakpoints.Count && breakpoints[last + 1] is not null)
        {
            last++;
        }

        // Beyond the end of a column only the top of the table has an answer (the cap); one that stops earlier has none.
        _cap = last == breakpoints.Count - 1 ? standard.IaqiAboveHighestBreakpoint : null;
        _thresholds = new ExactValue[levels[last] + 1];
        for (var segment = 0; segment < last; segment++)
        {
            var low = ExactValue.From(breakpoints[segment]);
            var high = ExactValue.From(breakpoints[segment + 1]);
            int il = levels[segment], ih = levels[segment + 1];
            for (var v = il; v <= ih; v++)
            {
                // t(v) = low + (v − IL)(high − low)/(IH − IL), over the common denominator.
                var numerator = (low.Numerator * high.Denominator * (ih - il)) + ((v - il) * ((high.Numerator * low.Denominator) - (low.Numerator * high.Denominator)));
                _thresholds[v] = new ExactValue(numerator, low.Denominator * high.Denominator * (ih - il));
            }
        }

        _upperNano = [.. _thresholds.Select(t => (long)(t.Numerator * ExactValue.NanoPerUnit / t.Denominator))];
        _lastNano = _upperNano[^1];
        _roundDecimals = standard.Rounding == ConcentrationRoundingMethod.GbT8170 ? standard.DecimalsOf(table.Pollutant) : -1;
        _stepNano = ExactValue.NanoSteps[9 - Math.Max(0, _roundDecimals)];
        _atStep = new int[(_lastNano / _stepNano) + 1];
        var iaqi = 0;
        for (var step = 0; step < _atStep.Length; step++)
        {
            while (step * _stepNano > _upperNano[iaqi])
            {
                iaqi++;
            }

            _atStep[step] = iaqi;
        }

        _rules = [.. standard.AboveBreakpointRules.Where(r => r.Table == table).Select(r =>
        {
            var above = ExactValue.From(r.Above);
            return ((long)(above.Numerator * ExactValue.NanoPerUnit / above.Denominator), above, r.Iaqi, r.UseTable);
        })];
    }

    public AqiTable Table { get; }

    /// <summary>
    /// The IAQI of a measured value in units of 10⁻⁹, or <see cref="None"/>. <paramref name="fallback"/> is the value
    /// of the other averaging time a special case reports instead (HJ 633-2012: SO₂ 24-hour, O₃ 1-hour).
    /// </summary>
    public int Iaqi(long nano, ExactValue fallback)
    {
        // AQ-AQI 2026: concentrations are rounded (GB/T 8170) before the IAQI.
        var c = _roundDecimals >= 0 ? ExactValue.RoundNano(nano, _roundDecimals) : nano;
        if (c < 0)
        {
            return None;
        }

        foreach (var rule in _rules)
        {
            if (c > rule.AboveNano)
            {
                return Special(rule.Iaqi, rule.Use, fallback);
            }
        }

        if (c > _lastNano)
        {
            return _cap ?? None;
        }

        var iaqi = _atStep[c / _stepNano];
        while (c > _upperNano[iaqi])
        {
            iaqi++;
        }

        return iaqi;
    }

    /// <summary>The IAQI of any exact value (a mean, a decimal), or <see cref="None"/> when it is missing.</summary>
    public int Iaqi(ExactValue value, ExactValue fallback)
    {
        if (!value.HasValue)
        {
            return None;
        }

        if (value.TryNano(out var nano))
        {
            return Iaqi(nano, fallback);
        }

        if (_roundDecimals >= 0)
        {
            return Iaqi(value.RoundToNano(_roundDecimals), fallback);
        }

        if (value.Numerator < 0)
        {
            return None;
        }

        foreach (var rule in _rules)
        {
            if (!value.AtMost(rule.Above))
            {
                return Special(rule.Iaqi, rule.Use, fallback);
            }
        }

        if (!value.AtMost(_thresholds[^1]))
        {
            return _cap ?? None;
        }

        // The smallest v with value ≤ t(v).
        int low = 0, high = _thresholds.Length - 1;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (value.AtMost(_thresholds[middle]))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    private int Special(int? fixedIaqi, AqiTable? use, ExactValue fallback) =>
        fixedIaqi ?? (use is { } other && fallback.HasValue ? _engine.Column(other).Iaqi(fallback, ExactValue.Missing) : None);
}
