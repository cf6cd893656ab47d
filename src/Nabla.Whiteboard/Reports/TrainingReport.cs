using Nabla.Whiteboard.Charts;

namespace Nabla.Whiteboard.Reports;

/// <summary>
/// Everything a training report shows, as plain data (strings, numbers, series). The training code fills
/// it; <see cref="ReportHtml.Render"/> turns it into a self-contained report.html. Every part is optional
/// except the title: an empty part is shown as "not recorded" rather than silently left out.
/// </summary>
public sealed record TrainingReport
{
    /// <summary>Heading of the page, e.g. "digits: 64-32-10 MLP".</summary>
    public required string Title { get; init; }

    /// <summary>One or two sentences under the heading (task, data, outcome).</summary>
    public string? Summary { get; init; }

    /// <summary>When the run started, already formatted (e.g. "2026-11-21 05:40 UTC").</summary>
    public string? Created { get; init; }

    /// <summary>Run settings in display order (optimizer, lr, batch size, seed ...).</summary>
    public IReadOnlyList<ReportSetting> Settings { get; init; } = [];

    /// <summary>The model's layers in order.</summary>
    public IReadOnlyList<LayerRow> Architecture { get; init; } = [];

    /// <summary>Loss per epoch: usually "train" and "validation" (for <c>nabla compare</c>, one pair per run).</summary>
    public IReadOnlyList<Series> Loss { get; init; } = [];

    /// <summary>Other metrics per epoch (accuracy, r2 ...), one chart each.</summary>
    public IReadOnlyList<MetricCurve> MetricCurves { get; init; } = [];

    /// <summary>Learning rate per epoch (or per step).</summary>
    public IReadOnlyList<Series> LearningRate { get; init; } = [];

    /// <summary>Gradient L2 norm per layer per epoch, one series per layer (drawn on a log scale).</summary>
    public IReadOnlyList<Series> GradientNorms { get; init; } = [];

    /// <summary>Final metrics per data split (train, validation, test).</summary>
    public IReadOnlyList<SplitMetrics> FinalMetrics { get; init; } = [];

    /// <summary>Confusion matrix of a classification run (null for regression).</summary>
    public ConfusionMatrix? Confusion { get; init; }

    /// <summary>Predicted against actual values of a regression run (null for classification).</summary>
    public PredictionSample? Predictions { get; init; }

    /// <summary>Things the reader should know (diverging loss, vanishing gradients, skipped values ...).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Extra tables (a tuning leaderboard, per-class metrics), each its own section after the final metrics.</summary>
    public IReadOnlyList<ReportTable> Tables { get; init; } = [];
}

/// <summary>A table of text cells shown as its own report section.</summary>
/// <param name="Id">The section's id (letters, digits and dashes), e.g. "leaderboard".</param>
/// <param name="Title">The section heading.</param>
/// <param name="Columns">Column headings.</param>
/// <param name="Rows">Rows of cells, each as long as <paramref name="Columns"/>.</param>
public sealed record ReportTable(string Id, string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>One setting of the run: name and value as displayed.</summary>
public sealed record ReportSetting(string Name, string Value);

/// <summary>One layer of the model.</summary>
/// <param name="Name">Layer name as in the state dict (e.g. "0").</param>
/// <param name="Kind">Layer kind with its arguments, e.g. "Dense(64 -> 32)", "ReLU", "Dropout(p=0.2)".</param>
/// <param name="OutputShape">Output shape per sample, e.g. "[32]".</param>
/// <param name="Parameters">Number of trainable values.</param>
public sealed record LayerRow(string Name, string Kind, string OutputShape, long Parameters);

/// <summary>A metric over epochs, e.g. accuracy for train and validation.</summary>
/// <param name="Metric">Metric name, used as the chart title and y label.</param>
/// <param name="Series">One series per split or run.</param>
/// <param name="Scale">Y axis scale.</param>
public sealed record MetricCurve(string Metric, IReadOnlyList<Series> Series, AxisScale Scale = AxisScale.Linear);

/// <summary>Final values of the metrics on one data split.</summary>
/// <param name="Split">"train", "validation" or "test".</param>
/// <param name="Values">Metric values in display order (loss, accuracy or r2, rmse, mae ...).</param>
public sealed record SplitMetrics(string Split, IReadOnlyList<KeyValuePair<string, double>> Values);

/// <summary>Counts of (actual, predicted) class pairs: <c>Counts[actual][predicted]</c>, both indexed like <paramref name="Labels"/>.</summary>
/// <param name="Split">Which data the counts come from (usually "test").</param>
/// <param name="Labels">Class names in index order.</param>
/// <param name="Counts">Square matrix [classes][classes].</param>
public sealed record ConfusionMatrix(string Split, IReadOnlyList<string> Labels, IReadOnlyList<IReadOnlyList<int>> Counts);

/// <summary>Regression outputs next to the true values, one pair per sample.</summary>
public sealed record PredictionSample(string Split, IReadOnlyList<double> Actual, IReadOnlyList<double> Predicted);
