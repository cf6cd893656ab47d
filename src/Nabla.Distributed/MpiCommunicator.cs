using System.Diagnostics;
using System.Globalization;
using Nabla.Distributed.Mpi;
using Nabla.NN.Training;

namespace Nabla.Distributed;

/// <summary>
/// The ranks of an Open MPI job (<c>mpirun -n N ...</c>): one process per rank, on one machine or many. Collectives
/// are MPI's (in-place allreduce, reduce-scatter, in-place all-gather, broadcast, barrier on <c>MPI_COMM_WORLD</c>),
/// except that when every rank runs on one machine, a reduce-scatter of at least <see cref="SharedMemoryMinFloats"/>
/// floats goes through a shared-memory window (<see cref="SharedMemoryReduceScatter"/>: 0.37 instead of 0.55 ms per
/// step for the gradient of docs/DISTRIBUTED.md's MLP; <see cref="SharedMemoryVariable"/>=0 turns that off).
/// </summary>
/// <remarks>
/// <para>Faults never hang the job: when a rank's process dies, mpirun ends the others; when a rank is alive but stuck
/// (or one rank skipped a collective), a watchdog thread notices that this rank has waited in one collective for longer
/// than <see cref="Timeout"/>, prints which collective and for how long, and calls <c>MPI_Abort</c>, which ends every
/// rank. <see cref="Abort"/> does the same for an error the program caught.</para>
/// <para>MPI can be initialised once per process: use the process's one instance, <see cref="World"/>.</para>
/// </remarks>
public sealed class MpiCommunicator : ICommunicator, IDisposable
{
    /// <summary>Environment variable: seconds a rank may wait in one collective before the job is aborted (default 120).</summary>
    public const string TimeoutVariable = "NABLA_DIST_TIMEOUT";

    /// <summary>Environment variable: 0 keeps the reduce-scatter on MPI's message passing even when all ranks share one machine.</summary>
    public const string SharedMemoryVariable = "NABLA_MPI_SHARED_MEMORY";

    /// <summary>The smallest reduce-scatter (in floats) done through the shared-memory window; smaller ones are latency-bound and stay MPI's.</summary>
    public const int SharedMemoryMinFloats = 4096;

    private static readonly Lazy<MpiCommunicator> Instance = new(() => new MpiCommunicator());
    private readonly MpiLibrary _mpi;
    private readonly SharedMemoryReduceScatter? _sharedReduceScatter;   // when every rank runs on this machine (and it is not turned off)
    private readonly Thread _watchdog;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _enteredAt = -1;       // _clock ticks when the current collective began; -1 = none
    private string _operation = "";    // what the current collective is (for the watchdog's message)
    private int _length;
    private volatile bool _disposed;

    private MpiCommunicator()
    {
        _mpi = MpiLibrary.Load();
        _mpi.Initialize();
        Rank = _mpi.Rank();
        Size = _mpi.Size();
        Timeout = TimeoutFromEnvironment();
        _sharedReduceScatter = SharedMemoryOnEveryRank() ? SharedMemoryReduceScatter.TryCreate(_mpi, Rank, Size) : null;
        _watchdog = new Thread(Watch) { IsBackground = true, Name = "nabla-mpi-watchdog" };
        _watchdog.Start();
    }

    /// <summary>This process's communicator (initialises MPI on first use).</summary>
    /// <exception cref="DllNotFoundException">Open MPI's libmpi.so.40 is not installed.</exception>
    public static MpiCommunicator World => Instance.Value;

    /// <summary>Whether <see cref="World"/> has been created (MPI initialised) in this process.</summary>
    public static bool Started => Instance.IsValueCreated;

    /// <inheritdoc/>
    public int Rank { get; }

    /// <inheritdoc/>
    public int Size { get; }

    /// <summary>Longest wait in one collective before the job is aborted (<see cref="TimeoutVariable"/>).</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Whether large reduce-scatters go through the shared-memory window (every rank on one machine).</summary>
    public bool UsesSharedMemory => _sharedReduceScatter is not null;

    /// <inheritdoc/>
    public void AllReduceSum(Span<float> values)
    {
        Enter("allreduce", values.Length);
        try { _mpi.AllReduceSum(values); }
        finally { Leave(); }
    }

    /// <inheritdoc/>
    public void ReduceScatterSum(ReadOnlySpan<float> values, Span<float> block)
    {
        ICommunicator.CheckBlocks(Size, values.Length, block.Length);
        Enter("reduce-scatter", values.Length);
        try
        {
            if (Shared(values.Length)) _sharedReduceScatter!.ReduceScatterSum(values, block);
            else _mpi.ReduceScatterSum(values, block);
        }
        finally { Leave(); }
    }

    /// <inheritdoc/>
    public void AllGather(Span<float> values)
    {
        ICommunicator.CheckBlocks(Size, values.Length, values.Length / Size);
        Enter("all-gather", values.Length);
        try { _mpi.AllGather(values, Size); }
        finally { Leave(); }
    }

    /// <inheritdoc/>
    public void Broadcast(Span<float> values, int root = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(root);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(root, Size);
        Enter("broadcast", values.Length);
        try { _mpi.Broadcast(values, root); }
        finally { Leave(); }
    }

    /// <inheritdoc/>
    public void Barrier()
    {
        Enter("barrier", 0);
        try { _mpi.Barrier(); }
        finally { Leave(); }
    }

    /// <summary>Prints <paramref name="reason"/> on standard error, naming this rank, and ends every rank of the job (MPI_Abort with exit code 1).</summary>
    public void Abort(string reason)
    {
        Console.Error.WriteLine($"nabla: rank {Rank} of {Size}: {reason}");
        Console.Error.Flush();
        _mpi.Abort(1);
        Environment.Exit(1);   // MPI_Abort does not return; this is only a guard
    }

    /// <summary>Finalises MPI (every rank must call it; the job ends when all have).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _sharedReduceScatter?.Dispose();
        _mpi.Shutdown();
    }

    private bool Shared(int floats) => _sharedReduceScatter is not null && floats >= SharedMemoryMinFloats;

    /// <summary>Whether no rank turned the shared-memory reduce-scatter off: all ranks must take the same path.</summary>
    private bool SharedMemoryOnEveryRank()
    {
        float[] on = [Environment.GetEnvironmentVariable(SharedMemoryVariable) == "0" ? 0 : 1];
        _mpi.AllReduceSum(on);
        return on[0] == Size;
    }

    private void Enter(string operation, int length)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _operation = operation;
        _length = length;
        Volatile.Write(ref _enteredAt, _clock.ElapsedTicks);
    }

    private void Leave() => Volatile.Write(ref _enteredAt, -1);

    private void Watch()
    {
        while (!_disposed)
        {
            Thread.Sleep(200);
            long entered = Volatile.Read(ref _enteredAt);
            if (entered < 0) continue;
            var waited = TimeSpan.FromSeconds((double)(_clock.ElapsedTicks - entered) / Stopwatch.Frequency);
            if (waited > Timeout)
                Abort($"waited {waited.TotalSeconds:F0} s in a collective ({_operation}, {_length} floats): another rank has stopped, hung or skipped it. " +
                      $"Aborting every rank (raise {TimeoutVariable} if a rank legitimately needs longer).");
        }
    }

    private static TimeSpan TimeoutFromEnvironment()
    {
        string? text = Environment.GetEnvironmentVariable(TimeoutVariable);
        if (string.IsNullOrWhiteSpace(text)) return TimeSpan.FromSeconds(120);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds > 0)
            return TimeSpan.FromSeconds(seconds);
        throw new ArgumentException($"{TimeoutVariable} must be a positive number of seconds; got '{text}'.");
    }
}
