using System.IO.Compression;
using System.Text;
using Nabla.Fuzzing;
using Nabla.NN.Data;
using Nabla.NN.Serialization;

namespace Nabla.NN.Tests.Fuzz;

/// <summary>
/// The Nabla.NN readers as fuzz targets, each with valid seed files. Every one documents a single exception type for
/// bad content, <see cref="DataFormatException"/>. Inputs with an odd length are fed through a non-seekable stream, so
/// both the "check against the file length" and the "grow with the bytes present" paths are attacked.
/// </summary>
internal static class DataTargets
{
    private static readonly Type[] DataError = [typeof(DataFormatException)];

    private static Stream Open(byte[] data) => data.Length % 2 == 0 ? new MemoryStream(data, writable: false) : new NonSeekableStream(data);

    private static byte[] Gzip(byte[] raw)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(raw);
        return ms.ToArray();
    }

    private static readonly string[] CsvTexts =
    [
        "sepal_length,sepal_width,species\n5.1,3.5,setosa\n4.9,3.0,setosa\n6.2,2.9,versicolor\n7.7,3.8,virginica\n",
        "name,comment,y\n\"a, b\",\"he said \"\"hi\"\"\",1\n\"multi\nline\",x,0\nplain,\"\",1\n",
        "a;b;c\n1,5;2;3\n4;5;6\n-7,25;8e3;9\n",
        "1 2 3\n4 5 6\n7  8\t9\n",
        "\uFEFFx|y|t\r\n1|2|a\r\n3|4|b\r\n",
        "x,y,label\n1,NA,a\n?,2,b\n3,4,a\n5,,b\n",
        "age\tincome\tclass\n25\t50000\tyes\n32\t64000.5\tno\n47\t\tyes\n",
        // Dates (expanded into parts), a categorical with a gap and a regression target (standardised: "scale" in the JSON).
        "when,city,price\n2024-03-15,Oslo,12.5\n2024-03-16T08:30,Rome,13.75\n2024/03/17,,9.125\n2024-03-18 23:59:59.5+02:00,Oslo,10.5\n2024-02-29,Rome,11.0625\n",
    ];

    // Every missing-value policy, chosen by the input length (the strict one rejects early, the others reach the encoder).
    private static MissingValuePolicy Policy(int length) => (length % 6) switch
    {
        0 => MissingValuePolicy.ImputeMean,
        1 => MissingValuePolicy.ImputeMedian,
        2 => MissingValuePolicy.ImputeMostFrequent,
        3 => MissingValuePolicy.ImputeConstant,
        _ => MissingValuePolicy.Error,
    };

    public static FuzzTarget Csv()
    {
        var seeds = CsvTexts.Select(Encoding.UTF8.GetBytes).ToList();
        seeds.Add(Gzip(seeds[0]));
        return new FuzzTarget("csv", data =>
        {
            // The whole path a `nabla train --data file.csv` takes: tokenise, fit the encoding, encode.
            var table = CsvTable.Read(Open(data), new CsvOptions { MaxRecordLength = 1 << 14 });
            var pre = Preprocessor.Fit(table, new PreprocessorOptions { MissingValues = Policy(data.Length) });
            // A table the preprocessor was fitted on must encode: a rejection now would be one Fit should have made.
            EncodedTable whole;
            try { whole = pre.Transform(table); }
            catch (DataFormatException e) { throw new Xunit.Sdk.XunitException($"fitted on this table, the preprocessor cannot encode it: {e.Message}"); }
            // And the streaming reader over the same bytes, as prediction uses it: it must encode the same rows to the
            // same numbers (a crash-only check would let the two readers silently disagree).
            var source = CsvSource.FromStreams(() => new MemoryStream(data, writable: false), options: new CsvOptions { MaxRecordLength = 1 << 14 });
            StreamedMatchesWhole(whole, source, pre);
        }, DataError, seeds, ["\"", "\"\"", "\",\"", "\"\n\"", ",", ";", "\t", "|", "  ", "\n", "\r\n", "NA", "?", "1e308", "-", "abc"],
        AllocationBase: 8 << 20, AllocationPerByte: 400);
    }

    /// <summary>Encodes <paramref name="source"/> in batches of 7 and checks every row against <paramref name="whole"/>.</summary>
    private static void StreamedMatchesWhole(EncodedTable whole, CsvSource source, Preprocessor pre)
    {
        int w = whole.FeatureCount, row = 0;
        try
        {
            foreach (var batch in pre.TransformBatches(source, 7))
            {
                if (row + batch.RowCount > whole.RowCount)
                    throw new Xunit.Sdk.XunitException($"streaming gave more rows than the whole table ({whole.RowCount})");
                if (!batch.Features.AsSpan(0, batch.RowCount * w).SequenceEqual(whole.Features.AsSpan(row * w, batch.RowCount * w))
                    || !(batch.Targets ?? []).AsSpan(0, batch.Targets is null ? 0 : batch.RowCount).SequenceEqual((whole.Targets ?? []).AsSpan(row, whole.Targets is null ? 0 : batch.RowCount)))
                    throw new Xunit.Sdk.XunitException($"streamed rows {row}..{row + batch.RowCount} (from line {batch.FirstLine}) encode differently from the whole table");
                row += batch.RowCount;
            }
        }
        catch (DataFormatException e)
        {
            throw new Xunit.Sdk.XunitException($"the whole table encoded but streaming the same bytes failed at row {row}: {e.Message}");
        }
        if (row != whole.RowCount)
            throw new Xunit.Sdk.XunitException($"streaming gave {row} rows, the whole table {whole.RowCount}");
    }

    public static FuzzTarget PreprocessorJson()
    {
        var seeds = new List<byte[]>();
        foreach (var (text, i) in CsvTexts.Select((t, i) => (t, i)))
        {
            try
            {
                var t = CsvTable.Parse(text);
                seeds.Add(Encoding.UTF8.GetBytes(Preprocessor.Fit(t, new PreprocessorOptions { MissingValues = Policy(i) }).ToJson()));
            }
            catch (DataFormatException) { /* a seed CSV the preprocessor rejects gives no JSON seed */ }
        }
        return new FuzzTarget("preprocessor-json", data =>
            {
                // What was accepted must save and load back to the same description (a model folder is written this way).
                var pre = Preprocessor.FromJson(Encoding.UTF8.GetString(data));
                // Fill values are claims too: an accepted preprocessor must encode a missing value with its own fill, or
                // a bad fill would be blamed on the data file being predicted.
                if (pre.Features.All(f => f.FillValue is not null))
                {
                    try { pre.TransformFeatures(new AllMissingRow(pre.SourceColumns, pre.SourceHasHeader)); }
                    catch (DataFormatException e) { throw new Xunit.Sdk.XunitException($"an accepted preprocessor cannot encode a missing value with its own fill: {e.Message}"); }
                }
                string json = pre.ToJson();
                string again;
                try { again = Preprocessor.FromJson(json).ToJson(); }
                catch (DataFormatException e) { throw new Xunit.Sdk.XunitException($"an accepted preprocessor, saved, does not load: {e.Message}\n{json}"); }
                if (again != json) throw new Xunit.Sdk.XunitException($"saving and loading changed the preprocessor:\n{json}\n{again}");
            },
            DataError, seeds, ["{", "}", "[", "]", ":", ",", "null", "true", "\"kind\"", "\"numeric\"", "\"categorical\"", "-1", "1e400", "[[[[[[[[[[", "\"\\u0000\""],
            AllocationBase: 4 << 20, AllocationPerByte: 200);
    }

    /// <summary>One row, every field empty (missing), laid out as the columns a preprocessor was fitted on.</summary>
    private sealed class AllMissingRow(IReadOnlyList<string> columns, bool hasHeader) : ICsvRows
    {
        public string? SourceName => "all-missing row";
        public IReadOnlyList<string> ColumnNames => columns;
        public bool HasHeader => hasHeader;
        public IEnumerable<CsvRow> EnumerateRows() => [new CsvRow(2, Enumerable.Repeat("", columns.Count).ToArray())];
    }

    private static byte[] IdxFile(int magic, int[] dims)
    {
        var b = new List<byte> { 0, 0, (byte)(magic >> 8), (byte)magic };
        long n = 1;
        foreach (int d in dims)
        {
            b.AddRange(new[] { (byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d });
            n *= d;
        }
        for (int i = 0; i < n; i++) b.Add((byte)(i * 37));
        return b.ToArray();
    }

    public static FuzzTarget Idx()
    {
        byte[] images = IdxFile(Nabla.NN.Data.Idx.ImagesMagic, [3, 4, 5]), labels = IdxFile(Nabla.NN.Data.Idx.LabelsMagic, [9]);
        byte[] cube = IdxFile(0x804, [2, 2, 3, 2]);
        return new FuzzTarget("idx", data =>
        {
            var a = Nabla.NN.Data.Idx.Read(Open(data));
            if (a.Dims.Length == 3) Nabla.NN.Data.Idx.ReadImages(Open(data));
            if (a.Dims.Length == 1) Nabla.NN.Data.Idx.ReadLabels(Open(data), numClasses: 10);
        }, DataError, [images, labels, cube, Gzip(images), Gzip(labels)], [],
        // A gzip input may legitimately expand; the reader's own limit (1 GiB) is far above this bound, so the bound
        // is what proves the claim "a lying header cannot make us allocate".
        AllocationBase: 4 << 20, AllocationPerByte: 1100);
    }

    public static FuzzTarget SafeTensorsFile()
    {
        var rng = new Rng(5);
        byte[] a = SafeTensors.ToBytes([new StoredTensor("0.weight", [3, 2], [1, 2, 3, 4, 5, 6]), new StoredTensor("0.bias", [3], [0.5f, -1, 2])],
            new Dictionary<string, string> { ["format"] = "pt", ["nabla.model"] = "Sequential(Dense(2 -> 3))" });
        byte[] b = SafeTensors.ToBytes([new StoredTensor("scalar", [], [3.25f]), new StoredTensor("empty", [0, 4], [])]);
        byte[] c = SafeTensors.ToBytes([new StoredTensor("w", [4, 4], Tensor.Randn(rng, 16).ToArray())]);
        return new FuzzTarget("safetensors", data =>
            {
                // A file that reads must write back (a loaded model is saved again as a checkpoint) to the same tensors.
                var file = SafeTensors.Read(Open(data));
                byte[] bytes;
                try { bytes = SafeTensors.ToBytes(file.Tensors, file.Metadata); }
                catch (ArgumentException e) { throw new Xunit.Sdk.XunitException($"a file that reads does not write back: {e.Message}"); }
                var again = SafeTensors.Read(new MemoryStream(bytes));
                if (!again.Metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal).SequenceEqual(file.Metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal)))
                    throw new Xunit.Sdk.XunitException("writing and reading back changed the metadata");
                var byName = again.Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
                foreach (var t in file.Tensors)
                    if (!byName.TryGetValue(t.Name, out var u) || !u.Shape.AsSpan().SequenceEqual(t.Shape)
                        || !System.Runtime.InteropServices.MemoryMarshal.AsBytes(u.Data.AsSpan()).SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(t.Data.AsSpan())))
                        throw new Xunit.Sdk.XunitException($"writing and reading back changed tensor '{t.Name}'");
                if (byName.Count != file.Tensors.Count) throw new Xunit.Sdk.XunitException("writing and reading back changed the tensor count");
            },
            DataError, [a, b, c], ["\"dtype\"", "\"F32\"", "\"F16\"", "\"shape\"", "\"data_offsets\"", "[0,4294967296]", "[18446744073709551615]",
                "\"__metadata__\"", "{", "}", "[", "]", ",", ":", "-1", "1e99"],
            AllocationBase: 2 << 20, AllocationPerByte: 40);
    }

    public static IEnumerable<FuzzTarget> All() => [Csv(), PreprocessorJson(), Idx(), SafeTensorsFile()];
}
