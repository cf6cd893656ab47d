using System.Globalization;
using System.Text;

namespace Nabla.Whiteboard.Reports;

/// <summary>
/// Renders a <see cref="TrainingReport"/> as one self-contained HTML page: inline CSS and SVG, no
/// scripts, nothing fetched from the network. Sections (by id): settings, architecture, charts, metrics,
/// confusion-matrix or predicted-vs-actual, warnings. All text from the report is escaped; the output is
/// also well-formed XML.
/// </summary>
public static class ReportHtml
{
    /// <summary>The page as a string (UTF-8 when written with <see cref="Write"/>).</summary>
    public static string Render(TrainingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var curves = ReportCharts.Curves(report);
        var results = ReportCharts.Results(report);
        var sb = new StringBuilder(64 * 1024);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
          .Append("<meta name=\"generator\" content=\"Nabla\" />\n")
          .Append("<title>").Append(Html.Encode(report.Title)).Append("</title>\n")
          .Append("<style>\n").Append(ReportStyle.Css).Append("\n</style>\n</head>\n<body>\n");

        sb.Append("<header>\n<h1>").Append(Html.Encode(report.Title)).Append("</h1>\n");
        if (report.Created is not null) sb.Append("<p class=\"meta\">").Append(Html.Encode(report.Created)).Append("</p>\n");
        if (report.Summary is not null) sb.Append("<p class=\"summary\">").Append(Html.Encode(report.Summary)).Append("</p>\n");
        sb.Append("</header>\n");

        Section(sb, "settings", "Settings", report.Settings.Count == 0 ? null : s => Settings(s, report.Settings));
        Section(sb, "architecture", "Architecture", report.Architecture.Count == 0 ? null : s => Architecture(s, report.Architecture));
        Section(sb, "charts", "Training curves", curves.Count == 0 ? null : s => Figures(s, curves));
        Section(sb, "metrics", "Final metrics", report.FinalMetrics.Count == 0 ? null : s => Metrics(s, report.FinalMetrics));
        foreach (var table in report.Tables) Section(sb, table.Id, table.Title, s => Table(s, table));
        if (results is null) Section(sb, "confusion-matrix", "Confusion matrix", null);
        else Section(sb, results.Key, results.Key == "confusion-matrix" ? "Confusion matrix" : "Predicted vs actual", s => Figures(s, [results]));

        // Chart notes (skipped NaN values ...) are warnings too: a curve with holes must not pass unnoticed.
        var warnings = report.Warnings.Concat(curves.SelectMany(f => f.Notes.Select(n => $"{f.Title} chart: {n}"))).ToArray();
        Section(sb, "warnings", "Warnings", warnings.Length == 0 ? null : s => Warnings(s, warnings), "No warnings.");

        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>
    /// Writes the page to <paramref name="path"/> as UTF-8 (without a byte-order mark), atomically (a browser or a
    /// crash never sees half a report), creating the folder if needed.
    /// </summary>
    public static void Write(string path, TrainingReport report)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        Nabla.NN.Serialization.AtomicFile.WriteAllBytes(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(Render(report)));
    }

    static void Section(StringBuilder sb, string id, string heading, Action<StringBuilder>? body, string empty = "Not recorded for this run.")
    {
        sb.Append("<section id=\"").Append(Html.Encode(id)).Append("\">\n<h2>").Append(Html.Encode(heading)).Append("</h2>\n");
        if (body is null) sb.Append("<p class=\"none\">").Append(Html.Encode(empty)).Append("</p>\n");
        else body(sb);
        sb.Append("</section>\n");
    }

    static void Settings(StringBuilder sb, IReadOnlyList<ReportSetting> settings)
    {
        sb.Append("<table>\n<thead><tr><th>Setting</th><th>Value</th></tr></thead>\n<tbody>\n");
        foreach (var s in settings)
            sb.Append("<tr><td>").Append(Html.Encode(s.Name)).Append("</td><td>").Append(Html.Encode(s.Value)).Append("</td></tr>\n");
        sb.Append("</tbody>\n</table>\n");
    }

    static void Architecture(StringBuilder sb, IReadOnlyList<LayerRow> layers)
    {
        sb.Append("<table>\n<thead><tr><th>Layer</th><th>Kind</th><th>Output shape</th><th>Parameters</th></tr></thead>\n<tbody>\n");
        foreach (var l in layers)
        {
            sb.Append("<tr><td>").Append(Html.Encode(l.Name)).Append("</td><td>").Append(Html.Encode(l.Kind))
              .Append("</td><td>").Append(Html.Encode(l.OutputShape)).Append("</td><td class=\"num\">")
              .Append(l.Parameters.ToString("N0", CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        }
        long total = layers.Sum(l => l.Parameters);
        sb.Append("</tbody>\n<tfoot><tr><td colspan=\"3\">Total</td><td class=\"num\">")
          .Append(total.ToString("N0", CultureInfo.InvariantCulture)).Append("</td></tr></tfoot>\n</table>\n");
    }

    static void Figures(StringBuilder sb, IReadOnlyList<ReportCharts.Figure> figures)
    {
        sb.Append("<div class=\"charts\">\n");
        foreach (var f in figures)
            sb.Append("<figure class=\"chart\" data-chart=\"").Append(Html.Encode(f.Key)).Append("\">").Append(f.Svg).Append("</figure>\n");
        sb.Append("</div>\n");
    }

    // One row per split, one column per metric name (in order of first appearance); gaps stay empty.
    static void Metrics(StringBuilder sb, IReadOnlyList<SplitMetrics> splits)
    {
        var names = splits.SelectMany(s => s.Values.Select(v => v.Key)).Distinct().ToArray();
        sb.Append("<table>\n<thead><tr><th>Split</th>");
        foreach (var n in names) sb.Append("<th>").Append(Html.Encode(n)).Append("</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var s in splits)
        {
            sb.Append("<tr><td>").Append(Html.Encode(s.Split)).Append("</td>");
            foreach (var n in names)
            {
                var hit = s.Values.Where(v => v.Key == n).Select(v => (double?)v.Value).FirstOrDefault();
                sb.Append("<td class=\"num\">").Append(hit is double d ? Html.Encode(Html.Number(d)) : "").Append("</td>");
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
    }

    static void Table(StringBuilder sb, ReportTable table)
    {
        sb.Append("<table>\n<thead><tr>");
        foreach (var c in table.Columns) sb.Append("<th>").Append(Html.Encode(c)).Append("</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            sb.Append("<tr>");
            foreach (var cell in row) sb.Append("<td>").Append(Html.Encode(cell)).Append("</td>");
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
    }

    static void Warnings(StringBuilder sb, IReadOnlyList<string> warnings)
    {
        sb.Append("<ul class=\"warnings\">\n");
        foreach (var w in warnings) sb.Append("<li>").Append(Html.Encode(w)).Append("</li>\n");
        sb.Append("</ul>\n");
    }
}
