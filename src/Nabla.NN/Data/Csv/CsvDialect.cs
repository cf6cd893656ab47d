using System.Globalization;

namespace Nabla.NN.Data;

/// <summary>The detected (or given) shape of a delimited file: delimiter, quote and whether it has a header.</summary>
/// <param name="Delimiter">Field delimiter, or <see cref="CsvOptions.Whitespace"/> for runs of blanks.</param>
/// <param name="Quote">Quote character.</param>
/// <param name="HasHeader">Whether the first record holds column names.</param>
public sealed record CsvDialect(char Delimiter, char Quote, bool HasHeader)
{
    /// <summary>Characters tried, in order of preference, when detecting the delimiter.</summary>
    public static IReadOnlyList<char> CandidateDelimiters { get; } = [',', ';', '\t', '|'];

    /// <summary>
    /// Detects what <paramref name="options"/> leaves open from <paramref name="sample"/> (the first part of the file).
    /// Delimiter: the candidate that splits every sampled record into the same number (&gt; 1) of fields, preferring
    /// more fields; failing that, whitespace if it does; failing that, a single column. Header: yes when some column
    /// is numeric below the first record but not in it; for all-text files, when no first-record value reappears in
    /// its column.
    /// </summary>
    /// <param name="sample">Leading text of the file.</param>
    /// <param name="complete">True when the sample is the whole file (its last record is not cut off).</param>
    /// <param name="options">Given settings.</param>
    public static CsvDialect Detect(string sample, bool complete, CsvOptions options)
    {
        char delimiter = options.Delimiter ?? DetectDelimiter(sample, complete, options);
        bool header = options.HasHeader ?? DetectHeader(Records(sample, complete, delimiter, options));
        return new CsvDialect(delimiter, options.Quote, header);
    }

    private static char DetectDelimiter(string sample, bool complete, CsvOptions options)
    {
        char best = ',';
        int bestFields = 1;
        foreach (char d in CandidateDelimiters.Append(CsvOptions.Whitespace))
        {
            var recs = Records(sample, complete, d, options);
            if (recs.Count == 0) continue;
            int k = recs[0].Length;
            if (k > bestFields && recs.All(r => r.Length == k))
            {
                // A real delimiter that splits consistently beats whitespace ("1, 2" has both).
                if (d == CsvOptions.Whitespace && bestFields > 1) continue;
                best = d;
                bestFields = k;
            }
        }
        return best;
    }

    private static bool DetectHeader(List<string[]> recs)
    {
        if (recs.Count == 0) return false;
        string[] first = recs[0];
        if (recs.Count == 1) return first.All(f => !IsNumber(f) && f.Length > 0);
        bool anyNumericColumn = false;
        for (int j = 0; j < first.Length; j++)
        {
            var below = recs.Skip(1).Where(r => j < r.Length && r[j].Length > 0).Select(r => r[j]).ToList();
            if (below.Count == 0 || !below.All(IsNumber)) continue;
            anyNumericColumn = true;
            if (!IsNumber(first[j]) && first[j].Length > 0) return true;
        }
        if (anyNumericColumn) return false;
        // All text: a header's names do not reappear as values in their columns.
        for (int j = 0; j < first.Length; j++)
            if (first[j].Length == 0 || recs.Skip(1).Any(r => j < r.Length && r[j] == first[j])) return false;
        return true;
    }

    internal static bool IsNumber(string s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static List<string[]> Records(string sample, bool complete, char delimiter, CsvOptions options)
    {
        var list = new List<string[]>();
        var tok = new CsvTokenizer(new StringReader(sample), delimiter, options.Quote, int.MaxValue, null);
        var fields = new List<string>();
        try
        {
            while (list.Count < 200 && tok.ReadRecord(fields)) list.Add(fields.ToArray());
        }
        catch (DataFormatException)
        {
            // The sample may cut a quoted field; judge on the records before it.
            return list;
        }
        if (!complete && list.Count > 1) list.RemoveAt(list.Count - 1);   // probably cut off mid-record
        return list;
    }
}
