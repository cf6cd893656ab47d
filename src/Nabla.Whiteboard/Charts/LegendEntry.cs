namespace Nabla.Whiteboard.Charts;

/// <summary>One legend row: a colour swatch (a line, dashed or not) and a name.</summary>
internal sealed record LegendEntry(string Name, string Color, bool Dashed);
