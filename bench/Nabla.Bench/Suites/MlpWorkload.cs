using System.Text.Json;
using Nabla.NN;
using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Training;

namespace Nabla.Bench.Suites;

/// <summary>
/// The MLP workload of bench/workloads/mlp.json (shared with bench/peers/mlp_torch.py and mlp_sklearn.py): the
/// layer sizes, learning rate, batch sizes, epochs and seed, Fashion-MNIST (or random data of its shape), and the
/// shuffled mini-batch epoch loop on the fused training path.
/// </summary>
internal sealed class MlpWorkload
{
    public required int[] Layers { get; init; }
    public required float Lr { get; init; }
    public required int[] BatchSizes { get; init; }
    public required int Epochs { get; init; }
    public required int[] LatencyBatches { get; init; }
    public required ulong Seed { get; init; }

    public static MlpWorkload Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.Workload("mlp")));
        var r = doc.RootElement;
        static int[] Ints(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetInt32())];
        return new MlpWorkload
        {
            Layers = Ints(r.GetProperty("layers")),
            Lr = r.GetProperty("lr").GetSingle(),
            BatchSizes = Ints(r.GetProperty("batch_sizes")),
            Epochs = r.GetProperty("epochs").GetInt32(),
            LatencyBatches = Ints(r.GetProperty("latency_batches")),
            Seed = r.GetProperty("seed").GetUInt64(),
        };
    }

    /// <summary>Dense layers of the given widths with ReLU between them (none after the last), PyTorch's default init.</summary>
    public static Sequential Build(int[] layers, ulong seed)
    {
        var rng = new Rng(seed);
        var modules = new List<Module>();
        for (int i = 0; i + 1 < layers.Length; i++)
        {
            modules.Add(new Dense(layers[i], layers[i + 1], rng: rng));
            if (i + 2 < layers.Length) modules.Add(new ReLU());
        }
        return new Sequential([.. modules]);
    }
}

/// <summary>Training and test data as flat row-major arrays: features [N, 784] in [0, 1], labels [N] as floats.</summary>
internal sealed record MlpData(float[] TrainX, float[] TrainY, float[] TestX, float[] TestY, int Features, string Source)
{
    public int TrainCount => TrainY.Length;
    public int TestCount => TestY.Length;

    /// <summary>Fashion-MNIST from ../shared/data/fashion-mnist or Debian's directory, else random data of the same shape.</summary>
    public static MlpData Load(ulong seed)
    {
        // ../shared/data/fashion-mnist next to the repository, or next to any folder above it (a git worktree
        // lives deeper than the main checkout), then Debian's dataset-fashion-mnist directory.
        var candidates = new List<string>();
        for (var dir = new DirectoryInfo(RepoPaths.Root).Parent; dir is not null; dir = dir.Parent)
            candidates.Add(Path.Combine(dir.FullName, "shared", "data", "fashion-mnist"));
        candidates.Add(MnistDatasets.DefaultFashionMnistDirectory);
        foreach (string dir in candidates)
        {
            if (!File.Exists(Path.Combine(dir, "train-images-idx3-ubyte.gz")) && !File.Exists(Path.Combine(dir, "train-images-idx3-ubyte")))
                continue;
            var train = MnistDatasets.LoadFashionMnist(MnistSplit.Train, dir);
            var test = MnistDatasets.LoadFashionMnist(MnistSplit.Test, dir);
            return new MlpData(train.Images.Pixels, Array.ConvertAll(train.Labels, l => (float)l),
                test.Images.Pixels, Array.ConvertAll(test.Labels, l => (float)l), 784, dir);
        }
        return Random(60000, 10000, 784, 10, seed);
    }

    /// <summary>Uniform [0, 1) features and uniform labels (accuracy is then meaningless, timing is not).</summary>
    public static MlpData Random(int train, int test, int features, int classes, ulong seed)
    {
        var rng = new Rng(seed);
        float[] X(int n) { var a = new float[n * features]; for (int i = 0; i < a.Length; i++) a[i] = rng.NextFloat(); return a; }
        float[] Y(int n) { var a = new float[n]; for (int i = 0; i < a.Length; i++) a[i] = rng.NextInt(classes); return a; }
        return new MlpData(X(train), Y(train), X(test), Y(test), features, "random");
    }
}

/// <summary>
/// Shuffled mini-batch epochs on the fused path, with every buffer allocated up front: the permutation, the
/// gathered batch, and the model's buffers (sized on the first step). What a Trainer on the fused path does.
/// </summary>
internal sealed class FusedEpochRunner
{
    private readonly MlpData _data;
    private readonly int _batch;
    private readonly int[] _order;
    private readonly float[] _xb, _yb;
    private readonly Rng _rng;

    public FusedEpochRunner(MlpData data, Sequential model, float lr, int batch, ulong seed)
    {
        _data = data;
        _batch = batch;
        _order = [.. Enumerable.Range(0, data.TrainCount)];
        _xb = new float[batch * data.Features];
        _yb = new float[batch];
        _rng = new Rng(seed);
        Model = model;
        Fused = FusedMlp.Create(model, new CrossEntropyLoss(), new Adam(model.Parameters(), lr: lr));
    }

    public Sequential Model { get; }
    public FusedMlp Fused { get; }

    /// <summary>Steps per epoch (the last batch may be smaller).</summary>
    public int StepsPerEpoch => (_data.TrainCount + _batch - 1) / _batch;

    private int _cursor;

    /// <summary>
    /// Runs <paramref name="steps"/> steps (default: one whole epoch from a fresh shuffle), continuing where the last
    /// call stopped and reshuffling at each epoch boundary; returns the mean loss.
    /// </summary>
    public double Run(int steps = -1)
    {
        if (steps < 0) { steps = StepsPerEpoch; _cursor = 0; }
        int f = _data.Features;
        double lossSum = 0;
        for (int s = 0; s < steps; s++)
        {
            if (_cursor % StepsPerEpoch == 0) { _rng.Shuffle(_order.AsSpan()); _cursor = 0; }
            int start = _cursor++ * _batch;
            int size = Math.Min(_batch, _data.TrainCount - start);
            for (int i = 0; i < size; i++)
            {
                int row = _order[start + i];
                _data.TrainX.AsSpan(row * f, f).CopyTo(_xb.AsSpan(i * f, f));
                _yb[i] = _data.TrainY[row];
            }
            lossSum += Fused.TrainStep(_xb.AsSpan(0, size * f), _yb.AsSpan(0, size), size);
        }
        return lossSum / steps;
    }

    /// <summary>Fraction of test samples whose arg-max output is the label (fused inference in chunks of 1000).</summary>
    public double TestAccuracy()
    {
        const int chunk = 1000;
        int classes = Fused.OutputSize, f = _data.Features, correct = 0;
        var output = new float[chunk * classes];
        for (int start = 0; start < _data.TestCount; start += chunk)
        {
            int size = Math.Min(chunk, _data.TestCount - start);
            Fused.Predict(_data.TestX.AsSpan(start * f, size * f), size, output);
            for (int i = 0; i < size; i++)
                if (System.Numerics.Tensors.TensorPrimitives.IndexOfMax(output.AsSpan(i * classes, classes)) == (int)_data.TestY[start + i])
                    correct++;
        }
        return (double)correct / _data.TestCount;
    }
}
