using System.Runtime.InteropServices;

namespace Nabla.Distributed.Mpi;

/// <summary>
/// The binding to Open MPI: the only code in Nabla that calls MPI. It loads <c>libmpi.so.40</c> (Open MPI 4.x,
/// Debian's <c>libopenmpi3</c>/<c>openmpi-bin</c>) with <see cref="NativeLibrary"/> and calls the handful of functions
/// data-parallel training needs through unmanaged function pointers: init, rank, size, in-place allreduce of floats,
/// reduce-scatter, in-place all-gather, broadcast, barrier, abort, finalize; and, for the ranks of one machine, a
/// shared-memory window (<see cref="AllocateSharedWindow"/>) that <see cref="SharedMemoryReduceScatter"/> reads and writes directly.
/// </summary>
/// <remarks>
/// Open MPI's handles are pointers to predefined objects exported by the library: <c>MPI_COMM_WORLD</c> is the address
/// of <c>ompi_mpi_comm_world</c>, <c>MPI_FLOAT</c> of <c>ompi_mpi_float</c>, <c>MPI_SUM</c> of <c>ompi_mpi_op_sum</c>;
/// <c>MPI_IN_PLACE</c> is <c>(void*)1</c> (mpi.h). These are Open MPI's ABI, not MPICH's: another MPI needs another
/// binding. Errors on <c>MPI_COMM_WORLD</c> are fatal by default (Open MPI prints the error and ends every rank), so a
/// non-zero return code is rare; it is still turned into an exception.
/// </remarks>
internal sealed unsafe class MpiLibrary
{
    /// <summary>The shared library's file name (Open MPI 4.x).</summary>
    public const string FileName = "libmpi.so.40";

    private const int ThreadMultiple = 3;             // MPI_THREAD_MULTIPLE in Open MPI's mpi.h
    private const int CommTypeShared = 0;             // MPI_COMM_TYPE_SHARED
    private const int ModeNoCheck = 1;                // MPI_MODE_NOCHECK
    private static readonly void* InPlace = (void*)1; // MPI_IN_PLACE

    private readonly nint _world, _float, _sum, _infoNull;
    private readonly delegate* unmanaged<int*, int> _initialized;
    private readonly delegate* unmanaged<int*, nint, int, int*, int> _initThread;
    private readonly delegate* unmanaged<nint, int*, int> _commRank;
    private readonly delegate* unmanaged<nint, int*, int> _commSize;
    private readonly delegate* unmanaged<void*, void*, int, nint, nint, nint, int> _allreduce;
    private readonly delegate* unmanaged<void*, void*, int, nint, nint, nint, int> _reduceScatterBlock;
    private readonly delegate* unmanaged<void*, int, nint, void*, int, nint, nint, int> _allgather;
    private readonly delegate* unmanaged<void*, int, nint, int, nint, int> _bcast;
    private readonly delegate* unmanaged<nint, int> _barrier;
    private readonly delegate* unmanaged<nint, int, int> _abort;
    private readonly delegate* unmanaged<int*, int> _finalized;
    private readonly delegate* unmanaged<int> _finalize;
    private readonly delegate* unmanaged<nint, int, int, nint, nint*, int> _commSplitType;
    private readonly delegate* unmanaged<nint*, int> _commFree;
    private readonly delegate* unmanaged<nint, int, nint, nint, void*, nint*, int> _winAllocateShared;
    private readonly delegate* unmanaged<nint, int, nint*, int*, void*, int> _winSharedQuery;
    private readonly delegate* unmanaged<int, nint, int> _winLockAll;
    private readonly delegate* unmanaged<nint, int> _winUnlockAll;
    private readonly delegate* unmanaged<nint, int> _winSync;
    private readonly delegate* unmanaged<nint*, int> _winFree;

    private MpiLibrary(nint library)
    {
        nint Export(string name) => NativeLibrary.GetExport(library, name);
        _world = Export("ompi_mpi_comm_world");
        _float = Export("ompi_mpi_float");
        _sum = Export("ompi_mpi_op_sum");
        _initialized = (delegate* unmanaged<int*, int>)Export("MPI_Initialized");
        _initThread = (delegate* unmanaged<int*, nint, int, int*, int>)Export("MPI_Init_thread");
        _commRank = (delegate* unmanaged<nint, int*, int>)Export("MPI_Comm_rank");
        _commSize = (delegate* unmanaged<nint, int*, int>)Export("MPI_Comm_size");
        _allreduce = (delegate* unmanaged<void*, void*, int, nint, nint, nint, int>)Export("MPI_Allreduce");
        _reduceScatterBlock = (delegate* unmanaged<void*, void*, int, nint, nint, nint, int>)Export("MPI_Reduce_scatter_block");
        _allgather = (delegate* unmanaged<void*, int, nint, void*, int, nint, nint, int>)Export("MPI_Allgather");
        _bcast = (delegate* unmanaged<void*, int, nint, int, nint, int>)Export("MPI_Bcast");
        _barrier = (delegate* unmanaged<nint, int>)Export("MPI_Barrier");
        _abort = (delegate* unmanaged<nint, int, int>)Export("MPI_Abort");
        _finalized = (delegate* unmanaged<int*, int>)Export("MPI_Finalized");
        _finalize = (delegate* unmanaged<int>)Export("MPI_Finalize");
        _infoNull = Export("ompi_mpi_info_null");
        _commSplitType = (delegate* unmanaged<nint, int, int, nint, nint*, int>)Export("MPI_Comm_split_type");
        _commFree = (delegate* unmanaged<nint*, int>)Export("MPI_Comm_free");
        _winAllocateShared = (delegate* unmanaged<nint, int, nint, nint, void*, nint*, int>)Export("MPI_Win_allocate_shared");
        _winSharedQuery = (delegate* unmanaged<nint, int, nint*, int*, void*, int>)Export("MPI_Win_shared_query");
        _winLockAll = (delegate* unmanaged<int, nint, int>)Export("MPI_Win_lock_all");
        _winUnlockAll = (delegate* unmanaged<nint, int>)Export("MPI_Win_unlock_all");
        _winSync = (delegate* unmanaged<nint, int>)Export("MPI_Win_sync");
        _winFree = (delegate* unmanaged<nint*, int>)Export("MPI_Win_free");
    }

    /// <summary>Loads Open MPI's library.</summary>
    /// <exception cref="DllNotFoundException">libmpi.so.40 is not installed (the message says what to install).</exception>
    public static MpiLibrary Load()
    {
        if (!NativeLibrary.TryLoad(FileName, out nint library))
            throw new DllNotFoundException(
                $"This run was started by mpirun, but Open MPI's {FileName} could not be loaded: install Open MPI 4 (Debian: apt-get install openmpi-bin libopenmpi-dev).");
        try { return new MpiLibrary(library); }
        catch (EntryPointNotFoundException e)
        {
            throw new DllNotFoundException($"{FileName} is not Open MPI 4 ({e.Message}); Nabla's binding needs Open MPI's ABI.", e);
        }
    }

    /// <summary>MPI_Init_thread (asking for MPI_THREAD_MULTIPLE, so a watchdog thread may call MPI_Abort) unless already initialised.</summary>
    public void Initialize()
    {
        int flag;
        Check(_initialized(&flag), "MPI_Initialized");
        if (flag != 0) return;
        int provided;
        Check(_initThread(null, 0, ThreadMultiple, &provided), "MPI_Init_thread");
    }

    /// <summary>MPI_Comm_rank(MPI_COMM_WORLD).</summary>
    public int Rank()
    {
        int rank;
        Check(_commRank(_world, &rank), "MPI_Comm_rank");
        return rank;
    }

    /// <summary>MPI_Comm_size(MPI_COMM_WORLD).</summary>
    public int Size()
    {
        int size;
        Check(_commSize(_world, &size), "MPI_Comm_size");
        return size;
    }

    /// <summary>MPI_Allreduce(MPI_IN_PLACE, values, n, MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD).</summary>
    public void AllReduceSum(Span<float> values)
    {
        fixed (float* p = values) Check(_allreduce(InPlace, p, values.Length, _float, _sum, _world), "MPI_Allreduce");
    }

    /// <summary>MPI_Reduce_scatter_block(values, block, block.Length, MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD): this rank's block of the sum.</summary>
    public void ReduceScatterSum(ReadOnlySpan<float> values, Span<float> block)
    {
        fixed (float* send = values, receive = block)
            Check(_reduceScatterBlock(send, receive, block.Length, _float, _sum, _world), "MPI_Reduce_scatter_block");
    }

    /// <summary>MPI_Allgather(MPI_IN_PLACE, 0, MPI_FLOAT, values, values.Length / size, MPI_FLOAT, MPI_COMM_WORLD).</summary>
    public void AllGather(Span<float> values, int size)
    {
        fixed (float* p = values) Check(_allgather(InPlace, 0, _float, p, values.Length / size, _float, _world), "MPI_Allgather");
    }

    /// <summary>MPI_Bcast(values, n, MPI_FLOAT, root, MPI_COMM_WORLD).</summary>
    public void Broadcast(Span<float> values, int root)
    {
        fixed (float* p = values) Check(_bcast(p, values.Length, _float, root, _world), "MPI_Bcast");
    }

    /// <summary>MPI_Barrier(MPI_COMM_WORLD).</summary>
    public void Barrier() => Check(_barrier(_world), "MPI_Barrier");

    /// <summary>
    /// MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank, MPI_INFO_NULL): the ranks that share this
    /// rank's memory (its machine), ordered as in MPI_COMM_WORLD. Free it with <see cref="FreeCommunicator"/>.
    /// </summary>
    public nint SplitByMachine(int rank, out int size)
    {
        nint comm;
        int n;
        Check(_commSplitType(_world, CommTypeShared, rank, _infoNull, &comm), "MPI_Comm_split_type");
        Check(_commSize(comm, &n), "MPI_Comm_size");
        size = n;
        return comm;
    }

    /// <summary>MPI_Comm_free.</summary>
    public void FreeCommunicator(nint comm) => Check(_commFree(&comm), "MPI_Comm_free");

    /// <summary>
    /// MPI_Win_allocate_shared of <paramref name="bytes"/> bytes on every rank of <paramref name="comm"/> (collective),
    /// then MPI_Win_shared_query for each rank's base address and MPI_Win_lock_all(MPI_MODE_NOCHECK): from here on each
    /// rank may load and store any rank's part directly, separated by <see cref="SyncAndBarrier"/>.
    /// </summary>
    public nint AllocateSharedWindow(nint comm, int ranks, long bytes, out nint[] bases)
    {
        nint window;
        void* mine;
        Check(_winAllocateShared((nint)bytes, sizeof(float), _infoNull, comm, &mine, &window), "MPI_Win_allocate_shared");
        bases = new nint[ranks];
        for (int r = 0; r < ranks; r++)
        {
            nint size;
            int unit;
            void* baseAddress;
            Check(_winSharedQuery(window, r, &size, &unit, &baseAddress), "MPI_Win_shared_query");
            bases[r] = (nint)baseAddress;
        }
        Check(_winLockAll(ModeNoCheck, window), "MPI_Win_lock_all");
        return window;
    }

    /// <summary>
    /// The separated-memory-model idiom for direct loads and stores in a shared window: MPI_Win_sync (this rank's stores
    /// become visible), MPI_Barrier on <paramref name="comm"/>, MPI_Win_sync (the others' stores become visible here).
    /// </summary>
    public void SyncAndBarrier(nint window, nint comm)
    {
        Check(_winSync(window), "MPI_Win_sync");
        Check(_barrier(comm), "MPI_Barrier");
        Check(_winSync(window), "MPI_Win_sync");
    }

    /// <summary>MPI_Win_unlock_all then MPI_Win_free (collective).</summary>
    public void FreeWindow(nint window)
    {
        Check(_winUnlockAll(window), "MPI_Win_unlock_all");
        Check(_winFree(&window), "MPI_Win_free");
    }

    /// <summary>MPI_Abort(MPI_COMM_WORLD, code): Open MPI ends every rank of the job.</summary>
    public void Abort(int code) => _abort(_world, code);

    /// <summary>MPI_Finalize, once, if MPI is initialised and not finalised yet.</summary>
    public void Shutdown()
    {
        int initialized, finalized;
        Check(_initialized(&initialized), "MPI_Initialized");
        Check(_finalized(&finalized), "MPI_Finalized");
        if (initialized != 0 && finalized == 0) Check(_finalize(), "MPI_Finalize");
    }

    private static void Check(int code, string function)
    {
        if (code != 0) throw new InvalidOperationException($"{function} failed with MPI error code {code}.");
    }
}
