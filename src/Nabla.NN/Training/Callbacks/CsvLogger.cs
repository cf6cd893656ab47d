using System.Globalization;

namespace Nabla.NN.Training;

/// <summary>
/// Writes one CSV row per epoch: <c>epoch,loss,&lt;metrics&gt;,val_loss,&lt;val metrics&gt;,lr,seconds</c>
/// (invariant culture, '.' decimals), flushed after each epoch so the file can be watched or plotted live.
/// </summary>
public sealed class CsvLogger : Callback
{
    private readonly string path;
    private readonly bool append;
    private StreamWriter? writer;
    private string[]? columns;

    /// <summary>Logs to <paramref name="path"/>, replacing it, or appending rows when <paramref name="append"/> (e.g. after resuming).</summary>
    public CsvLogger(string path, bool append = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        this.path = path;
        this.append = append;
    }

    /// <inheritdoc/>
    public override void OnTrainBegin(TrainingContext context)
    {
        bool existing = append && File.Exists(path) && new FileInfo(path).Length > 0;
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        writer = new StreamWriter(path, append) { NewLine = "\n" };
        columns = existing ? ReadHeader(path) : null;
    }

    private static string[]? ReadHeader(string file)
    {
        using var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        return reader.ReadLine()?.Split(',');
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        if (writer is null) return;
        if (columns is null)
        {
            columns = ["epoch", .. record.Metrics.Keys, "lr", "seconds"];
            writer.WriteLine(string.Join(',', columns));
        }
        var cells = columns.Select(c => c switch
        {
            "epoch" => record.Epoch.ToString(CultureInfo.InvariantCulture),
            "lr" => record.LearningRate.ToString("R", CultureInfo.InvariantCulture),
            "seconds" => record.Duration.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture),
            _ => record.Get(c) is double v ? v.ToString("R", CultureInfo.InvariantCulture) : "",
        });
        writer.WriteLine(string.Join(',', cells));
        writer.Flush();
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(TrainingContext context)
    {
        writer?.Dispose();
        writer = null;
    }
}
