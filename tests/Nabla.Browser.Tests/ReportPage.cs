using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Nabla.Browser.Tests;

/// <summary>What the browser made of one chart: its drawn size and, read back from the rendered SVG DOM, its data.</summary>
/// <param name="Key">The figure's data-chart key (loss, learning-rate, gradient-norms, confusion-matrix, ...).</param>
/// <param name="Kind">The SVG's class (chart line-chart, chart heat-map, chart scatter-chart).</param>
/// <param name="Width">On-screen width in CSS pixels (0 when the browser did not lay the chart out).</param>
/// <param name="Height">On-screen height in CSS pixels.</param>
public sealed record Chart(string Key, string Kind, double Width, double Height, ChartSeries[] Series, HeatCell[] Cells);

/// <summary>One &lt;g class="series"&gt;: how many data points it draws and whether they are drawable.</summary>
/// <param name="Points">Vertices of its polylines plus its circles (reports draw no markers on lines, so each is one data point).</param>
/// <param name="Inside">Every point is a finite position inside the SVG's viewBox.</param>
/// <param name="Drawn">Every polyline has a positive rendered length (a line of identical points would not show).</param>
public sealed record ChartSeries(string Name, int Points, bool Inside, bool Drawn);

/// <summary>One heat-map cell: its row and column and the number printed in it.</summary>
public sealed record HeatCell(int Row, int Column, string Value)
{
    public int Count => int.Parse(Value, NumberStyles.Integer, CultureInfo.InvariantCulture);
}

/// <summary>
/// A report opened in chromium from its file:// address, with everything the page said while loading:
/// console messages, uncaught errors and every request it made (a self-contained report makes only one).
/// </summary>
public sealed class ReportPage : IAsyncDisposable
{
    public required IPage Page { get; init; }
    public required string Url { get; init; }
    public List<string> ConsoleErrors { get; } = [];
    public List<string> ConsoleMessages { get; } = [];
    public List<string> PageErrors { get; } = [];
    public List<string> Requests { get; } = [];
    public List<string> FailedRequests { get; } = [];

    public static async Task<ReportPage> OpenAsync(IBrowser browser, string reportPath)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var report = new ReportPage { Page = page, Url = new Uri(Path.GetFullPath(reportPath)).AbsoluteUri };
        page.Console += (_, m) =>
        {
            report.ConsoleMessages.Add($"{m.Type}: {m.Text}");
            if (m.Type == "error") report.ConsoleErrors.Add($"{m.Text} ({m.Location})");
        };
        page.PageError += (_, e) => report.PageErrors.Add(e);
        page.Request += (_, r) => report.Requests.Add(r.Url);
        page.RequestFailed += (_, r) => report.FailedRequests.Add($"{r.Url}: {r.Failure}");
        var response = await page.GotoAsync(report.Url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        if (response is { Ok: false }) throw new InvalidOperationException($"{report.Url} answered {response.Status}");
        return report;
    }

    /// <summary>Every figure[data-chart] of the page, read from the live DOM after layout.</summary>
    // Returned as JSON text: Playwright's own converter needs parameterless constructors, System.Text.Json does not.
    public async Task<Chart[]> ChartsAsync() => JsonSerializer.Deserialize<Chart[]>(await Page.EvaluateAsync<string>(
        """
        () => JSON.stringify([...document.querySelectorAll('figure[data-chart]')].map(figure => {
          const svg = figure.querySelector('svg');
          if (!svg) return { key: figure.dataset.chart, kind: '', width: 0, height: 0, series: [], cells: [] };
          const box = svg.getBoundingClientRect();
          const view = svg.viewBox.baseVal;
          const isInside = p => Number.isFinite(p.x) && Number.isFinite(p.y)
            && p.x >= view.x && p.x <= view.x + view.width && p.y >= view.y && p.y <= view.y + view.height;
          const series = [...svg.querySelectorAll('g.series')].map(g => {
            const lines = [...g.querySelectorAll('polyline')];
            const points = lines.flatMap(l => Array.from({ length: l.points.numberOfItems }, (_, i) => l.points.getItem(i)))
              .concat([...g.querySelectorAll('circle')].map(c => ({ x: c.cx.baseVal.value, y: c.cy.baseVal.value })));
            return {
              name: g.dataset.name,
              points: points.length,
              inside: points.every(isInside),
              drawn: lines.every(l => l.getTotalLength() > 0),
            };
          });
          const cells = [...svg.querySelectorAll('g.cell')].map(c => ({
            row: Number(c.dataset.row), column: Number(c.dataset.column), value: c.querySelector('text')?.textContent ?? '',
          }));
          return { key: figure.dataset.chart, kind: svg.getAttribute('class'), width: box.width, height: box.height, series, cells };
        }))
        """), JsonSerializerOptions.Web)!;

    /// <summary>The architecture table's rows as (layer name, kind, parameter count).</summary>
    public async Task<(string Layer, string Kind, long Parameters)[]> ArchitectureAsync()
    {
        var rows = await Page.EvaluateAsync<string[][]>(
            "() => [...document.querySelectorAll('#architecture tbody tr')].map(tr => [...tr.cells].map(td => td.textContent))");
        return rows.Select(r => (r[0], r[1], long.Parse(r[^1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture))).ToArray();
    }

    /// <summary>How many script elements the page has (a report has none).</summary>
    public Task<int> ScriptCountAsync() => Page.EvaluateAsync<int>("() => document.scripts.length");

    /// <summary>Saves a full-page PNG under the test output folder (screenshots/NAME.png) and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "screenshots", name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync() => await Page.Context.DisposeAsync();
}
