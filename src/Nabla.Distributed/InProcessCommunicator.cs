using Nabla.NN.Training;

namespace Nabla.Distributed;

/// <summary>
/// Ranks that are threads of one process: data-parallel training without MPI, for tests and for programs that want
/// several model replicas in one process. Create a group with <see cref="CreateGroup"/> and give each thread one
/// member, or let <see cref="Run{T}"/> start the threads.
/// </summary>
/// <remarks>
/// Sums are taken in rank order, so a run is reproducible whatever the thread timing. A collective waits at most
/// <see cref="Timeout"/> for the other ranks, then fails on every rank with a <see cref="CommunicatorException"/>
/// naming the ranks that never arrived; a rank that calls <see cref="Abort"/> or fails inside <see cref="Run{T}"/>
/// makes the others' collectives fail at once with its reason.
/// </remarks>
public sealed class InProcessCommunicator : ICommunicator
{
    /// <summary>How long a collective waits for the other ranks when no timeout is given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly InProcessGroup _group;

    private InProcessCommunicator(InProcessGroup group, int rank)
    {
        _group = group;
        Rank = rank;
    }

    /// <inheritdoc/>
    public int Rank { get; }

    /// <inheritdoc/>
    public int Size => _group.Size;

    /// <summary>Longest wait in one collective before it fails on every rank.</summary>
    public TimeSpan Timeout => _group.Timeout;

    /// <summary>Creates the <paramref name="size"/> members of a new group, member r having rank r. Use each from one thread.</summary>
    /// <exception cref="ArgumentOutOfRangeException">size is below 1 or the timeout is not positive.</exception>
    public static InProcessCommunicator[] CreateGroup(int size, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var t = timeout ?? DefaultTimeout;
        if (t <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), t, "The timeout must be positive.");
        var group = new InProcessGroup(size, t);
        return Enumerable.Range(0, size).Select(r => new InProcessCommunicator(group, r)).ToArray();
    }

    /// <summary>
    /// Runs <paramref name="body"/> on <paramref name="ranks"/> threads, one rank each, and returns their results in rank
    /// order. A rank that throws fails the group at once (the others' next collective throws), and Run then throws a
    /// <see cref="CommunicatorException"/> naming the first rank that failed and why.
    /// </summary>
    public static T[] Run<T>(int ranks, Func<ICommunicator, T> body, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        var members = CreateGroup(ranks, timeout);
        var results = new T[ranks];
        var errors = new Exception?[ranks];
        int firstFailure = -1;
        var threads = members.Select(m => new Thread(() =>
        {
            try { results[m.Rank] = body(m); }
            catch (Exception e)
            {
                errors[m.Rank] = e;
                // The first rank to fail is the cause; the others fail because of it.
                if (Interlocked.CompareExchange(ref firstFailure, m.Rank, -1) == -1 && e is not CommunicatorException)
                    m._group.RecordFailure($"rank {m.Rank} failed: {e.Message}");
            }
        })
        { IsBackground = true, Name = $"nabla-rank-{m.Rank}" }).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        if (firstFailure >= 0)
        {
            var cause = errors[firstFailure]!;
            throw cause is CommunicatorException ? new CommunicatorException(cause.Message, cause)
                : new CommunicatorException($"rank {firstFailure} of {ranks} failed: {cause.Message}", cause);
        }
        return results;
    }

    /// <inheritdoc/>
    public void AllReduceSum(Span<float> values) => _group.Collective(Rank, "allreduce", values, InProcessGroup.Sum);

    /// <inheritdoc/>
    public void ReduceScatterSum(ReadOnlySpan<float> values, Span<float> block)
    {
        ICommunicator.CheckBlocks(Size, values.Length, block.Length);
        _group.Collective(Rank, "reduce-scatter", values, block, Rank * block.Length, InProcessGroup.Sum);
    }

    /// <inheritdoc/>
    public void AllGather(Span<float> values)
    {
        ICommunicator.CheckBlocks(Size, values.Length, values.Length / Size);
        _group.Collective(Rank, "all-gather", values, InProcessGroup.GatherBlocks);
    }

    /// <inheritdoc/>
    public void Broadcast(Span<float> values, int root = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(root);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(root, Size);
        _group.Collective(Rank, "broadcast", values, root);
    }

    /// <inheritdoc/>
    public void Barrier() => _group.Collective(Rank, "barrier", [], InProcessGroup.Sum);

    /// <summary>Fails the group with <paramref name="reason"/>: every rank's current or next collective throws; so does this call.</summary>
    public void Abort(string reason) => _group.Fail($"rank {Rank} aborted: {reason}");
}
