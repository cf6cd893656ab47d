namespace Nabla.Whiteboard.Charts;

/// <summary>The words and size of a chart.</summary>
/// <param name="Title">Shown above the plot and as the SVG &lt;title&gt;.</param>
/// <param name="XLabel">Label under the x axis (null for none).</param>
/// <param name="YLabel">Label left of the y axis, rotated (null for none).</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
public sealed record ChartText(string Title, string? XLabel = null, string? YLabel = null, double Width = 640, double Height = 360);
