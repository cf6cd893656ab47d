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

    /// <summary>
    /// Upper bound on the threads a kernel call uses (the calling thread included). Defaults to
    /// <c>NABLA_NUM_THREADS</c> when it holds a positive integer, else <see cref="Environment.ProcessorCount"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is smaller than 1.</exception>
    public static int MaxThreads
    {
        get => Volatile.Read(ref _maxThreads);
        set
        {
            if (value < 1)
                throw new ArgumentOutOfRangeException(nameof(value), value,
                    $"Threading.MaxThreads must be at least 1; got {value}.");
            Volatile.Write(ref _maxThreads, value);
        }
    }

    private static int FromEnvironment()
    {
        string? text = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (text is not null && int.TryParse(text.Trim(), out int n) && n >= 1) return n;
        return Math.Max(1, Environment.ProcessorCount);
    }
}
