using System.Globalization;

namespace Nabla.Whiteboard.Charts;

/// <summary>
/// Chooses "nice" axis ticks: on a linear axis a step of 1, 2 or 5 times a power of ten; on a log10 axis
/// one tick per decade (every k-th decade when there are many). The axis range is widened to whole steps
/// so every data value lies inside it.
/// </summary>
public static class NiceTicks
{
    /// <summary>Ticks for a linear axis covering [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <param name="min">Smallest data value (finite).</param>
    /// <param name="max">Largest data value (finite, &gt;= min).</param>
    /// <param name="targetCount">About how many ticks to aim for (at least 2).</param>
    /// <param name="minStep">Smallest allowed step (1 for epoch numbers, so no tick reads "1.5"); 0 for none.</param>
    public static TickSet Linear(double min, double max, int targetCount = 6, double minStep = 0)
    {
        CheckRange(min, max);
        if (targetCount < 2) throw new ArgumentOutOfRangeException(nameof(targetCount), targetCount, "at least 2 ticks are needed");
        (min, max) = WidenIfFlat(min, max);

        double step = Math.Max(NiceStep((max - min) / (targetCount - 1)), minStep);
        // Work in whole multiples of the step so labels do not collect floating-point dust (0.30000000000000004).
        long first = (long)Math.Floor(min / step + 1e-9);
        long last = (long)Math.Ceiling(max / step - 1e-9);
        if (last == first) last = first + 1;

        var ticks = new List<Tick>();
        for (long k = first; k <= last; k++)
        {
            double value = k * step;
            ticks.Add(new Tick(value, FormatLinear(value, step), IsMajor: true));
        }
        return new TickSet(first * step, last * step, ticks);
    }

    /// <summary>Ticks for a log10 axis covering [<paramref name="min"/>, <paramref name="max"/>]: one labelled tick per decade.</summary>
    /// <param name="min">Smallest data value (finite, &gt; 0).</param>
    /// <param name="max">Largest data value (finite, &gt;= min).</param>
    /// <param name="maxLabels">Most labelled decades; with more decades only every k-th is labelled.</param>
    public static TickSet Log10(double min, double max, int maxLabels = 8)
    {
        CheckRange(min, max);
        if (min <= 0) throw new ArgumentOutOfRangeException(nameof(min), min, "a log10 axis needs values > 0");
        if (maxLabels < 2) throw new ArgumentOutOfRangeException(nameof(maxLabels), maxLabels, "at least 2 labels are needed");

        // A small tolerance keeps an exact power of ten (0.001 = 10^-3 after rounding) on its own decade.
        int lo = (int)Math.Floor(Math.Log10(min) + 1e-9);
        int hi = (int)Math.Ceiling(Math.Log10(max) - 1e-9);
        if (hi == lo) { lo -= 1; hi += 1; }
        int every = (int)Math.Ceiling((hi - lo + 1) / (double)maxLabels);
        // Keep the ends on labelled decades.
        lo = FloorToMultiple(lo, every);
        hi = CeilToMultiple(hi, every);

        var ticks = new List<Tick>();
        bool minor = every == 1 && hi - lo <= 4;
        for (int e = lo; e <= hi; e += 1)
        {
            if ((e - lo) % every == 0) ticks.Add(new Tick(Math.Pow(10, e), FormatPowerOfTen(e), IsMajor: true));
            if (minor && e < hi)
            {
                for (int m = 2; m <= 9; m++) ticks.Add(new Tick(m * Math.Pow(10, e), "", IsMajor: false));
            }
        }
        return new TickSet(Math.Pow(10, lo), Math.Pow(10, hi), ticks);
    }

    /// <summary>Ticks for the given scale; see <see cref="Linear"/> and <see cref="Log10"/>.</summary>
    public static TickSet For(AxisScale scale, double min, double max) =>
        scale == AxisScale.Log10 ? Log10(min, max) : Linear(min, max);

    /// <summary>The smallest step of the form {1, 2, 5} x 10^k that is &gt;= <paramref name="rough"/>.</summary>
    public static double NiceStep(double rough)
    {
        if (!(rough > 0) || double.IsInfinity(rough)) throw new ArgumentOutOfRangeException(nameof(rough), rough, "step must be a finite number > 0");
        double power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double fraction = rough / power;
        double nice = fraction <= 1 + 1e-9 ? 1 : fraction <= 2 + 1e-9 ? 2 : fraction <= 5 + 1e-9 ? 5 : 10;
        return nice * power;
    }

    /// <summary>A tick label for 10^<paramref name="exponent"/>: plain decimals from 0.001 to 1000, otherwise "1e-5" style.</summary>
    public static string FormatPowerOfTen(int exponent) =>
        exponent is >= -3 and <= 3
            ? Math.Pow(10, exponent).ToString("0.###", CultureInfo.InvariantCulture)
            : "1e" + exponent.ToString(CultureInfo.InvariantCulture);

    /// <summary>A label for a linear tick: as many decimals as the step needs; scientific for very large or very small steps.</summary>
    public static string FormatLinear(double value, double step)
    {
        if (Math.Abs(value) < step * 1e-6) return "0";
        int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));
        if (decimals > 4 || Math.Abs(value) >= 1e6)
            return value.ToString("0.##E+0", CultureInfo.InvariantCulture);
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    static void CheckRange(double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
            throw new ArgumentOutOfRangeException(nameof(min), $"axis range must be finite, got [{min}, {max}]");
        if (max < min) throw new ArgumentOutOfRangeException(nameof(max), $"axis range is reversed: [{min}, {max}]");
    }

    // A constant series still needs an axis with some height: widen by 10% of the value (or by 1 around zero).
    static (double, double) WidenIfFlat(double min, double max)
    {
        if (max > min) return (min, max);
        double pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
        return (min - pad, max + pad);
    }

    static int FloorToMultiple(int v, int m) => (int)Math.Floor(v / (double)m) * m;
    static int CeilToMultiple(int v, int m) => (int)Math.Ceiling(v / (double)m) * m;
}
