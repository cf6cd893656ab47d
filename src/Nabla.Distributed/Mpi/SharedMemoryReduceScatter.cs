using System.Numerics.Tensors;

namespace Nabla.Distributed.Mpi;

/// <summary>
/// The reduce-scatter of a job whose ranks all run on one machine, through an MPI shared-memory window instead of
/// MPI's message passing: each rank stores the blocks of its values that the others sum in its own part of the
/// window, waits at a barrier, then adds the others' contributions to its block straight from their parts. Open MPI
/// 4.1's MPI_Reduce_scatter_block copies through its shared-memory transport in more steps: in the data-parallel MLP
/// step of docs/DISTRIBUTED.md (2 ranks) it took 0.55 ms per step (median), this 0.37 ms; 0.21-0.27 ms against
/// 0.10-0.12 ms for the transfer alone. (MPI's all-gather, one copy between processes, is as fast as a window would be
/// and stays MPI's.)
/// </summary>
/// <remarks>
/// <para>Every block is summed by the rank that owns it, over the ranks in rank order: the result of each element does
/// not depend on which rank computes it, and a run is reproducible run to run.</para>
/// <para>Each rank's part of the window has two halves used by alternate collectives. A rank stores into half h only
/// in a collective after the one that last used h, so it has passed that collective's barrier, which every other
/// rank reached only after it had finished loading from half h: no store can overwrite data another rank still needs,
/// with one barrier per collective.</para>
/// <para>Collectives are called by every rank in the same order with the same lengths (MPI's rule), so a window that
/// is too small is replaced on every rank at the same call.</para>
/// </remarks>
internal sealed unsafe class SharedMemoryReduceScatter : IDisposable
{
    private readonly MpiLibrary _mpi;
    private readonly nint _machine;      // the communicator of this machine's ranks (all ranks of the job)
    private readonly int _rank, _size;
    private nint _window;
    private nint[] _bases = [];          // each rank's part of the window
    private long _halfFloats;            // floats per half of a rank's part
    private int _half;                   // the half the next collective uses

    private SharedMemoryReduceScatter(MpiLibrary mpi, nint machine, int rank, int size)
    {
        _mpi = mpi;
        _machine = machine;
        _rank = rank;
        _size = size;
    }

    /// <summary>
    /// The shared-memory reduce-scatter when every rank of the job runs on this machine, else null (the job's
    /// reduce-scatter then stays MPI's). Collective: every rank calls it.
    /// </summary>
    public static SharedMemoryReduceScatter? TryCreate(MpiLibrary mpi, int rank, int size)
    {
        nint machine = mpi.SplitByMachine(rank, out int onThisMachine);
        // Every rank must take the same decision: the job is either on one machine for all or for none of them.
        if (onThisMachine == size && size > 1) return new SharedMemoryReduceScatter(mpi, machine, rank, size);
        mpi.FreeCommunicator(machine);
        return null;
    }

    /// <summary>Rank r receives in <paramref name="block"/> the sum over the ranks of their block r of <paramref name="values"/>.</summary>
    public void ReduceScatterSum(ReadOnlySpan<float> values, Span<float> block)
    {
        int n = block.Length;
        float* mine = Begin(values.Length);
        // The others' blocks of this rank's values, for them to add; this rank's own block is read from values.
        for (int q = 0; q < _size; q++)
            if (q != _rank) values.Slice(q * n, n).CopyTo(new Span<float>(mine + (long)q * n, n));
        _mpi.SyncAndBarrier(_window, _machine);
        SumOwnBlock(values, n, block);
        _half ^= 1;
    }

    /// <summary>Frees the window and the machine's communicator (collective: every rank calls it, before MPI_Finalize).</summary>
    public void Dispose()
    {
        if (_window != 0) _mpi.FreeWindow(_window);
        _window = 0;
        _mpi.FreeCommunicator(_machine);
    }

    /// <summary>Grows the window when a collective needs more than a half holds; returns this rank's half for this collective.</summary>
    private float* Begin(long floats)
    {
        if (floats > _halfFloats)
        {
            if (_window != 0) _mpi.FreeWindow(_window);
            _halfFloats = floats;
            _window = _mpi.AllocateSharedWindow(_machine, _size, 2 * floats * sizeof(float), out _bases);
        }
        return (float*)_bases[_rank] + _half * _halfFloats;
    }

    /// <summary>Rank <paramref name="q"/>'s half for the current collective.</summary>
    private Span<float> Part(int q) => new((float*)_bases[q] + _half * _halfFloats, (int)_halfFloats);

    /// <summary><paramref name="sum"/> = the ranks' contributions to this rank's block, added in rank order (this rank's own from <paramref name="values"/>).</summary>
    private void SumOwnBlock(ReadOnlySpan<float> values, int n, Span<float> sum)
    {
        int start = _rank * n, length = sum.Length;
        for (int q = 0; q < _size; q++)
        {
            ReadOnlySpan<float> contribution = q == _rank ? values.Slice(start, length) : Part(q).Slice(start, length);
            if (q == 0) contribution.CopyTo(sum);
            else TensorPrimitives.Add(sum, contribution, sum);
        }
    }
}
