namespace Nabla.Whiteboard.Charts;

/// <summary>Smallest and largest of a set of drawable values, with a fallback when there are none.</summary>
internal static class DataRange
{
    public static (double Min, double Max) Of(IEnumerable<double> values, (double, double) whenEmpty)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in values)
        {
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return min <= max ? (min, max) : whenEmpty;
    }

    /// <summary>True when every value is a whole number (epochs, steps): x ticks then step by at least 1.</summary>
    public static bool AllIntegers(IEnumerable<double> values) => values.All(v => v == Math.Floor(v));
}
