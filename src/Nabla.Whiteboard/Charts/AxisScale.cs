namespace Nabla.Whiteboard.Charts;

/// <summary>How data values are mapped onto a chart axis.</summary>
public enum AxisScale
{
    /// <summary>Equal distances for equal differences; ticks at 1-2-5 steps (0, 0.5, 1, 1.5 ...).</summary>
    Linear,

    /// <summary>Equal distances for equal ratios; ticks at powers of ten. Values &lt;= 0 cannot be drawn and are skipped.</summary>
    Log10,
}
