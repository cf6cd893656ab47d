namespace Nabla.Distributed;

/// <summary>
/// The shared state of an <see cref="InProcessCommunicator"/> group: every rank copies its values into its own slot;
/// the last rank to arrive combines the slots (sums in rank order, so results do not depend on thread timing; or
/// takes block r from rank r's slot, or the root's values) and
/// wakes the others, who copy the result out. A failure or a timeout is recorded once and raised on every rank.
/// </summary>
internal sealed class InProcessGroup(int size, TimeSpan timeout)
{
    private readonly object _gate = new();
    private readonly float[][] _slots = Enumerable.Range(0, size).Select(_ => Array.Empty<float>()).ToArray();
    private readonly bool[] _arrived = new bool[size];
    // Two result buffers alternate by generation: a rank cannot start collective g + 2 before every rank has
    // arrived at g + 1, and each copies g's result out before leaving g, so g's buffer is free by then.
    private readonly float[][] _results = [[], []];
    private int _count;
    private long _generation;
    private string _operation = "";
    private int _length;
    private string? _failure;

    public int Size { get; } = size;

    public TimeSpan Timeout { get; } = timeout;

    /// <summary>How the last rank to arrive combines the slots (a non-negative root means a broadcast from that rank).</summary>
    public const int Sum = -1, GatherBlocks = -2;

    /// <summary>Runs one in-place collective for <paramref name="rank"/>: <see cref="Sum"/>, <see cref="GatherBlocks"/> or a broadcast from <paramref name="root"/>.</summary>
    public void Collective(int rank, string operation, Span<float> values, int root) =>
        Collective(rank, operation, values, values, 0, root);

    /// <summary>
    /// Runs one collective for <paramref name="rank"/> on <paramref name="values"/> and copies elements
    /// <c>[resultStart, resultStart + result.Length)</c> of the combined values into <paramref name="result"/>.
    /// </summary>
    public void Collective(int rank, string operation, ReadOnlySpan<float> values, Span<float> result, int resultStart, int root)
    {
        lock (_gate)
        {
            ThrowIfFailed();
            if (_count > 0 && (operation != _operation || values.Length != _length))
                Fail($"rank {rank} called {Describe(operation, values.Length)} while other ranks are in {Describe(_operation, _length)}: every rank must call the same collectives in the same order.");
            _operation = operation;
            _length = values.Length;
            long generation = _generation;
            if (_slots[rank].Length < values.Length) _slots[rank] = new float[values.Length];
            values.CopyTo(_slots[rank]);
            _arrived[rank] = true;
            if (++_count == Size) Combine(generation, values.Length, root);
            else Wait(rank, generation);
            _results[generation & 1].AsSpan(resultStart, result.Length).CopyTo(result);
        }
    }

    /// <summary>Records the first failure and wakes every waiting rank, which then throws it.</summary>
    public void Fail(string reason)
    {
        lock (_gate)
        {
            _failure ??= reason;
            Monitor.PulseAll(_gate);
            ThrowIfFailed();
        }
    }

    /// <summary>Records a failure without throwing (a rank's thread ended with an exception).</summary>
    public void RecordFailure(string reason)
    {
        lock (_gate)
        {
            _failure ??= reason;
            Monitor.PulseAll(_gate);
        }
    }

    private void Combine(long generation, int length, int root)
    {
        ref float[] result = ref _results[generation & 1];
        if (result.Length < length) result = new float[length];
        Span<float> r = result.AsSpan(0, length);
        if (root >= 0) _slots[root].AsSpan(0, length).CopyTo(r);
        else if (root == GatherBlocks)
        {
            int n = length / Size;
            for (int i = 0; i < Size; i++) _slots[i].AsSpan(i * n, n).CopyTo(r.Slice(i * n, n));
        }
        else
        {
            _slots[0].AsSpan(0, length).CopyTo(r);
            for (int i = 1; i < Size; i++) System.Numerics.Tensors.TensorPrimitives.Add(r, _slots[i].AsSpan(0, length), r);
        }
        _count = 0;
        Array.Clear(_arrived);
        _generation++;
        Monitor.PulseAll(_gate);
    }

    private void Wait(int rank, long generation)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (_generation == generation && _failure is null)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                var missing = Enumerable.Range(0, Size).Where(r => !_arrived[r]);
                Fail($"rank {rank} waited {Timeout.TotalSeconds:0.###} s in {Describe(_operation, _length)} for rank(s) {string.Join(", ", missing)}, which never arrived (stopped, hung or skipped it).");
            }
            Monitor.Wait(_gate, left);
        }
        ThrowIfFailed();
    }

    private void ThrowIfFailed()
    {
        if (_failure is not null) throw new CommunicatorException(_failure);
    }

    private static string Describe(string operation, int length) => $"{operation} of {length} floats";
}
