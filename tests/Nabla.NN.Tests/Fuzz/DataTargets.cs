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
    ];

    public static FuzzTarget Csv()
    {
        var seeds = CsvTexts.Select(Encoding.UTF8.GetBytes).ToList();
        seeds.Add(Gzip(seeds[0]));
        return new FuzzTarget("csv", data =>
        {
            // The whole path a `nabla train --data file.csv` takes: tokenise, fit the encoding, encode.
            var table = CsvTable.Read(Open(data), new CsvOptions { MaxRecordLength = 1 << 14 });
            // Both missing-value policies: the strict one rejects early, imputation reaches the encoder.
            var pre = Preprocessor.Fit(table, new PreprocessorOptions { MissingValues = data.Length % 3 == 0 ? MissingValuePolicy.ImputeMean : MissingValuePolicy.Error });
            pre.Transform(table);
            // And the streaming reader over the same bytes, as prediction uses it.
            var source = CsvSource.FromStreams(() => new MemoryStream(data, writable: false), options: new CsvOptions { MaxRecordLength = 1 << 14 });
            foreach (var _ in pre.TransformBatches(source, 7)) { }
        }, DataError, seeds, ["\"", "\"\"", "\",\"", "\"\n\"", ",", ";", "\t", "|", "  ", "\n", "\r\n", "NA", "?", "1e308", "-", "abc"],
        AllocationBase: 8 << 20, AllocationPerByte: 400);
    }

    public static FuzzTarget PreprocessorJson()
    {
        var seeds = new List<byte[]>();
        foreach (string text in CsvTexts)
        {
            try
            {
                var t = CsvTable.Parse(text);
                seeds.Add(Encoding.UTF8.GetBytes(Preprocessor.Fit(t, new PreprocessorOptions { MissingValues = MissingValuePolicy.ImputeMean }).ToJson()));
            }
            catch (DataFormatException) { /* a seed CSV the preprocessor rejects gives no JSON seed */ }
        }
        return new FuzzTarget("preprocessor-json", data => Preprocessor.FromJson(Encoding.UTF8.GetString(data)),
            DataError, seeds, ["{", "}", "[", "]", ":", ",", "null", "true", "\"kind\"", "\"numeric\"", "\"categorical\"", "-1", "1e400", "[[[[[[[[[[", "\"\\u0000\""],
            AllocationBase: 4 << 20, AllocationPerByte: 200);
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
        return new FuzzTarget("safetensors", data => SafeTensors.Read(Open(data)),
            DataError, [a, b, c], ["\"dtype\"", "\"F32\"", "\"F16\"", "\"shape\"", "\"data_offsets\"", "[0,4294967296]", "[18446744073709551615]",
                "\"__metadata__\"", "{", "}", "[", "]", ",", ":", "-1", "1e99"],
            AllocationBase: 2 << 20, AllocationPerByte: 40);
    }

    public static IEnumerable<FuzzTarget> All() => [Csv(), PreprocessorJson(), Idx(), SafeTensorsFile()];
}
