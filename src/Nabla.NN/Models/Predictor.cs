using System.Diagnostics.CodeAnalysis;
using Nabla.NN.Data;
using Nabla.NN.Training;

namespace Nabla.NN.Models;

/// <summary>
/// Predictions from a trained model, in one call from C#:
/// <code>
/// var p = Predictor.Load("runs/cancer");
/// Prediction r = p.Predict(new Dictionary&lt;string, object?&gt; { ["mean radius"] = 17.99, ... });
/// Console.WriteLine($"{r.Label} ({r.Confidence:P1})");
/// </code>
/// Raw rows (CSV rows, dictionaries keyed by column name, typed records whose property names are the column names)
/// go through the preprocessing saved with the model; encoded features <c>[rows, InputSize]</c> can be given directly.
/// </summary>
/// <remarks>
/// <para>Thread-safe: any number of threads may predict at once. Each concurrent caller borrows a lane (a
/// <see cref="FusedMlp"/> and output buffers) from a small pool, so after warm-up predicting an encoded batch with
/// <see cref="PredictClasses"/> or <see cref="PredictOutputs"/> allocates nothing.</para>
/// <para>Models the fused path supports (dense layers whose activations declare a fused kernel, see Module.FusedPart) run
/// without building a graph; others (the step activation) run the ordinary forward pass, one caller at a time.
/// A single row runs matrix-vector products and a batch a matrix product, so a row's outputs can differ in the last
/// float bit between the two (probabilities agree to about 1e-8); the same batches always give the same numbers.</para>
/// </remarks>
public sealed class Predictor
{
    /// <summary>Rows encoded and predicted at a time when streaming (memory stays bounded by one batch).</summary>
    public const int BatchRows = 4096;

    private readonly Stack<Lane> _lanes = new();
    private readonly bool _fusable;

    /// <summary>Wraps a loaded package (its model is switched to eval mode).</summary>
    public Predictor(ModelPackage package)
    {
        Package = package ?? throw new ArgumentNullException(nameof(package));
        package.Model.Eval();
        _fusable = FusedMlp.TryCreate(package.Model, new MseLoss()) is not null;
        var card = package.Card;
        Inputs = card.Preprocessor is { } pre
            ? (pre.SourceHasHeader ? pre.Features.Select(f => f.Name).Distinct().ToArray()
                : pre.SourceColumns.Where((_, j) => j != (pre.Target?.SourceIndex ?? -1)).ToArray())
            : card.FeatureNames.Count == card.Spec.Inputs ? card.FeatureNames
            : Enumerable.Range(1, card.Spec.Inputs).Select(j => "column" + j).ToArray();
    }

    /// <summary>Loads the model folder <paramref name="path"/> names (see <see cref="ModelPackage.Load"/>) and wraps it.</summary>
    public static Predictor Load(string path, ModelLoadOptions? options = null) => new(ModelPackage.Load(path, options));

    /// <summary>The model card and network.</summary>
    public ModelPackage Package { get; }

    /// <summary>The model card.</summary>
    public ModelCard Card => Package.Card;

    /// <summary>The class labels (classification) or null (regression).</summary>
    public IReadOnlyList<string>? ClassNames => Card.ClassNames;

    /// <summary>The raw columns a row must provide (by these names in dictionaries and records).</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>Encoded features per row (the network's input width).</summary>
    public int InputSize => Card.Spec.Inputs;

    /// <summary>Network outputs per row (1 for regression and a one-logit binary model, else the class count).</summary>
    public int OutputSize => Card.Spec.Outputs;

    /// <summary>Probabilities per row: the class count (0 for regression).</summary>
    public int ClassCount => ClassNames?.Count ?? 0;

    /// <summary>Whether predictions run the allocation-free fused path.</summary>
    public bool IsFused => _fusable;

    /// <summary>Predicts one row given as column name -> value (numbers, strings, booleans; null for a missing value).</summary>
    /// <exception cref="DataFormatException">A needed column is missing, or a value cannot be encoded (the message names it).</exception>
    public Prediction Predict(IReadOnlyDictionary<string, object?> row) => Predict([row])[0];

    /// <summary>Predicts rows given as column name -> value, in batches of <see cref="BatchRows"/>.</summary>
    public IReadOnlyList<Prediction> Predict(IEnumerable<IReadOnlyDictionary<string, object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Predict(new DictionaryRows(Inputs, rows));
    }

    /// <summary>Predicts one typed record: its public readable properties are the columns (by name).</summary>
    public Prediction PredictRecord<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(T record) =>
        PredictRecords([record])[0];

    /// <summary>Predicts typed records: their public readable properties are the columns (by name).</summary>
    public IReadOnlyList<Prediction> PredictRecords<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(IEnumerable<T> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var properties = typeof(T).GetProperties().Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToArray();
        return Predict(records.Select(r => (IReadOnlyDictionary<string, object?>)properties.ToDictionary(p => p.Name, p => p.GetValue(r), StringComparer.Ordinal)));
    }

    /// <summary>Predicts every row of a CSV source (for example <see cref="CsvSource.FromFile"/>), in batches.</summary>
    public IReadOnlyList<Prediction> Predict(ICsvRows rows)
    {
        var results = new List<Prediction>();
        ForEachBatch(rows, (batch, outputs, probabilities, classes) =>
        {
            for (int i = 0; i < batch.Count; i++) results.Add(ToPrediction(outputs, probabilities, classes, i));
        });
        return results;
    }

    /// <summary>
    /// Streams <paramref name="rows"/> through the model <see cref="BatchRows"/> at a time and calls
    /// <paramref name="onBatch"/> with each batch's raw rows, outputs <c>[n, OutputSize]</c>, probabilities
    /// <c>[n, ClassCount]</c> and predicted class indices <c>[n]</c> (the spans are reused for the next batch).
    /// Memory stays bounded by one batch whatever the source's length. Returns the number of rows.
    /// </summary>
    public long ForEachBatch(ICsvRows rows, BatchHandler onBatch)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(onBatch);
        var batch = new List<CsvRow>(BatchRows);
        var outputs = Array.Empty<float>();
        var probabilities = Array.Empty<double>();
        var classes = Array.Empty<int>();
        long count = 0;
        void Flush()
        {
            if (batch.Count == 0) return;
            // Prediction reads the features only: a target column, blank or not, is ignored.
            var features = EncodeFeatures(new RowBatch(rows, batch));
            int n = batch.Count;
            if (outputs.Length < n * OutputSize) outputs = new float[n * OutputSize];
            if (probabilities.Length < n * ClassCount) probabilities = new double[n * ClassCount];
            if (classes.Length < n) classes = new int[n];
            PredictOutputs(features, n, outputs);
            if (ClassCount > 0) Classify(outputs, n, probabilities, classes);
            onBatch(batch, outputs.AsSpan(0, n * OutputSize), probabilities.AsSpan(0, n * ClassCount), classes.AsSpan(0, ClassCount > 0 ? n : 0));
            count += n;
            batch.Clear();
        }
        foreach (var row in rows.EnumerateRows())
        {
            batch.Add(row);
            if (batch.Count == BatchRows) Flush();
        }
        Flush();
        // A source with a header and no rows still gets its columns checked against the model's.
        if (count == 0) EncodeFeatures(new RowBatch(rows, batch));
        return count;
    }

    /// <summary>Receives one batch of <see cref="ForEachBatch"/>.</summary>
    public delegate void BatchHandler(IReadOnlyList<CsvRow> rows, ReadOnlySpan<float> outputs, ReadOnlySpan<double> probabilities, ReadOnlySpan<int> classes);

    /// <summary>
    /// Encodes raw rows with the model's saved preprocessing into features <c>[N, InputSize]</c> (and targets when the
    /// rows carry the target column; a standardised regression target stays standardised, as the network sees it:
    /// <see cref="Preprocessor.DecodeTarget"/> maps it back). Image models take their pixel columns as numbers, as they are.
    /// </summary>
    /// <exception cref="DataFormatException">A column is missing or a value cannot be encoded (file, line and column named).</exception>
    public EncodedRows Encode(ICsvRows rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (Card.Preprocessor is { } pre)
        {
            var e = pre.Transform(rows);
            return new EncodedRows(e.Features, e.RowCount, e.Targets);
        }
        int f = InputSize;
        string file = rows.SourceName ?? "<rows>";
        if (rows.ColumnNames.Count < f)
            throw new DataFormatException($"has {rows.ColumnNames.Count} columns; the model needs {f} numeric input columns", file);
        var list = rows.EnumerateRows().ToList();
        var x = new float[list.Count * f];
        for (int i = 0; i < list.Count; i++)
            for (int j = 0; j < f; j++)
                if (!float.TryParse(list[i].Fields[j], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out x[i * f + j]))
                    throw new DataFormatException("is not a number", file, list[i].Line, j + 1, rows.ColumnNames[j], list[i].Fields[j]);
        return new EncodedRows(x, list.Count, null);
    }

    private float[] EncodeFeatures(ICsvRows rows) =>
        Card.Preprocessor is { } pre ? pre.TransformFeatures(rows).Features : Encode(rows).Features;

    /// <summary>
    /// The network's outputs <c>[rows, OutputSize]</c> (logits for classification, values for regression, in the
    /// target's own units even when the model learnt a standardised target) for encoded
    /// <paramref name="features"/> <c>[rows, InputSize]</c>. Allocation-free after warm-up on the fused path.
    /// </summary>
    /// <exception cref="ArgumentException">A span is shorter than its shape.</exception>
    public void PredictOutputs(ReadOnlySpan<float> features, int rows, Span<float> outputs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (features.Length < (long)rows * InputSize || outputs.Length < (long)rows * OutputSize)
            throw new ArgumentException($"[rows={rows}] needs {(long)rows * InputSize} feature floats and room for {(long)rows * OutputSize} outputs; got {features.Length} and {outputs.Length}.");
        if (rows == 0) return;
        var lane = Rent();
        try { Outputs(lane, features, rows, outputs); }
        finally { Return(lane); }
        // The network learnt a standardised target: give its values back in the target's own units.
        if (Card.Preprocessor?.Target?.Scale is { } scale) scale.DecodeInPlace(outputs[..(rows * OutputSize)]);
    }

    private void Outputs(Lane lane, ReadOnlySpan<float> features, int rows, Span<float> outputs)
    {
        if (!_fusable)
        {
            // The ordinary forward pass reads the weights only, but allocates; one caller at a time keeps it simple.
            lock (_lanes)
            {
                Tensor y;
                using (GradMode.NoGrad()) y = Package.Model.Forward(Tensor.FromArray(features[..(rows * InputSize)].ToArray(), rows, InputSize));
                y.AsSpan().CopyTo(outputs);
            }
            return;
        }
        lane.Fused.Predict(features, rows, outputs);
    }

    /// <summary>
    /// Class probabilities <c>[rows, ClassCount]</c> and predicted class indices <c>[rows]</c> for encoded
    /// <paramref name="features"/> <c>[rows, InputSize]</c>. Allocation-free after warm-up on the fused path.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model is a regression model (use <see cref="PredictOutputs"/>).</exception>
    public void PredictClasses(ReadOnlySpan<float> features, int rows, Span<double> probabilities, Span<int> classes)
    {
        if (ClassCount == 0) throw new InvalidOperationException("This is a regression model: it has no classes; use PredictOutputs for its values.");
        if (probabilities.Length < (long)rows * ClassCount || classes.Length < rows)
            throw new ArgumentException($"[rows={rows}] needs room for {(long)rows * ClassCount} probabilities and {rows} classes; got {probabilities.Length} and {classes.Length}.");
        var lane = Rent();
        try
        {
            if (lane.Outputs.Length < rows * OutputSize) lane.Outputs = new float[rows * OutputSize];
            if (features.Length < (long)rows * InputSize) throw new ArgumentException($"[rows={rows}] needs {(long)rows * InputSize} feature floats; got {features.Length}.");
            if (rows > 0) Outputs(lane, features, rows, lane.Outputs);
            Classify(lane.Outputs, rows, probabilities, classes);
        }
        finally { Return(lane); }
    }

    private void Classify(ReadOnlySpan<float> outputs, int rows, Span<double> probabilities, Span<int> classes)
    {
        int k = ClassCount, width = OutputSize;
        for (int i = 0; i < rows; i++)
            classes[i] = ClassProbabilities.Compute(outputs.Slice(i * width, width), probabilities.Slice(i * k, k));
    }

    private Prediction ToPrediction(ReadOnlySpan<float> outputs, ReadOnlySpan<double> probabilities, ReadOnlySpan<int> classes, int i)
    {
        if (ClassNames is not { } names) return new Prediction(null, -1, [], outputs[i * OutputSize]);
        int c = classes[i];
        return new Prediction(names[c], c, probabilities.Slice(i * names.Count, names.Count).ToArray(), float.NaN);
    }

    private Lane Rent()
    {
        lock (_lanes)
            if (_lanes.TryPop(out var lane)) return lane;
        return new Lane(_fusable ? FusedMlp.Create(Package.Model, new MseLoss()) : null);
    }

    private void Return(Lane lane)
    {
        lock (_lanes) _lanes.Push(lane);
    }

    /// <summary>The per-caller state: a fused engine (its buffers are not shareable) and an output buffer.</summary>
    private sealed class Lane(FusedMlp? fused)
    {
        public FusedMlp Fused => fused!;
        public float[] Outputs = [];
    }

    /// <summary>A batch of rows of a larger source, seen as a source of its own (same columns, same file name).</summary>
    private sealed class RowBatch(ICsvRows of, List<CsvRow> rows) : ICsvRows
    {
        public string? SourceName => of.SourceName;
        public IReadOnlyList<string> ColumnNames => of.ColumnNames;
        public bool HasHeader => of.HasHeader;
        public IEnumerable<CsvRow> EnumerateRows() => rows;
    }
}

/// <summary>Rows encoded for the network.</summary>
/// <param name="Features">Row-major features <c>[RowCount, InputSize]</c>.</param>
/// <param name="RowCount">Rows encoded.</param>
/// <param name="Targets">The encoded target per row when the rows carried the target column, else null.</param>
public sealed record EncodedRows(float[] Features, int RowCount, float[]? Targets);
