namespace Nabla.Fuzzing;

/// <summary>
/// The fuzzer's own seeded generator (SplitMix64): tiny, fast and identical on every runtime, so a case number and a
/// seed reproduce an input exactly (System.Random's algorithm is not promised to stay the same across .NET versions).
/// </summary>
public sealed class FuzzRng(ulong seed)
{
    private ulong _state = seed;

    /// <summary>Next 64 random bits.</summary>
    public ulong NextU64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [0, n); n must be positive.</summary>
    public int Next(int n) => (int)(NextU64() % (ulong)n);

    /// <summary>Uniform integer in [lo, hi).</summary>
    public int Next(int lo, int hi) => lo + Next(hi - lo);

    /// <summary>True with probability p.</summary>
    public bool Chance(double p) => (NextU64() >> 11) * (1.0 / (1UL << 53)) < p;

    /// <summary>One element of <paramref name="items"/>.</summary>
    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>A length skewed towards small values (most bugs need few bytes; some need many).</summary>
    public int SmallLength(int max) => Math.Min(max, Chance(0.8) ? Next(1, 9) : Next(1, max + 1));
}
