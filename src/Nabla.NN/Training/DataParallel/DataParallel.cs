using System.Numerics.Tensors;
using Nabla.NN.Data;
using Nabla.NN.Optim;

namespace Nabla.NN.Training;

/// <summary>
/// What a <see cref="Trainer"/> does differently when <see cref="TrainerOptions.Communicator"/> has more than one rank:
/// check that every rank holds the same data and settings, start every rank from rank 0's weights, and after each
/// rank's backward pass on its shard of the global batch, either split the update across the ranks
/// (<see cref="ShardedStep"/>: reduce-scatter, each rank updates its block of the weights, all-gather) or average
/// the whole gradient on every rank (<see cref="AverageGradients"/>: bucketed, in-place allreduce) so every rank
/// applies the same update.
/// </summary>
/// <remarks>
/// <para>Exactness: rank r computes the mean loss gradient g_r over its b_r rows of the global batch of B rows. The
/// single-process gradient of that batch is (1/B) Σ_samples = Σ_r (b_r / B) g_r, so each rank scales its gradient by
/// b_r / B before the sum: uneven shards (the smaller last batch of an epoch) stay exact. Only the order of the float
/// additions differs from a single process.</para>
/// <para>The flat reduction buffer holds the parameters' gradients in reverse order (the order backward produces
/// them), then one float for the rank's share of the batch loss (so every rank sees the same global loss and skips a
/// non-finite step together), padded to ranks x <c>_block</c> floats for the sharded step. The whole-gradient path
/// reduces it in buckets of at most <see cref="BucketFloats"/> floats; the sharded step reduce-scatters the padded
/// gradient part, sums the loss shares in a separate small allreduce, and reuses the buffer to all-gather the
/// weights (and, at each epoch end, the optimizer state).</para>
/// </remarks>
internal sealed class DataParallel
{
    /// <summary>Floats per allreduce bucket (1 MiB): large enough to amortise a collective's latency, small enough to pipeline.</summary>
    public const int BucketFloats = 1 << 18;

    private readonly ICommunicator _comm;
    private readonly Parameter[] _parameters;
    private readonly int[] _offsets;          // start of each parameter's gradient in _flat
    private readonly int _length;             // gradient floats: every parameter's size, summed
    private readonly float[] _flat;           // gradients (reverse parameter order) + the loss share; padded to ranks x block
    private readonly Optimizer? _sharded;     // the optimizer whose update is split across the ranks, or null
    private readonly int[] _optimizerIndex;   // each parameter's index in _sharded, or -1 when it does not update it
    private readonly int _block;              // gradient floats each rank reduces and updates in a sharded step
    private readonly float[] _mine = [];      // this rank's block of the summed gradient
    private readonly float[] _stats = [];     // a sharded step's loss share, then each parameter's sum of squares over this rank's block
    private readonly Dictionary<Parameter, int> _position = new(ReferenceEqualityComparer.Instance);
    private readonly float[] _stop = new float[1];

    /// <summary>Prepares the buffers for <paramref name="parameters"/> (the model's, in order).</summary>
    /// <param name="comm">The ranks.</param>
    /// <param name="parameters">The model's parameters.</param>
    /// <param name="shardedOptimizer">The optimizer to shard the update of (see <see cref="Shardable"/>), or null to average whole gradients.</param>
    public DataParallel(ICommunicator comm, Parameter[] parameters, Optimizer? shardedOptimizer)
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
        _length = offset;
        _block = (offset + comm.Size - 1) / comm.Size;
        _flat = new float[Math.Max(offset + 1, shardedOptimizer is null ? 0 : _block * comm.Size)];
        _optimizerIndex = new int[parameters.Length];
        if (shardedOptimizer is null) return;
        _sharded = shardedOptimizer;
        _mine = new float[_block];
        _stats = new float[1 + parameters.Length];
        for (int i = 0; i < parameters.Length; i++) _position[parameters[i]] = i;
        var index = new Dictionary<Parameter, int>(ReferenceEqualityComparer.Instance);
        for (int k = 0; k < shardedOptimizer.Parameters.Count; k++) index[shardedOptimizer.Parameters[k]] = k;
        for (int i = 0; i < parameters.Length; i++) _optimizerIndex[i] = index.GetValueOrDefault(parameters[i], -1);
    }

    /// <summary>Whether the optimizer update is split across the ranks (<see cref="ShardedStep"/>) instead of run whole on each.</summary>
    public bool Sharded => _sharded is not null;

    /// <summary>
    /// <paramref name="optimizer"/> when its update can be split across the ranks (ZeRO-1, <see cref="ShardedStep"/>),
    /// else null: the step must then see the whole averaged gradient on every rank (a gradient hook: it may run
    /// any code of the user's), the optimizer is not one of Nabla's (its update may read whole state buffers), or it
    /// updates a parameter that is not the model's.
    /// </summary>
    public static Optimizer? Shardable(Optimizer optimizer, TrainerOptions options, Parameter[] parameters)
    {
        if (options.GradientHook is not null || !optimizer.UpdatesRanges) return null;
        var model = new HashSet<Parameter>(parameters, ReferenceEqualityComparer.Instance);
        return optimizer.Parameters.All(model.Contains) ? optimizer : null;
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
            ("batch size", batchSize), ("epochs completed", epochsCompleted), ("parameters", _length),
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

    /// <summary>
    /// Replaces every trainable parameter's gradient by the global batch's gradient (the size-weighted mean of the
    /// ranks' gradients) and returns the global batch's mean loss. A rank whose loss is not finite, or whose shard is
    /// empty, contributes no gradient; a non-finite loss on any rank makes the returned loss non-finite on all ranks.
    /// </summary>
    public double AverageGradients(double localLoss, int localSize, int globalSize)
    {
        _flat[_length] = PackScaledGradients(localLoss, localSize, globalSize);
        for (int start = 0; start <= _length; start += BucketFloats)
            _comm.AllReduceSum(_flat.AsSpan(start, Math.Min(BucketFloats, _length + 1 - start)));
        for (int i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i];
            if (!p.RequiresGrad) continue;
            p.Grad ??= Tensor.Zeros(p.Shape.Dims);   // a rank with an empty shard still steps like the others
            _flat.AsSpan(_offsets[i], p.Size).CopyTo(p.Grad.AsSpan());
        }
        return _flat[_length];
    }

    /// <summary>
    /// The sharded (ZeRO-1) replacement of <see cref="AverageGradients"/> followed by the optimizer step: sums the
    /// scaled gradients with a reduce-scatter, so each rank receives the global gradient of its own contiguous block of
    /// the flat buffer only; updates just those elements (<see cref="Optimizer.UpdateRange"/>, bit for bit the
    /// whole update's values there); then all-gathers the parameters, so every rank ends with the same weights as
    /// after a whole update. Returns the global batch's mean loss; when it is not finite, no rank updates anything.
    /// The parameters' <see cref="Parameter.Grad"/> keep each rank's own gradient.
    /// </summary>
    /// <remarks>
    /// Gradient norms (for <paramref name="diagnostics"/> and clipping to <paramref name="clipNorm"/>) come from each
    /// parameter's sum of squares, summed over the ranks' blocks in the same small allreduce as the loss: the same
    /// norms as a whole update's up to float rounding (the clipped update agrees within the stated tolerance, not bit for bit).
    /// </remarks>
    public double ShardedStep(double localLoss, int localSize, int globalSize, GradientDiagnostics? diagnostics, float? clipNorm)
    {
        var optimizer = _sharded ?? throw new InvalidOperationException("This data-parallel step was not set up to shard the optimizer.");
        Array.Clear(_stats);
        _stats[0] = PackScaledGradients(localLoss, localSize, globalSize);
        Span<float> all = _flat.AsSpan(0, _block * _comm.Size);
        _comm.ReduceScatterSum(all, _mine);
        int first = _comm.Rank * _block, end = Math.Min(first + _block, _length);
        if (diagnostics is not null || clipNorm is not null)
            for (int i = 0; i < _parameters.Length; i++)
            {
                var (from, to) = Mine(i, first, end);
                _stats[1 + i] = TensorPrimitives.SumOfSquares<float>(InMine(i, from, to, first));
            }
        _comm.AllReduceSum(_stats);
        if (!float.IsFinite(_stats[0])) return _stats[0];
        foreach (var p in _parameters)
            if (p.RequiresGrad) p.Grad ??= Tensor.Zeros(p.Shape.Dims);   // a rank with an empty shard steps like the others
        diagnostics?.RecordStep(p => _stats[1 + _position[p]]);
        if (clipNorm is float maxNorm)
        {
            var sums = Enumerable.Range(0, _parameters.Length).Where(i => _parameters[i].Grad is not null).Select(i => (double)_stats[1 + i]);
            float coefficient = GradClip.Coefficient(maxNorm, GradClip.TotalNorm(sums));
            if (coefficient < 1f) TensorPrimitives.Multiply(_mine, coefficient, _mine);
        }
        optimizer.BeginRangeStep();
        for (int i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i];
            var (from, to) = Mine(i, first, end);
            if (_optimizerIndex[i] >= 0 && p.RequiresGrad)   // an empty range still creates the state buffers
                optimizer.UpdateRange(_optimizerIndex[i], from, p.AsSpan()[from..to], InMine(i, from, to, first));
            p.AsSpan()[from..to].CopyTo(_flat.AsSpan(_offsets[i] + from));
        }
        _comm.AllGather(all);
        for (int i = 0; i < _parameters.Length; i++)
        {
            // The other ranks' elements only: this rank's are already in place.
            var (from, to) = Mine(i, first, end);
            Span<float> p = _parameters[i].AsSpan();
            _flat.AsSpan(_offsets[i], from).CopyTo(p);
            _flat.AsSpan(_offsets[i] + to, p.Length - to).CopyTo(p[to..]);
        }
        return _stats[0];
    }

    /// <summary>
    /// After sharded steps each rank's optimizer state is current only in its own block: copies every block to all
    /// ranks, so every rank (rank 0 writing a checkpoint above all) holds the whole state. Called at the end of every
    /// epoch, before the callbacks; does nothing when the update is not sharded.
    /// </summary>
    public void GatherOptimizerState()
    {
        if (_sharded is null) return;
        int first = _comm.Rank * _block, end = Math.Min(first + _block, _length);
        Span<float> all = _flat.AsSpan(0, _block * _comm.Size);
        // Every rank holds the same buffer names (UpdateRange creates them even for an empty range), in the same order.
        var names = _parameters.Select((_, i) => _optimizerIndex[i]).Where(k => k >= 0)
            .SelectMany(k => _sharded.StateBuffers(k).Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
        foreach (string name in names)
        {
            for (int i = 0; i < _parameters.Length; i++)
            {
                if (State(i, name) is not { } state) continue;
                var (from, to) = Mine(i, first, end);
                state.AsSpan(from, to - from).CopyTo(_flat.AsSpan(_offsets[i] + from));
            }
            _comm.AllGather(all);
            for (int i = 0; i < _parameters.Length; i++)
                if (State(i, name) is { } state) _flat.AsSpan(_offsets[i], state.Length).CopyTo(state);
        }
    }

    /// <summary>The elements <c>[from, to)</c> of parameter <paramref name="i"/> that lie in the flat range <c>[first, end)</c> (possibly none).</summary>
    private (int From, int To) Mine(int i, int first, int end) =>
        (Math.Clamp(first - _offsets[i], 0, _parameters[i].Size), Math.Clamp(end - _offsets[i], 0, _parameters[i].Size));

    /// <summary>Elements <c>[from, to)</c> of parameter <paramref name="i"/> in this rank's block of the summed gradient (which starts at flat position <paramref name="first"/>).</summary>
    private Span<float> InMine(int i, int from, int to, int first) => from < to ? _mine.AsSpan(_offsets[i] + from - first, to - from) : [];

    private float[]? State(int parameter, string name) =>
        _optimizerIndex[parameter] >= 0 && _sharded!.StateBuffers(_optimizerIndex[parameter]).TryGetValue(name, out var state) ? state : null;

    /// <summary>
    /// Writes each parameter's gradient, scaled by the rank's share b_r / B, into its slot of the flat buffer (zeros
    /// when the rank contributes nothing) and returns the rank's share of the batch loss.
    /// </summary>
    private float PackScaledGradients(double localLoss, int localSize, int globalSize)
    {
        float share = (float)localSize / globalSize;
        bool contributes = localSize > 0 && double.IsFinite(localLoss);
        for (int i = 0; i < _parameters.Length; i++)
        {
            Span<float> slot = _flat.AsSpan(_offsets[i], _parameters[i].Size);
            if (contributes && _parameters[i] is { RequiresGrad: true, Grad: { } g }) TensorPrimitives.Multiply(g.AsSpan(), share, slot);
            else slot.Clear();
        }
        return localSize == 0 ? 0f : (float)(localLoss * share);
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
}
