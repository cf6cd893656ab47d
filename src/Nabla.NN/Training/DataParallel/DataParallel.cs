using System.Numerics.Tensors;
using Nabla.NN.Data;

namespace Nabla.NN.Training;

/// <summary>
/// What a <see cref="Trainer"/> does differently when <see cref="TrainerOptions.Communicator"/> has more than one rank:
/// check that every rank holds the same data and settings, start every rank from rank 0's weights, give each rank its
/// shard of every global batch, and average the gradients over the ranks (bucketed, in-place allreduce) so every rank
/// applies the same update.
/// </summary>
/// <remarks>
/// <para>Exactness: rank r computes the mean loss gradient g_r over its b_r rows of the global batch of B rows. The
/// single-process gradient of that batch is (1/B) Σ_samples = Σ_r (b_r / B) g_r, so each rank scales its gradient by
/// b_r / B before the sum: uneven shards (the smaller last batch of an epoch) stay exact. Only the order of the float
/// additions differs from a single process.</para>
/// <para>The flat reduction buffer holds the parameters' gradients in reverse order (the order backward produces
/// them) and one extra float: the rank's share of the batch loss, so every rank sees the same global loss and skips a
/// non-finite step together. It is reduced in buckets of at most <see cref="BucketFloats"/> floats.</para>
/// </remarks>
internal sealed class DataParallel
{
    /// <summary>Floats per allreduce bucket (1 MiB): large enough to amortise a collective's latency, small enough to pipeline.</summary>
    public const int BucketFloats = 1 << 18;

    private readonly ICommunicator _comm;
    private readonly Parameter[] _parameters;
    private readonly int[] _offsets;          // start of each parameter's gradient in _flat
    private readonly float[] _flat;           // gradients (reverse parameter order) + the loss share
    private readonly float[] _stop = new float[1];
    private float[] _features = [], _targets = [];

    public DataParallel(ICommunicator comm, Parameter[] parameters)
    {
        _comm = comm;
        _parameters = parameters;
        _offsets = new int[parameters.Length];
        int offset = 0;
        for (int i = parameters.Length - 1; i >= 0; i--)
        {
            _offsets[i] = offset;
            offset += parameters[i].Size;
        }
        _flat = new float[offset + 1];
    }

    /// <summary>
    /// Called by every rank at the start of Fit: fails on every rank, with the same message, when the ranks' data or
    /// settings differ; then copies rank 0's parameter values to every rank.
    /// </summary>
    public void Start(TensorDataset train, int batchSize, int epochsCompleted, Rng shuffle)
    {
        // Integers are sent as 16-bit pieces so that every value is exact in a float.
        ulong rngHash = 14695981039346656037UL;
        foreach (ulong word in shuffle.GetState()) rngHash = (rngHash ^ word) * 1099511628211UL;
        (string Name, long Value)[] fields =
        [
            ("training samples", train.Count), ("features per sample", train.FeatureSize), ("targets per sample", train.TargetSize),
            ("batch size", batchSize), ("epochs completed", epochsCompleted), ("parameters", _flat.Length - 1),
            ("shuffle seed state", (long)(rngHash >> 16)),
        ];
        var mine = new float[fields.Length * 4 + 1];
        for (int i = 0; i < fields.Length; i++)
            for (int piece = 0; piece < 4; piece++) mine[i * 4 + piece] = (ushort)(fields[i].Value >> (16 * piece));
        mine[^1] = (float)TensorPrimitives.Sum<float>(train.Features.AsSpan());   // same data, same sum, bit for bit
        var root = (float[])mine.Clone();
        _comm.Broadcast(root);
        // One flag per rank, then one per field (the last: the data values): every rank learns who differs and in
        // what, and fails with the same message.
        var differs = new float[_comm.Size + fields.Length + 1];
        for (int i = 0; i < fields.Length; i++)
            if (!mine.AsSpan(i * 4, 4).SequenceEqual(root.AsSpan(i * 4, 4))) differs[_comm.Size + i] = 1;
        if (BitConverter.SingleToInt32Bits(mine[^1]) != BitConverter.SingleToInt32Bits(root[^1])) differs[^1] = 1;
        differs[_comm.Rank] = differs.AsSpan(_comm.Size).IndexOf(1f) >= 0 ? 1 : 0;
        _comm.AllReduceSum(differs);
        var bad = Enumerable.Range(0, _comm.Size).Where(r => differs[r] > 0).ToArray();
        if (bad.Length > 0)
        {
            var what = fields.Select(f => f.Name).Append("training data values").Where((_, i) => differs[_comm.Size + i] > 0);
            throw new InvalidOperationException(
                $"Data-parallel training needs the same data and settings on every rank, but rank(s) {string.Join(", ", bad)} differ from rank 0 in: {string.Join(", ", what)}. " +
                "Start every rank with the same command, data file and seed.");
        }

        foreach (var p in _parameters) _comm.Broadcast(p.AsSpan());
    }

    /// <summary>The rows <c>[Start, Start + Count)</c> of a global batch of <paramref name="globalSize"/> rows that this rank trains on.</summary>
    public (int Start, int Count) ShardOf(int globalSize)
    {
        int start = (int)((long)globalSize * _comm.Rank / _comm.Size);
        int end = (int)((long)globalSize * (_comm.Rank + 1) / _comm.Size);
        return (start, end - start);
    }

    /// <summary>This rank's rows of <paramref name="global"/>, copied into buffers reused from step to step (valid until the next call).</summary>
    public Batch Shard(Batch global)
    {
        var (start, count) = ShardOf(global.Size);
        int featureWidth = global.Features.Size / global.Size, targetWidth = global.Targets.Size / global.Size;
        if (_features.Length < count * featureWidth) _features = new float[count * featureWidth];
        if (_targets.Length < count * targetWidth) _targets = new float[count * targetWidth];
        global.Features.AsSpan().Slice(start * featureWidth, count * featureWidth).CopyTo(_features);
        global.Targets.AsSpan().Slice(start * targetWidth, count * targetWidth).CopyTo(_targets);
        return new Batch(Tensor.FromBuffer(_features, WithRows(global.Features.Shape, count)),
            Tensor.FromBuffer(_targets, WithRows(global.Targets.Shape, count)), global.Index);
    }

    /// <summary>
    /// Replaces every trainable parameter's gradient by the global batch's gradient (the size-weighted mean of the
    /// ranks' gradients) and returns the global batch's mean loss. A rank whose loss is not finite, or whose shard is
    /// empty, contributes no gradient; a non-finite loss on any rank makes the returned loss non-finite on all ranks.
    /// </summary>
    public double AverageGradients(double localLoss, int localSize, int globalSize)
    {
        float share = (float)localSize / globalSize;
        bool contributes = localSize > 0 && double.IsFinite(localLoss);
        for (int i = 0; i < _parameters.Length; i++)
        {
            Span<float> slot = _flat.AsSpan(_offsets[i], _parameters[i].Size);
            if (contributes && _parameters[i] is { RequiresGrad: true, Grad: { } g }) TensorPrimitives.Multiply(g.AsSpan(), share, slot);
            else slot.Clear();
        }
        _flat[^1] = localSize == 0 ? 0f : (float)(localLoss * share);
        for (int start = 0; start < _flat.Length; start += BucketFloats)
            _comm.AllReduceSum(_flat.AsSpan(start, Math.Min(BucketFloats, _flat.Length - start)));
        for (int i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i];
            if (!p.RequiresGrad) continue;
            p.Grad ??= Tensor.Zeros(p.Shape.Dims);   // a rank with an empty shard still steps like the others
            _flat.AsSpan(_offsets[i], p.Size).CopyTo(p.Grad.AsSpan());
        }
        return _flat[^1];
    }

    /// <summary>Sums the epoch's per-sample outputs over the ranks; each rank wrote only its shards' rows, zeros elsewhere.</summary>
    public void SumOutputs(Span<float> outputs)
    {
        for (int start = 0; start < outputs.Length; start += BucketFloats)
            _comm.AllReduceSum(outputs.Slice(start, Math.Min(BucketFloats, outputs.Length - start)));
    }

    /// <summary>
    /// Makes every rank stop together: a stop asked on one rank (Ctrl-C delivered to one process, a callback) is
    /// applied on all, at the same step, so no rank waits in a collective the others never reach.
    /// </summary>
    public void AgreeOnStop(TrainingContext context)
    {
        _stop[0] = context.StopRequested ? 1f : 0f;
        _comm.AllReduceSum(_stop);
        if (_stop[0] > 0 && !context.StopRequested) context.StopTraining("Training stopped on another rank.");
    }

    private static Shape WithRows(Shape shape, int rows)
    {
        var dims = shape.Dims;
        dims[0] = rows;
        return new Shape(dims);
    }
}
