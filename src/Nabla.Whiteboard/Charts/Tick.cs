namespace Nabla.Whiteboard.Charts;

/// <summary>One tick mark on an axis.</summary>
/// <param name="Value">Position in data units.</param>
/// <param name="Label">Text printed next to the tick; empty for minor ticks.</param>
/// <param name="IsMajor">Major ticks carry a label and a grid line; minor ticks (2..9 between log decades) only a short mark.</param>
public sealed record Tick(double Value, string Label, bool IsMajor);

/// <summary>The ticks of one axis and the data range the axis spans (the ticks' outer values, so data fits inside).</summary>
/// <param name="Min">Lowest value on the axis, in data units.</param>
/// <param name="Max">Highest value on the axis, in data units (always &gt; <paramref name="Min"/>).</param>
/// <param name="Ticks">Ticks in increasing order.</param>
public sealed record TickSet(double Min, double Max, IReadOnlyList<Tick> Ticks);
