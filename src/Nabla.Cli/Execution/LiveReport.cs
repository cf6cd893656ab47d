using System.Diagnostics;
using System.Globalization;
using Nabla.Cli.Options;
using Nabla.NN;
using Nabla.NN.Models;
using Nabla.NN.Training;
using Nabla.Whiteboard.Reports;

namespace Nabla.Cli.Execution;

/// <summary>
/// Rewrites the run's report.html after every epoch (atomically, so a browser never reads half a file) to show the
/// curves so far while training runs; the final report replaces it when the run ends. A run of many fast epochs
/// writes at most once per <see cref="MinInterval"/> so the report never costs more than a sliver of the training.
/// </summary>
/// <param name="path">The report file.</param>
/// <param name="options">The run's options (shown as settings).</param>
/// <param name="lossName">The loss's registry name.</param>
/// <param name="data">The data being trained on.</param>
/// <param name="model">The model being trained.</param>
/// <param name="spec">Its architecture.</param>
public sealed class LiveReport(string path, TrainOptions options, string lossName, TrainingData data, Sequential model, ModelSpec spec) : Callback
{
    /// <summary>Shortest time between two rewrites.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    private readonly Stopwatch _sinceWrite = new();
    private readonly string _created = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>Rewrites the report unless the last rewrite was less than <see cref="MinInterval"/> ago.</summary>
    public override void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        if (_sinceWrite.IsRunning && _sinceWrite.Elapsed < MinInterval) return;
        var sofar = new TrainResult(Path.GetDirectoryName(path) ?? ".", data, context.History, [], context.Elapsed.TotalSeconds, Interrupted: false);
        var settings = TrainRunner.Settings(options, lossName);
        ReportHtml.Write(path, TrainRunner.Report(sofar, model, spec, _created, settings));
        _sinceWrite.Restart();
    }
}
