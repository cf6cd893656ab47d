using Nabla.Kernels;

namespace Nabla.Tests.Kernels;

/// <summary>
/// Issue 18 defect 10 (GEMM part): the k-chain is summed in blocks of 256 whose partial sums are added, so long
/// products keep float32 accuracy; and the result is the same bits for every cache blocking and thread count.
/// </summary>
public class GemmSummationTests
{
    private static readonly GemmIsa[] Isas = GemmIsaDetection.All.Where(GemmIsaDetection.IsSupported).ToArray();

    [Fact]
    public void MatMul_KOf100000_MatchesPyTorchTo1e6()
    {
        // PyTorch 1.13: torch.ones(1, 100000) @ torch.full((100000, 1), 0.1) = 10000.007; one chain gives 9998.557.
        Tensor a = Tensor.Ones(1, 100_000), b = Tensor.Full(0.1f, 100_000, 1);
        float r = a.MatMul(b).AsSpan()[0];
        double exact = 100_000 * (double)0.1f;
        Assert.True(Math.Abs(r - exact) <= 1e-6 * exact, $"ones·0.1 over k = 100,000 gave {r}, expected {exact} (PyTorch 10000.007).");
    }

    [Fact]
    public void WeightGradientShape_BatchOf300000_WithinOneMillionthRelative()
    {
        // dW [out, in] = dz^T [out, batch] · x [batch, in], dz stored [batch, out]: a Dense layer's weight gradient.
        const int batch = 300_000, outF = 2, inF = 3;
        var rng = new Random(18);
        float[] dz = new float[batch * outF], x = new float[batch * inF];
        for (int i = 0; i < dz.Length; i++) dz[i] = (float)rng.NextDouble() / batch;   // a mean loss's 1/N scale
        for (int i = 0; i < x.Length; i++) x[i] = (float)rng.NextDouble();              // ReLU outputs: >= 0
        foreach (GemmIsa isa in Isas)
        {
            float[] dw = new float[outF * inF];
            Gemm.Multiply(isa, 2, true, false, outF, inF, batch, dz, outF, x, inF, dw, inF);
            for (int o = 0; o < outF; o++)
                for (int j = 0; j < inF; j++)
                {
                    double exact = 0;
                    for (int p = 0; p < batch; p++) exact += (double)dz[p * outF + o] * x[p * inF + j];
                    double rel = Math.Abs(dw[o * inF + j] - exact) / exact;
                    Assert.True(rel <= 1e-6, $"{isa}: dW[{o},{j}] = {dw[o * inF + j]}, exact {exact}: relative error {rel:g3}.");
                }
        }
    }

    public static TheoryData<bool, bool, int, int, int> Shapes() => new()
    {
        { false, false, 150, 130, 1100 },   // packed B, several KC slices and sum blocks
        { false, true, 64, 300, 784 },      // MLP layer 1 forward, X · W^T
        { true, false, 40, 70, 1300 },      // weight gradient shape, B in place
        { false, true, 50, 10, 700 },       // narrow output (n <= 16)
        { true, false, 200, 900, 64 },      // shallow weight gradient: packed B, blocks widened for k < KC
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Multiply_AnyBlockingAndThreadCount_GivesIdenticalBits(bool transA, bool transB, int m, int n, int k)
    {
        var rng = new Random(m + n + k);
        float[] a = Random(rng, m * k), b = Random(rng, k * n), c0 = Random(rng, m * n);
        int lda = transA ? m : k, ldb = transB ? k : n;
        GemmBlocking?[] blockings = [null, new(256, 16), new(512, 48, 24), new(768, 200), new(1024, 4096), new(256, 384, 256)];
        foreach (GemmIsa isa in Isas)
        {
            float[]? first = null;
            foreach (GemmBlocking? blocking in blockings)
                foreach (int threads in new[] { 1, 2 })
                {
                    float[] c = (float[])c0.Clone();
                    Gemm.Multiply(isa, threads, transA, transB, m, n, k, a, lda, b, ldb, c, n, accumulate: true, blocking);
                    first ??= c;
                    Assert.True(first.AsSpan().SequenceEqual(c), $"{isa} blocking {blocking?.ToString() ?? "derived"}, {threads} threads: bits differ.");
                }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Multiply_EveryIsaPath_SameBitsAsTheScalarPath(bool transA, bool transB, int m, int n, int k)
    {
        // Issue 12 item 3: AVX-512 (where the CPU has it), AVX2, Vector128 (the ARM64 path), Vector<T> and scalar are
        // forced through the internal switch. Each C element is the same fused chains in the same order on every path.
        var rng = new Random(m * n + k);
        float[] a = Random(rng, m * k), b = Random(rng, k * n);
        int lda = transA ? m : k, ldb = transB ? k : n;
        float[] scalar = new float[m * n];
        Gemm.Multiply(GemmIsa.Scalar, 1, transA, transB, m, n, k, a, lda, b, ldb, scalar, n);
        foreach (GemmIsa isa in Isas)
        {
            // Vector<T> uses MultiplyAddEstimate: fused only where the hardware has FMA.
            if (isa == GemmIsa.Portable && !System.Runtime.Intrinsics.X86.Fma.IsSupported) continue;
            // AVX2 has several register tiles (the bench's gemm-variants compares them): each must give the same bits.
            foreach (Avx2Tile tile in isa == GemmIsa.Avx2 ? Enum.GetValues<Avx2Tile>() : [GemmTiles.DefaultAvx2])
            {
                float[] c = new float[m * n];
                Gemm.Multiply(isa, 2, transA, transB, m, n, k, a, lda, b, ldb, c, n, avx2Tile: tile);
                Assert.True(scalar.AsSpan().SequenceEqual(c), $"{isa} ({tile}) differs from the scalar path.");
            }
        }
    }

    [Fact]
    public void Isas_CoverEveryPath() =>
        Assert.Equal(Enum.GetValues<GemmIsa>().Order(), GemmIsaDetection.All.Order());

    [Fact]
    public void Multiply_InvalidBlocking_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Gemm.Multiply(GemmIsa.Portable, 1, false, false, 1, 1, 1,
            [1f], 1, [1f], 1, new float[1], 1, false, new GemmBlocking(300, 16)));
        Assert.Contains("multiple of 256", e.Message);
    }

    private static float[] Random(Random rng, int count)
    {
        var data = new float[count];
        for (int i = 0; i < data.Length; i++) data[i] = (float)(rng.NextDouble() * 2 - 1);
        return data;
    }
}
