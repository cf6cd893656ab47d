using System.Globalization;
using System.Text;
using Nabla.NN;
using Nabla.NN.Training;
using Nabla.Whiteboard.Charts;
using Nabla.Whiteboard.Reports;
using ConfusionMatrix = Nabla.Whiteboard.Reports.ConfusionMatrix;

namespace Nabla.Cli.Execution;

/// <summary>Writes the per-epoch <c>metrics.csv</c> and the self-contained <c>report.html</c> of a run.</summary>
public static class RunWriter
{
    /// <summary>
    /// <c>metrics.csv</c>: one row per epoch with <c>epoch, lr, seconds</c> and every recorded value
    /// (<c>loss, accuracy, val_loss, val_accuracy</c>, ...), in the order the trainer first reported them.
    /// </summary>
    public static void WriteMetricsCsv(string path, History history) =>
        Nabla.NN.Serialization.AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(history.ToCsv()));

    /// <summary>The report's architecture table, one row per layer of <paramref name="model"/>.</summary>
    public static IReadOnlyList<LayerRow> Architecture(Sequential model, int inputs)
    {
        var rows = new List<LayerRow>();
        int width = inputs;
        for (int i = 0; i < model.Count; i++)
        {
            var layer = model[i];
            string kind = layer switch
            {
                Dense d => $"Dense({d.InFeatures} -> {d.OutFeatures})",
                Dropout p => $"Dropout(p={p.P.ToString(CultureInfo.InvariantCulture)})",
                _ => layer.TypeName,
            };
            if (layer is Dense dense) width = dense.OutFeatures;
            rows.Add(new LayerRow(i.ToString(CultureInfo.InvariantCulture), kind, $"[{width}]", layer.ParameterCount()));
        }
        return rows;
    }

    /// <summary>Loss curves (train and, when present, validation) of one run; <paramref name="prefix"/> labels runs in a comparison.</summary>
    public static IEnumerable<Series> LossSeries(History history, string prefix = "", string? color = null)
    {
        var epochs = history.Epochs.Select(e => (double)e.Epoch).ToArray();
        yield return new Series(prefix + "train", epochs, history.Epochs.Select(e => e.TrainLoss).ToArray(), color);
        if (history.Epochs.Any(e => e.ValidationLoss.HasValue))
            yield return new Series(prefix + "validation", epochs, history.Epochs.Select(e => e.ValidationLoss ?? double.NaN).ToArray(), color, Dashed: true);
    }

    /// <summary>The metric curves (train vs validation) of every metric other than the loss.</summary>
    public static IReadOnlyList<MetricCurve> MetricCurves(History history)
    {
        var epochs = history.Epochs.Select(e => (double)e.Epoch).ToArray();
        var names = history.Epochs.SelectMany(e => e.Metrics.Keys).Distinct()
            .Where(n => n != "loss" && n != "val_loss" && !n.StartsWith("val_", StringComparison.Ordinal)).ToArray();
        return names.Select(n =>
        {
            var series = new List<Series> { new("train", epochs, history[n].ToArray()) };
            if (history.Epochs.Any(e => e.Get("val_" + n).HasValue)) series.Add(new Series("validation", epochs, history["val_" + n].ToArray(), Dashed: true));
            return new MetricCurve(n, series);
        }).ToArray();
    }

    /// <summary>Gradient L2 norm per layer per epoch (from the trainer's diagnostics), one series per layer.</summary>
    public static IReadOnlyList<Series> GradientNorms(History history)
    {
        // Only rows with a gradient norm (layers with parameters); activation rows carry saturation figures instead.
        var layers = history.Epochs.Where(e => e.Diagnostics is not null)
            .SelectMany(e => e.Diagnostics!.Layers.Where(l => l.GradientNorm.HasValue))
            .DistinctBy(l => l.Layer).ToArray();
        return layers.Select(layer =>
        {
            var points = history.Epochs
                .Select(e => (e.Epoch, Norm: e.Diagnostics?.Layers.FirstOrDefault(l => l.Layer == layer.Layer)?.GradientNorm))
                .Where(p => p.Norm.HasValue).ToArray();
            return new Series($"{layer.Layer}: {layer.Description}", points.Select(p => (double)p.Epoch).ToArray(), points.Select(p => p.Norm!.Value).ToArray());
        }).ToArray();
    }

    /// <summary>The confusion matrix of a classification evaluation, labelled with the class names.</summary>
    public static ConfusionMatrix? Confusion(string split, Evaluation evaluation, IReadOnlyList<string>? classNames)
    {
        if (classNames is null) return null;
        // The library counts; the report only needs the counts as rows (actual) of columns (predicted).
        var matrix = evaluation.ConfusionMatrix();
        var counts = Enumerable.Range(0, matrix.NumClasses)
            .Select(a => (IReadOnlyList<int>)Enumerable.Range(0, matrix.NumClasses).Select(p => checked((int)matrix[a, p])).ToArray()).ToArray();
        return new ConfusionMatrix(split, classNames, counts);
    }
}
