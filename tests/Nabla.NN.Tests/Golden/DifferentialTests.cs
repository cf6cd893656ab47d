using System.Text;
using System.Text.Json;

namespace Nabla.NN.Tests;

/// <summary>
/// The differential test against PyTorch 1.13 (issue 18): every case of golden/differential.json, written by
/// tests/reference/make_differential.py, replayed through Nabla in float32 without PyTorch. Values and gradients
/// must meet the float64 (or float32) PyTorch result within the case's tolerance; documented deviations (tie
/// rules) are checked against the values Nabla specifies, stored next to PyTorch's.
/// </summary>
public class DifferentialTests
{
    private const string File = "differential.json";
    private const string LongK = "long_k_matmul_100000";

    private static IEnumerable<JsonElement> Cases => Golden.Load(File).GetProperty("cases").EnumerateArray();

    [Fact]
    public void Differential_AtLeastAThousandCases_AllMatchPyTorch()
    {
        var failures = new List<string>();
        int count = 0;
        foreach (var c in Cases)
        {
            string name = c.GetProperty("n").GetString()!;
            if (name == LongK) continue;
            count++;
            try
            {
                if (c.TryGetProperty("sched", out _)) CheckSchedule(c, failures);
                else Check(c, failures);
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                failures.Add($"{name}: {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.True(count >= 1000, $"only {count} cases");
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} cases differ from PyTorch:\n" + string.Join("\n", failures.Take(40)));
    }

    /// <summary>MatMul over k = 100,000: needs the GEMM's k-chain summed in blocks (the GEMM's side of issue 18 defect 10).</summary>
    [Fact]
    public void Differential_MatMulLongK_MatchesPyTorch()
    {
        var failures = new List<string>();
        Check(Cases.Single(c => c.GetProperty("n").GetString() == LongK), failures);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static void Check(JsonElement c, List<string> failures)
    {
        string name = c.GetProperty("n").GetString()!;
        var (output, inputs) = DifferentialProgram.Run(c);
        bool deviation = c.TryGetProperty("dev", out _);
        double rt = c.TryGetProperty("rt", out var r) ? r.GetDouble() : 1e-5;
        var y32 = DifferentialProgram.Numbers(c.GetProperty(deviation ? "ny" : "y"));
        var y64 = c.TryGetProperty("y64", out var y64e) && !deviation ? DifferentialProgram.Numbers(y64e) : y32;
        Compare($"{name} value", output.ToArray(), y32, y64, rt, failures);
        var leaves = inputs.Where(t => t.RequiresGrad).ToArray();
        if (leaves.Length == 0) return;
        var go = Tensor.FromBuffer(DifferentialProgram.Numbers(c.GetProperty("go")), output.Shape);
        output.Backward(go);
        var g32 = c.GetProperty(deviation ? "ng" : "g").EnumerateArray().Select(DifferentialProgram.Numbers).ToArray();
        var g64 = c.TryGetProperty("g64", out var g64e) && !deviation ? g64e.EnumerateArray().Select(DifferentialProgram.Numbers).ToArray() : g32;
        for (int i = 0; i < leaves.Length; i++)
        {
            var grad = leaves[i].Grad?.ToArray() ?? new float[leaves[i].Size];
            Compare($"{name} gradient {i}", grad, g32[i], g64[i], rt, failures);
        }
    }

    private static void CheckSchedule(JsonElement c, List<string> failures)
    {
        var expected = c.GetProperty("lrs").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var actual = DifferentialProgram.Schedule(c);
        for (int e = 0; e < expected.Length; e++)
            if (Math.Abs(actual[e] - expected[e]) > 1e-6 * Math.Abs(expected[e]))
            {
                failures.Add($"{c.GetProperty("n").GetString()}: epoch {e} lr {actual[e]:R}, PyTorch {expected[e]:R}");
                return;
            }
    }

    /// <summary>
    /// Element i passes when |actual - ref| &lt;= rt (|ref| + 0.1 max|ref|) for ref the float64 or the float32 result;
    /// NaN must meet NaN and an infinity the same infinity.
    /// </summary>
    private static void Compare(string what, float[] actual, float[] ref32, float[] ref64, double rt, List<string> failures)
    {
        if (actual.Length != ref32.Length)
        {
            failures.Add($"{what}: {actual.Length} values, PyTorch {ref32.Length}");
            return;
        }
        double Scale(float[] r) => r.Where(float.IsFinite).Select(v => (double)Math.Abs(v)).DefaultIfEmpty(0).Max();
        double s32 = Scale(ref32), s64 = Scale(ref64);
        for (int i = 0; i < actual.Length; i++)
        {
            if (Meets(actual[i], ref64[i], rt, s64) || Meets(actual[i], ref32[i], rt, s32)) continue;
            failures.Add(new StringBuilder($"{what}[{i}]: Nabla {actual[i]:R}, PyTorch float32 {ref32[i]:R}, float64 {ref64[i]:R}").ToString());
            return;
        }
    }

    private static bool Meets(float actual, float expected, double rt, double scale)
    {
        if (float.IsNaN(expected) || float.IsNaN(actual)) return float.IsNaN(expected) && float.IsNaN(actual);
        if (float.IsInfinity(expected) || float.IsInfinity(actual)) return actual == expected;
        return Math.Abs((double)actual - expected) <= rt * (Math.Abs((double)expected) + 0.1 * scale);
    }
}
