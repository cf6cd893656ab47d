using System.Text.Json;

namespace Nabla.NN.Tests;

/// <summary>Reads the golden JSON files written by tests/reference/make_golden.py (PyTorch 1.13).</summary>
internal static class Golden
{
    private static readonly Dictionary<string, JsonDocument> Cache = new(StringComparer.Ordinal);

    public static JsonElement Load(string file)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(file, out var doc))
            {
                string path = Path.Combine(AppContext.BaseDirectory, "golden", file);
                doc = JsonDocument.Parse(File.ReadAllText(path));
                Cache[file] = doc;
            }
            return doc.RootElement;
        }
    }

    /// <summary>The names of the cases of a file, for [MemberData].</summary>
    public static TheoryData<string> CaseNames(string file)
    {
        var data = new TheoryData<string>();
        foreach (var c in Load(file).GetProperty("cases").EnumerateArray())
        {
            data.Add(c.GetProperty("name").GetString()!);
        }
        return data;
    }

    public static JsonElement Case(string file, string name) =>
        Load(file).GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    /// <summary>A {"shape", "data"} object as a tensor.</summary>
    public static Tensor Tensor(JsonElement e) =>
        Nabla.Tensor.FromArray(Floats(e.GetProperty("data")), e.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray());

    public static float[] Floats(JsonElement array) => array.EnumerateArray().Select(v => v.GetSingle()).ToArray();

    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static float Float(JsonElement e, string property, float fallback)
    {
        return e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetSingle() : fallback;
    }

    public static bool Bool(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.True;
}

/// <summary>Closeness checks that report the worst element.</summary>
internal static class Close
{
    /// <summary>
    /// Asserts |actual - expected| &lt;= rel * max(|expected|, floor) element-wise. The floor (default 1e-3 of
    /// the largest |expected|) keeps values that are zero up to rounding from demanding infinite relative precision.
    /// </summary>
    public static void All(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double rel, string what, double? floor = null)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: expected {expected.Length} values, got {actual.Length}");
        double maxAbs = 0;
        foreach (float v in expected)
        {
            maxAbs = Math.Max(maxAbs, Math.Abs(v));
        }
        double f = floor ?? Math.Max(maxAbs * 1e-3, 1e-30);
        int worst = -1;
        double worstErr = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double err = Math.Abs((double)actual[i] - expected[i]) / Math.Max(Math.Abs(expected[i]), f);
            if (!(err <= worstErr) || worst < 0)
            {
                worstErr = err;
                worst = i;
            }
        }
        if (expected.Length > 0)
        {
            Assert.True(worstErr <= rel,
                $"{what}: element {worst} is {actual[worst]:R}, expected {expected[worst]:R} (relative error {worstErr:E2} > {rel:E0})");
        }
    }

    public static void All(float[] expected, Tensor actual, double rel, string what, double? floor = null) =>
        All(expected, actual.AsSpan(), rel, what, floor);

    public static void Scalar(double expected, double actual, double rel, string what)
    {
        double err = Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), 1e-30);
        Assert.True(err <= rel || actual == expected, $"{what}: got {actual:R}, expected {expected:R} (relative error {err:E2} > {rel:E0})");
    }
}
