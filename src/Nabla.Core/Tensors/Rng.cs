namespace Nabla;

/// <summary>
/// A seeded, reproducible random number generator (xoshiro256**, seeded through SplitMix64).
/// Every random draw in Nabla takes an <see cref="Rng"/>, so a seed fixes a whole run. Where none is given (a
/// <c>Dense</c>'s initial weights, a <c>Dropout</c>'s masks, a shuffling <c>DataLoader</c>), the one rule is PyTorch's:
/// a new generator is drawn from the process's default generator (<see cref="FromDefault"/>), which starts from the
/// fixed <see cref="DefaultSeed"/> and is reseeded by <see cref="ManualSeed"/>. A program that builds its objects in
/// the same order therefore gets the same numbers on every run.
/// An instance is not thread-safe: give each thread its own (see <see cref="Fork"/>).
/// </summary>
public sealed class Rng
{
    /// <summary>The default generator's seed until <see cref="ManualSeed"/> is called (PyTorch's initial seed).</summary>
    public const ulong DefaultSeed = 67280421310721UL;

    private static readonly Lock DefaultLock = new();
    private static Rng defaultRng = new(DefaultSeed);

    private ulong s0, s1, s2, s3;
    private float? spareGaussian;

    /// <summary>
    /// Reseeds the default generator (PyTorch's <c>torch.manual_seed</c>): everything created afterwards without an
    /// explicit <see cref="Rng"/> draws from this seed's stream, in creation order.
    /// </summary>
    public static void ManualSeed(ulong seed)
    {
        lock (DefaultLock) defaultRng = new Rng(seed);
    }

    /// <summary>
    /// A new generator seeded from the default generator's next draw (thread-safe): what layers and loaders use when
    /// given no <see cref="Rng"/>. Reproducible from <see cref="DefaultSeed"/> or the last <see cref="ManualSeed"/>.
    /// </summary>
    public static Rng FromDefault()
    {
        lock (DefaultLock) return defaultRng.Fork();
    }

    /// <summary>Creates a generator whose whole sequence is fixed by <paramref name="seed"/>.</summary>
    public Rng(ulong seed = 0)
    {
        ulong x = seed;
        s0 = SplitMix(ref x); s1 = SplitMix(ref x); s2 = SplitMix(ref x); s3 = SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>A uniform float in [0, 1) with 24 random bits.</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive), $"NextInt needs a positive bound, got {maxExclusive}.");
        // Lemire's multiply-shift with rejection of the biased low range.
        ulong bound = (ulong)maxExclusive;
        ulong threshold = (0UL - bound) % bound;
        while (true)
        {
            ulong r = NextUInt64();
            UInt128 m = (UInt128)r * bound;
            if ((ulong)m >= threshold) return (int)(m >> 64);
        }
    }

    /// <summary>A standard normal draw N(0, 1) (Box-Muller; the second value of each pair is kept for the next call).</summary>
    public float NextGaussian()
    {
        if (spareGaussian is float spare) { spareGaussian = null; return spare; }
        double u1;
        do u1 = NextDouble(); while (u1 <= double.Epsilon);
        double u2 = NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        spareGaussian = (float)(r * Math.Sin(2 * Math.PI * u2));
        return (float)(r * Math.Cos(2 * Math.PI * u2));
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher-Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A random permutation of 0..n-1.</summary>
    public int[] Permutation(int n)
    {
        var p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        Shuffle(p.AsSpan());
        return p;
    }

    /// <summary>A new generator seeded from this one's stream: independent, and reproducible from the parent's seed.</summary>
    public Rng Fork() => new(NextUInt64());

    /// <summary>The full generator state (for checkpoints); restore it with <see cref="SetState"/>.</summary>
    public ulong[] GetState()
    {
        ulong spare = spareGaussian is float f ? 1UL << 32 | BitConverter.SingleToUInt32Bits(f) : 0;
        return [s0, s1, s2, s3, spare];
    }

    /// <summary>Restores a state produced by <see cref="GetState"/>, so the sequence continues exactly.</summary>
    public void SetState(ulong[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Length != 5) throw new ArgumentException($"An Rng state has 5 values, got {state.Length}.", nameof(state));
        if ((state[0] | state[1] | state[2] | state[3]) == 0) throw new ArgumentException("An Rng state cannot be all zeros.", nameof(state));
        (s0, s1, s2, s3) = (state[0], state[1], state[2], state[3]);
        spareGaussian = (state[4] >> 32) != 0 ? BitConverter.UInt32BitsToSingle((uint)state[4]) : null;
    }
}
