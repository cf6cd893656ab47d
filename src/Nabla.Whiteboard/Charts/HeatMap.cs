using System.Globalization;

namespace Nabla.Whiteboard.Charts;

/// <summary>
/// A matrix drawn as coloured cells, e.g. a confusion matrix: rows are actual classes, columns predicted
/// classes, each cell shows its count and is shaded from white (0) to dark blue (the largest value).
/// A small colour key on the right maps shades back to values.
/// </summary>
public sealed class HeatMap
{
    /// <summary>Title, axis labels (default "Predicted" under, "Actual" left) and size.</summary>
    public required ChartText Text { get; init; }

    /// <summary>Values [rows][columns]; every row has <see cref="ColumnLabels"/>.Count entries.</summary>
    public required IReadOnlyList<IReadOnlyList<double>> Values { get; init; }

    /// <summary>One label per row (actual class names).</summary>
    public required IReadOnlyList<string> RowLabels { get; init; }

    /// <summary>One label per column (predicted class names).</summary>
    public required IReadOnlyList<string> ColumnLabels { get; init; }

    /// <summary>Print each value inside its cell (default true).</summary>
    public bool ShowValues { get; init; } = true;

    /// <summary>The heat map as a self-contained SVG document.</summary>
    public string ToSvg()
    {
        Validate();
        int rows = RowLabels.Count, cols = ColumnLabels.Count;
        var finite = Values.SelectMany(r => r).Where(double.IsFinite).ToArray();
        double lo = Math.Min(0, finite.DefaultIfEmpty(0).Min()), hi = finite.DefaultIfEmpty(1).Max();
        if (hi <= lo) hi = lo + 1;

        const double pad = 12, keyWidth = 70;
        double rowLabelWidth = RowLabels.Select(l => Svg.TextWidth(l, 11)).DefaultIfEmpty(0).Max();
        double colLabelWidth = ColumnLabels.Select(l => Svg.TextWidth(l, 11)).DefaultIfEmpty(0).Max();
        double left = pad + 20 + rowLabelWidth + 6;
        double top = string.IsNullOrEmpty(Text.Title) ? pad : 36;
        double availW = Text.Width - left - pad - keyWidth;
        double cell0 = Math.Min(availW / Math.Max(cols, 1), 60);
        bool rotate = colLabelWidth > cell0 - 4;
        double bottomLabels = rotate ? colLabelWidth * 0.75 + 14 : 18;
        double availH = Text.Height - top - pad - bottomLabels - 20;
        double cell = Math.Min(cell0, availH / Math.Max(rows, 1));
        if (cell < 8) throw new ArgumentException($"heat map \"{Text.Title}\" has {rows} x {cols} cells: too many for {Text.Width} x {Text.Height} px");

        // Cells stay square, so the picture usually needs less room than offered: shrink the canvas to fit.
        double usedWidth = Math.Min(Text.Width, left + cols * cell + 16 + keyWidth + pad);
        double usedHeight = Math.Min(Text.Height, top + rows * cell + bottomLabels + 14 + pad);
        var svg = Svg.Root(usedWidth, usedHeight, Text.Title, "chart heat-map");
        if (!string.IsNullOrEmpty(Text.Title))
            svg.Add(Svg.Text(left + cols * cell / 2, 22, Text.Title, "chart-title", "middle", 15, weight: "bold"));

        var cells = Svg.El("g", ("class", "cells"));
        double fontSize = Math.Clamp(cell * 0.3, 8, 13);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                double v = Values[r][c];
                double t = double.IsFinite(v) ? (v - lo) / (hi - lo) : double.NaN;
                double x = left + c * cell, y = top + r * cell;
                var g = Svg.El("g", ("class", "cell"), ("data-row", r), ("data-column", c));
                g.Add(Svg.El("rect", ("x", x), ("y", y), ("width", cell), ("height", cell), ("fill", ColorScale.At(t)),
                    ("stroke", "#ffffff"), ("stroke-width", 1)));
                if (ShowValues)
                    g.Add(Svg.Text(x + cell / 2, y + cell / 2 + fontSize * 0.35, FormatValue(v), "cell-value", "middle", fontSize,
                        ColorScale.NeedsLightText(t) ? "#ffffff" : Svg.Ink));
                cells.Add(g);
            }
        }
        svg.Add(cells);

        var rowAxis = Svg.El("g", ("class", "axis y-axis"));
        for (int r = 0; r < rows; r++)
            rowAxis.Add(Svg.Text(left - 6, top + (r + 0.5) * cell + 4, RowLabels[r], "tick-label", "end", 11));
        svg.Add(rowAxis);
        var colAxis = Svg.El("g", ("class", "axis x-axis"));
        double labelY = top + rows * cell + 14;
        for (int c = 0; c < cols; c++)
        {
            double x = left + (c + 0.5) * cell;
            colAxis.Add(rotate
                ? Svg.Text(x, labelY, ColumnLabels[c], "tick-label", "end", 11, rotate: -45)
                : Svg.Text(x, labelY, ColumnLabels[c], "tick-label", "middle", 11));
        }
        svg.Add(colAxis);
        svg.Add(Svg.Text(left + cols * cell / 2, top + rows * cell + bottomLabels + 14, Text.XLabel ?? "Predicted", "axis-label x-label", "middle"));
        svg.Add(Svg.Text(pad + 8, top + rows * cell / 2, Text.YLabel ?? "Actual", "axis-label y-label", "middle", rotate: -90));

        svg.Add(Key(left + cols * cell + 16, top, Math.Max(rows * cell, 60), lo, hi));
        return Svg.ToText(svg);
    }

    // Five shaded boxes from the highest value (top) to the lowest (bottom), labelled at both ends.
    static System.Xml.Linq.XElement Key(double x, double y, double height, double lo, double hi)
    {
        const int steps = 5;
        var key = Svg.El("g", ("class", "color-key"));
        double h = height / steps;
        for (int i = 0; i < steps; i++)
        {
            double t = 1 - (i + 0.5) / steps;
            key.Add(Svg.El("rect", ("x", x), ("y", y + i * h), ("width", 14), ("height", h), ("fill", ColorScale.At(t))));
        }
        key.Add(Svg.Text(x + 18, y + 10, FormatValue(hi), "key-label", size: 10));
        key.Add(Svg.Text(x + 18, y + height, FormatValue(lo), "key-label", size: 10));
        return key;
    }

    static string FormatValue(double v) =>
        double.IsNaN(v) ? "NaN"
        : double.IsInfinity(v) ? (v > 0 ? "inf" : "-inf")
        : v == Math.Round(v) && Math.Abs(v) < 1e9 ? v.ToString("0", CultureInfo.InvariantCulture)
        : v.ToString("G3", CultureInfo.InvariantCulture);

    void Validate()
    {
        if (Values.Count != RowLabels.Count)
            throw new ArgumentException($"heat map \"{Text.Title}\" has {Values.Count} rows of values but {RowLabels.Count} row labels");
        for (int r = 0; r < Values.Count; r++)
        {
            if (Values[r].Count != ColumnLabels.Count)
                throw new ArgumentException($"heat map \"{Text.Title}\" row {r} has {Values[r].Count} values but there are {ColumnLabels.Count} column labels");
        }
    }
}
