using System.Globalization;

namespace Nabla.NN.Data;

/// <summary>Everything one fitting pass learns about a column, in bounded memory.</summary>
internal sealed class ColumnStats(int maxDistinct, bool forceCategorical, bool wantMedian = false)
{
    /// <summary>Numbers kept for the median: all of them up to this count, then a uniform reservoir sample.</summary>
    public const int MedianSample = 1 << 16;
    public readonly bool ForceCategorical = forceCategorical;
    public bool Numeric = !forceCategorical;
    public bool AllIntegers = true;
    public long Count;            // non-missing values
    public double Mean;           // Welford running mean of the numeric values
    public double M2;             // Welford running sum of squared deviations
    public Dictionary<string, long>? Counts = new(StringComparer.Ordinal);
    public bool Overflow;         // more than maxDistinct distinct values: Counts dropped
    public long Missing;
    public long FirstMissingLine;
    public long FirstTextLine;    // first value that is not a number
    public string? FirstText;
    public long NonFiniteLine;    // first number that is infinite or outside float32
    public string? NonFiniteValue;
    public bool AllDates = true;  // every non-missing value is a date (see DateValues)
    public bool HasTime;          // some date gave a time of day
    public string? FirstDate;
    public readonly double[] DateMean = new double[6], DateM2 = new double[6];
    private List<double>? _sample = wantMedian ? [] : null;
    private ulong _rng = 0x9E3779B97F4A7C15;

    public void Add(string raw, long line, HashSet<string> missingMarkers)
    {
        string v = raw.Trim();
        if (v.Length == 0 || missingMarkers.Contains(v))
        {
            if (Missing++ == 0) FirstMissingLine = line;
            return;
        }
        Count++;
        if (!Overflow)
        {
            Counts!.TryGetValue(v, out long c);
            Counts[v] = c + 1;
            if (Counts.Count > maxDistinct) { Overflow = true; Counts = null; }
        }
        if (AllDates) AddDate(v);
        if (!Numeric) return;
        if (!TryParseNumber(v, out double x))
        {
            Numeric = false;
            FirstText = v;
            FirstTextLine = line;
            return;
        }
        if (!double.IsFinite(x) || Math.Abs(x) > float.MaxValue)
        {
            if (NonFiniteValue is null) { NonFiniteValue = v; NonFiniteLine = line; }
            return;
        }
        if (x != Math.Floor(x)) AllIntegers = false;
        if (_sample is not null) Sample(x);
        // Welford's update: numerically stable single-pass mean and variance.
        double delta = x - Mean;
        Mean += delta / Count;
        M2 += delta * (x - Mean);
    }

    private void AddDate(string v)
    {
        if (!DateValues.TryParse(v, out var d, out bool time)) { AllDates = false; return; }
        FirstDate ??= v;
        HasTime |= time;
        Span<double> parts = stackalloc double[6];
        DateValues.Split(d, parts);
        for (int i = 0; i < 6; i++)
        {
            double delta = parts[i] - DateMean[i];
            DateMean[i] += delta / Count;
            DateM2[i] += delta * (parts[i] - DateMean[i]);
        }
    }

    /// <summary>Population std of date part <paramref name="i"/>.</summary>
    public double DateStd(int i) => Count > 0 ? Math.Sqrt(Math.Max(0, DateM2[i]) / Count) : 0;

    private void Sample(double x)
    {
        // Algorithm R with a fixed-seed xorshift: exact below MedianSample values, a seeded uniform sample above.
        if (_sample!.Count < MedianSample) { _sample.Add(x); return; }
        _rng ^= _rng << 13; _rng ^= _rng >> 7; _rng ^= _rng << 17;
        long j = (long)(_rng % (ulong)Count);
        if (j < MedianSample) _sample[(int)j] = x;
    }

    /// <summary>Whether <see cref="Median"/> is exact (every number was kept).</summary>
    public bool MedianIsExact => Count <= MedianSample;

    /// <summary>The median of the numbers seen (of the sample when there were more than <see cref="MedianSample"/>).</summary>
    public double Median()
    {
        if (_sample is null || _sample.Count == 0) return Mean;
        var sorted = _sample.Order().ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /// <summary>
    /// Invariant-culture number parsing that also knows the spellings of infinity other tools write
    /// (<c>inf</c>, <c>-Inf</c>, <c>Infinity</c>), so they are reported as non-finite instead of silently turning a
    /// numeric column into a categorical one.
    /// </summary>
    /// <summary>True when <paramref name="v"/> is a number the encoder can store: finite and within float32's range
    /// (a fill value must be one, since it replaces missing values when encoding).</summary>
    internal static bool TryParseFloat32Number(string v, out double x) =>
        TryParseNumber(v, out x) && double.IsFinite(x) && Math.Abs(x) <= float.MaxValue;

    internal static bool TryParseNumber(string v, out double x)
    {
        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out x)) return true;
        string s = v.TrimStart('+', '-');
        if (s.Equals("inf", StringComparison.OrdinalIgnoreCase) || s.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            x = v.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        return false;
    }

    /// <summary>Population standard deviation sqrt(M2 / n); exactly 0 for a constant column.</summary>
    public double Std => Count > 0 ? Math.Sqrt(Math.Max(0, M2) / Count) : 0;

    /// <summary>Most frequent value; ties go to the ordinally smallest, so the result does not depend on row order.</summary>
    public string? MostFrequent()
    {
        if (Counts is null || Counts.Count == 0) return null;
        string best = "";
        long bestCount = -1;
        foreach (var (k, c) in Counts)
            if (c > bestCount || (c == bestCount && string.CompareOrdinal(k, best) < 0)) { best = k; bestCount = c; }
        return best;
    }
}
