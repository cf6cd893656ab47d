namespace Nabla.Kernels;

/// <summary>
/// How many threads Nabla's kernels may use. Results never depend on this setting: every output element
/// is computed by one thread, in the same order, whatever the thread count.
/// </summary>
public static class Threading
{
    /// <summary>The environment variable read once at start-up to set <see cref="MaxThreads"/>.</summary>
    public const string EnvironmentVariable = "NABLA_NUM_THREADS";

    private static int _maxThreads = FromEnvironment();

    [ThreadStatic]
    private static int t_limit;   // this thread's own cap (LimitThisThread); 0 = none

    /// <summary>
    /// Upper bound on the threads a kernel call uses (the calling thread included). Defaults to
    /// <c>NABLA_NUM_THREADS</c> when it holds a positive integer, else <see cref="Environment.ProcessorCount"/>.
    /// Setting it applies to the whole process; reading it on a thread inside <see cref="LimitThisThread"/> gives
    /// that thread's lower cap.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is smaller than 1.</exception>
    public static int MaxThreads
    {
        get
        {
            int all = Volatile.Read(ref _maxThreads);
            return t_limit > 0 ? Math.Min(t_limit, all) : all;
        }
        set
        {
            if (value < 1)
                throw new ArgumentOutOfRangeException(nameof(value), value,
                    $"Threading.MaxThreads must be at least 1; got {value}.");
            Volatile.Write(ref _maxThreads, value);
        }
    }

    /// <summary>
    /// Caps the kernel calls made on the calling thread at <paramref name="threads"/> until the returned scope is
    /// disposed, without touching other threads: for independent trainings run side by side (a hyper-parameter
    /// search), each on its own thread, while the rest of the process keeps <see cref="MaxThreads"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is smaller than 1.</exception>
    public static ThreadLimit LimitThisThread(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var scope = new ThreadLimit(t_limit);
        t_limit = threads;
        return scope;
    }

    /// <summary>The scope of <see cref="LimitThisThread"/>: disposing it restores the thread's previous cap.</summary>
    public readonly struct ThreadLimit : IDisposable
    {
        private readonly int _previous;

        internal ThreadLimit(int previous) => _previous = previous;

        /// <summary>Restores the calling thread's previous cap (dispose it on the thread that created it).</summary>
        public void Dispose() => t_limit = _previous;
    }

    private static int FromEnvironment()
    {
        string? text = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (text is not null && int.TryParse(text.Trim(), out int n) && n >= 1) return n;
        return Math.Max(1, Environment.ProcessorCount);
    }
}
