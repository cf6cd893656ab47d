using System.Buffers.Binary;
using System.Text;

namespace Nabla.Fuzzing;

/// <summary>
/// Makes hostile inputs from valid ones: bit flips, interesting bytes, huge or negative integers written over length
/// fields (both byte orders), truncations, deletions, duplicated chunks, splices of two seeds, inserted format tokens
/// (pathological quoting, deep nesting, long numbers) and wholly random bytes. One to four edits are stacked per case.
/// </summary>
public sealed class Mutator
{
    private readonly IReadOnlyList<byte[]> _seeds;
    private readonly IReadOnlyList<byte[]> _tokens;
    private readonly int _maxLength;

    /// <summary>Integers that break length and dimension arithmetic: 0, -1, sign bits, 2^31, 2^32, 2^63, 100 GB.</summary>
    private static readonly ulong[] HugeNumbers =
    [
        0, 1, 2, 0x7F, 0x80, 0xFF, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x100000000,
        100_000_000_000, 0x7FFFFFFFFFFFFFFF, 0x8000000000000000, ulong.MaxValue, ulong.MaxValue - 7, 1UL << 62,
    ];

    private static readonly byte[] InterestingBytes = "\0\x01\x7F\x80\xFF\"',;|\t \r\n{}[]():-+.0123456789eE\\"u8.ToArray()
        .Concat(new byte[] { 0xC0, 0xEF, 0xBB, 0xBF, 0x1F, 0x8B, 0x08, 0x03 }).ToArray();

    /// <summary>Creates a mutator over valid <paramref name="seeds"/>, with format <paramref name="tokens"/> to splice in.</summary>
    /// <param name="seeds">Valid inputs of the format (at least one).</param>
    /// <param name="tokens">Fragments meaningful to the format (quotes, keywords, brackets); may be empty.</param>
    /// <param name="maxLength">Inputs are cut to this many bytes, so one case stays cheap.</param>
    public Mutator(IReadOnlyList<byte[]> seeds, IEnumerable<string> tokens, int maxLength = 1 << 16)
    {
        if (seeds.Count == 0) throw new ArgumentException("At least one seed input is needed.", nameof(seeds));
        _seeds = seeds;
        _tokens = tokens.Select(Encoding.UTF8.GetBytes).Concat(CommonTokens()).ToArray();
        _maxLength = maxLength;
    }

    private static IEnumerable<byte[]> CommonTokens()
    {
        foreach (string s in new[] { "\"", "\"\"", "\"\"\"", "\r\n", "\r", "\n\n", "NaN", "-inf", "Infinity", "1e999", "-1e-999",
                                     "\uFEFF", "\u00e9", "\u2028", "\uD83D\uDE00", "%s%n", "\\u0000", "0x", "-0", "99999999999999999999999" })
            yield return Encoding.UTF8.GetBytes(s);
        yield return [0xFF, 0xFE];          // not UTF-8
        yield return [0xED, 0xA0, 0x80];    // a UTF-8-encoded surrogate (invalid)
    }

    /// <summary>The next hostile input.</summary>
    public byte[] Next(FuzzRng rng)
    {
        if (rng.Chance(0.03)) return RandomBytes(rng, rng.SmallLength(rng.Chance(0.5) ? 64 : 4096));
        var data = new List<byte>(rng.Pick(_seeds));
        // Half the cases make a single edit: near-valid files reach the deep checks instead of failing at the header.
        int edits = rng.Chance(0.5) ? 1 : rng.Next(2, 5);
        for (int i = 0; i < edits; i++) Apply(data, rng);
        if (data.Count > _maxLength) data.RemoveRange(_maxLength, data.Count - _maxLength);
        return data.ToArray();
    }

    private void Apply(List<byte> d, FuzzRng rng)
    {
        // Edits near the start hit headers and length fields; elsewhere, anything goes.
        int Pos(int extra = 0) => d.Count + extra == 0 ? 0 : rng.Chance(0.35) ? rng.Next(Math.Min(d.Count + extra, 40)) : rng.Next(d.Count + extra);
        switch (rng.Next(12))
        {
            case 0: // bit flips
                for (int k = rng.Next(1, 9); k > 0 && d.Count > 0; k--) { int p = Pos(); d[p] ^= (byte)(1 << rng.Next(8)); }
                break;
            case 1: // interesting bytes
                for (int k = rng.Next(1, 5); k > 0 && d.Count > 0; k--) d[Pos()] = rng.Pick(InterestingBytes);
                break;
            case 2: // a huge / negative integer over a length field, 1/2/4/8 bytes, either byte order
            {
                int width = rng.Pick(new[] { 1, 2, 4, 8 });
                if (d.Count < width) break;
                int p = rng.Chance(0.5) ? rng.Next(Math.Min(d.Count - width + 1, 5)) * 4 % Math.Max(1, d.Count - width + 1) : rng.Next(d.Count - width + 1);
                ulong v = rng.Pick(HugeNumbers);
                if (rng.Chance(0.3)) v += (ulong)rng.Next(-2, 3);
                Span<byte> b = stackalloc byte[8];
                if (rng.Chance(0.5)) BinaryPrimitives.WriteUInt64LittleEndian(b, v); else BinaryPrimitives.WriteUInt64BigEndian(b, v);
                var w = rng.Chance(0.5) ? b[..width] : b[(8 - width)..];
                for (int i = 0; i < width; i++) d[p + i] = w[i];
                break;
            }
            case 3: // truncation (downloads cut short), sometimes a single byte dropped instead
                if (d.Count > 0 && rng.Chance(0.7)) { int keep = rng.Next(d.Count); d.RemoveRange(keep, d.Count - keep); }
                else if (d.Count > 0) d.RemoveAt(rng.Next(d.Count));
                break;
            case 4: // delete a chunk
                if (d.Count > 1) { int p = Pos(); d.RemoveRange(p, Math.Min(rng.SmallLength(256), d.Count - p)); }
                break;
            case 5: // duplicate a chunk, sometimes many times (long lines, many columns, repeated headers)
                if (d.Count > 1)
                {
                    int p = rng.Next(d.Count), n = Math.Min(rng.SmallLength(128), d.Count - p);
                    var chunk = d.GetRange(p, n);
                    int times = rng.Chance(0.8) ? 1 : rng.Next(2, 2000);
                    for (int t = 0; t < times && d.Count < _maxLength; t++) d.InsertRange(p, chunk);
                }
                break;
            case 6: // splice with another seed
            {
                var other = rng.Pick(_seeds);
                int cut = d.Count == 0 ? 0 : rng.Next(d.Count), from = rng.Next(other.Length);
                d.RemoveRange(cut, d.Count - cut);
                d.AddRange(other.AsSpan(from).ToArray());
                break;
            }
            case 7:
            case 8: // insert a format token, sometimes repeated (deep nesting, runs of quotes)
            {
                var tok = rng.Pick(_tokens);
                int times = rng.Chance(0.85) ? 1 : rng.Chance(0.5) ? rng.Next(2, 64) : rng.Next(64, 20000);
                int p = Pos(1);
                var run = new List<byte>(tok.Length * times);
                for (int t = 0; t < times && run.Count < _maxLength; t++) run.AddRange(tok);
                d.InsertRange(Math.Min(p, d.Count), run);
                break;
            }
            case 9: // insert random bytes
                d.InsertRange(Pos(1) is var q && q <= d.Count ? q : d.Count, RandomBytes(rng, rng.SmallLength(64)));
                break;
            case 10: // swap two bytes / replace a digit run with a long number
                if (d.Count > 1) { int a = Pos(), b = rng.Next(d.Count); (d[a], d[b]) = (d[b], d[a]); }
                break;
            default: // overwrite with random bytes
                for (int k = rng.SmallLength(16); k > 0 && d.Count > 0; k--) d[Pos()] = (byte)rng.Next(256);
                break;
        }
    }

    private static byte[] RandomBytes(FuzzRng rng, int n)
    {
        var b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte)rng.NextU64();
        return b;
    }
}
