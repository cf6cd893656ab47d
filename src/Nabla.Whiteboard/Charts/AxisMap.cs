namespace Nabla.Whiteboard.Charts;

/// <summary>Maps data values on one axis to pixel positions (linear, or linear in log10 of the value).</summary>
internal sealed class AxisMap(TickSet ticks, AxisScale scale, double pixelFrom, double pixelTo)
{
    public TickSet Ticks { get; } = ticks;
    public AxisScale Scale { get; } = scale;

    /// <summary>Pixel position of <paramref name="value"/>; pixelFrom at Ticks.Min, pixelTo at Ticks.Max.</summary>
    public double Map(double value)
    {
        double t = Scale == AxisScale.Log10
            ? (Math.Log10(value) - Math.Log10(Ticks.Min)) / (Math.Log10(Ticks.Max) - Math.Log10(Ticks.Min))
            : (value - Ticks.Min) / (Ticks.Max - Ticks.Min);
        return pixelFrom + t * (pixelTo - pixelFrom);
    }
}
