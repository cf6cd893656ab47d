using System.Globalization;

namespace Nabla.NN.Data;

/// <summary>The detected (or given) shape of a delimited file: delimiter, quote and whether it has a header.</summary>
/// <param name="Delimiter">Field delimiter, or <see cref="CsvOptions.Whitespace"/> for runs of blanks.</param>
/// <param name="Quote">Quote character.</param>
/// <param name="HasHeader">Whether the first record holds column names.</param>
public sealed record CsvDialect(char Delimiter, char Quote, bool HasHeader)
{
    /// <summary>The text encoding the file was read with (null when not read from bytes).</summary>
    public System.Text.Encoding? Encoding { get; init; }

    /// <summary>True when <see cref="Encoding"/> was detected rather than given.</summary>
    public bool EncodingDetected { get; init; }

    /// <summary>The numbers' decimal separator: '.' or ',' (see <see cref="CsvOptions.DecimalSeparator"/>).</summary>
    public char DecimalSeparator { get; init; } = '.';

    /// <summary>True when a ',' <see cref="DecimalSeparator"/> was detected rather than given.</summary>
    public bool DecimalDetected { get; init; }

    /// <summary>With a '.' separator given explicitly, thousands commas (<c>1,234.5</c>) are removed.</summary>
    public bool ThousandsCommas { get; init; }

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
        var records = Records(sample, complete, delimiter, options);
        bool decimalComma = options.DecimalSeparator is null && delimiter != ',' && HasDecimalCommaColumn(records);
        if (decimalComma || options.DecimalSeparator == ',')
        {
            // Judge the header on the numbers as they will be read.
            var formats = NumberFormats.For(new CsvDialect(delimiter, options.Quote, false) { DecimalSeparator = ',' })!;
            records = records.Select(r => r.Select(formats.Normalize).ToArray()).ToList();
        }
        bool header = options.HasHeader ?? DetectHeader(records);
        return new CsvDialect(delimiter, options.Quote, header)
        {
            DecimalSeparator = decimalComma ? ',' : options.DecimalSeparator ?? '.',
            DecimalDetected = decimalComma,
            ThousandsCommas = options.DecimalSeparator == '.',
        };
    }

    /// <summary>Some column holds, below the first record, only numbers written with a decimal comma (at least one with a comma).</summary>
    private static bool HasDecimalCommaColumn(List<string[]> recs)
    {
        if (recs.Count < 2) return false;
        for (int j = 0; j < recs[0].Length; j++)
        {
            var below = recs.Skip(1).Where(r => j < r.Length && r[j].Trim().Length > 0).Select(r => r[j].Trim()).ToList();
            if (below.Count > 0 && below.Any(v => v.Contains(',')) && below.All(v => NumberFormats.DecimalComma().IsMatch(v))) return true;
        }
        return false;
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
        bool anyNumericColumn = false, numbersLookLikeNames = true;
        for (int j = 0; j < first.Length; j++)
        {
            var below = recs.Skip(1).Where(r => j < r.Length && r[j].Length > 0).Select(r => r[j]).ToList();
            if (below.Count == 0 || !below.All(IsNumber)) continue;
            anyNumericColumn = true;
            if (!IsNumber(first[j]) && first[j].Length > 0) return true;
            numbersLookLikeNames &= LooksLikeName(first[j], below);
        }
        // Numeric-looking names (2019,2020,label): every numeric column's first value is an integer unlike its column
        // (outside its range, or the column holds fractions), and every text column's first value is new to it.
        if (anyNumericColumn && numbersLookLikeNames && first.Distinct().Count() == first.Length && TextColumnsLookLikeNames(recs)) return true;
        if (anyNumericColumn) return false;
        // All text: a header's names do not reappear as values in their columns.
        for (int j = 0; j < first.Length; j++)
            if (first[j].Length == 0 || recs.Skip(1).Any(r => j < r.Length && r[j] == first[j])) return false;
        return true;
    }

    private static bool LooksLikeName(string first, List<string> below)
    {
        if (!long.TryParse(first, NumberStyles.Integer, CultureInfo.InvariantCulture, out long name)) return false;
        var values = below.Select(v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)).ToList();
        return values.Any(v => v != Math.Floor(v)) || name < values.Min() || name > values.Max();
    }

    private static bool TextColumnsLookLikeNames(List<string[]> recs)
    {
        string[] first = recs[0];
        bool anyText = false;
        for (int j = 0; j < first.Length; j++)
        {
            var below = recs.Skip(1).Where(r => j < r.Length && r[j].Length > 0).Select(r => r[j]).ToList();
            if (below.All(IsNumber)) continue;
            anyText = true;
            if (first[j].Length == 0 || below.Contains(first[j])) return false;
        }
        return anyText;
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
