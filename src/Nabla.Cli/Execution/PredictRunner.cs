using System.Text;
using Nabla.Cli.Options;
using Nabla.Cli.Parsing;
using Nabla.NN.Data;
using Nabla.NN.Models;

namespace Nabla.Cli.Execution;

/// <summary>
/// Runs <c>nabla predict MODEL --data FILE</c>: the library's <see cref="Predictor"/> over the file's rows, written as
/// the <see cref="PredictionCsv"/> file (or <see cref="PredictionParquet"/> when <c>--out</c> ends in .parquet) to <c>--out</c> (atomically) or stdout.
/// </summary>
public static class PredictRunner
{
    /// <summary>Predicts and writes the CSV; returns the exit code.</summary>
    public static int Run(PredictOptions o, CliContext context)
    {
        var predictor = new Predictor(o.LoadModel());
        if (!DataPath.Exists(o.Data)) throw new CliException($"Data file '{o.Data}' does not exist.");
        var source = TabularFile.Open(o.Data, o.Csv);
        if (o.Out is null or DataPath.StandardStream)
        {
            PredictionCsv.Write(predictor, source, context.Stdout);
            return ExitCodes.Success;
        }
        long rows = 0;
        Nabla.NN.Serialization.AtomicFile.Write(o.Out, stream =>
        {
            if (ParquetSource.IsParquetPath(o.Out))
            {
                rows = PredictionParquet.Write(predictor, source, stream);
                return;
            }
            using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            rows = PredictionCsv.Write(predictor, source, w);
        });
        context.Stderr.WriteLine($"Wrote {rows} predictions to {o.Out}.");
        return ExitCodes.Success;
    }
}
