using System.Diagnostics;

namespace Nabla.NN.Tests;

/// <summary>
/// Issue 12: the non-GEMM kernels give the same bits on every ISA path. .NET picks a path when a method is compiled,
/// so narrower paths are forced in child processes (this assembly run with <c>--kernel-probe</c>) through the
/// runtime's switches: no AVX-512 (the AVX2 path), no AVX2 (128-bit vectors), no hardware intrinsics at all (scalar).
/// </summary>
public class IsaPathTests
{
    /// <summary>
    /// The results that may differ between ISA paths, and why; everything else must match bit for bit. Within 1e-5
    /// relative (to the larger of 1 and the value): the measured differences are 1e-6 and below.
    /// </summary>
    private static readonly Dictionary<string, string> WidthDependent = new()
    {
        ["sum"] = "reductions accumulate in as many lanes as the vector has, so the order of the additions follows the width",
        ["sum dim 1"] = "a reduction (see sum)",
        ["mean dim 1"] = "a reduction (see sum)",
        ["long sum"] = "a reduction (see sum)",
        ["softmax"] = "its denominator is a reduction",
        ["fused MLP step"] = "the bias gradients are reductions over the batch",
        ["sigmoid"] = "the scalar path uses MathF.Exp, the vector paths a vector exp (1 ulp apart)",
        ["sigmoid grad"] = "follows sigmoid",
    };

    [Theory]
    [InlineData("DOTNET_EnableAVX512F")]
    [InlineData("DOTNET_EnableAVX2")]
    [InlineData("DOTNET_EnableHWIntrinsic")]
    public async Task NonGemmKernels_NarrowerIsa_SameAsThisProcess(string switchOff)
    {
        var here = KernelProbe.Run();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(KernelProbe).Assembly.Location);
        start.ArgumentList.Add("--kernel-probe");
        start.Environment[switchOff] = "0";
        using var child = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Task<string> stderr = child.StandardError.ReadToEndAsync(timeout.Token);
        string stdout = await child.StandardOutput.ReadToEndAsync(timeout.Token);
        await child.WaitForExitAsync(timeout.Token);
        Assert.True(child.ExitCode == 0, $"probe failed ({child.ExitCode}): {await stderr}");
        var there = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse).ToList();
        Assert.Equal(here.Select(r => r.Name), there.Select(r => r.Name));
        var report = new List<string>();
        foreach (var ((name, mine), (_, theirs)) in here.Zip(there))
        {
            Assert.Equal(mine.Length, theirs.Length);
            double worst = 0;
            for (int i = 0; i < mine.Length; i++)
                worst = Math.Max(worst, Math.Abs((double)mine[i] - theirs[i]) / Math.Max(1.0, Math.Abs(mine[i])));
            if (worst > (WidthDependent.ContainsKey(name) ? 1e-5 : 0)) report.Add($"{name}: {worst:g3}");
        }
        Assert.True(report.Count == 0, $"{switchOff}=0 changes: {string.Join("; ", report)}");
    }

    private static (string Name, float[] Values) Parse(string line)
    {
        string[] parts = line.Split('|');
        return (parts[0], parts[1].Split(',').Select(h => BitConverter.Int32BitsToSingle(
            int.Parse(h, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture))).ToArray());
    }
}
