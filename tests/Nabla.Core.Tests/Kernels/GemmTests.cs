using Nabla.Kernels;

namespace Nabla.Tests.Kernels;

public class GemmTests
{
    /// <summary>Every instruction set this CPU can run (the fallbacks are tested here too, not only the best).</summary>
    private static readonly GemmIsa[] Isas =
        GemmIsaDetection.All.Where(GemmIsaDetection.IsSupported).ToArray();

    // transA, transB, m, n, k, accumulate, extra stride padding. Sizes cover 1, primes, the register tile
    // (6 rows x 16/64 columns) +-1, the in-place-B row limit (96), KC = 256 +-1, NC = 512 + a bit, and the
    // narrow path (n <= 16, 12-row blocks, partial last block) with k over many KC slices.
    public static TheoryData<bool, bool, int, int, int, bool, int> Shapes()
    {
        var data = new TheoryData<bool, bool, int, int, int, bool, int>();
        (int m, int n, int k)[] shapes =
        [
            (1, 1, 1), (1, 7, 3), (5, 1, 11), (6, 16, 1), (7, 17, 13), (13, 63, 31), (6, 64, 64), (12, 65, 257),
            (97, 10, 128), (64, 10, 130), (31, 129, 256), (2, 521, 17), (101, 67, 300), (3, 3, 600), (25, 16, 40), (3, 5, 9300),
        ];
        int row = 0;
        foreach (var (m, n, k) in shapes)
            foreach (bool ta in new[] { false, true })
                foreach (bool tb in new[] { false, true })
                {
                    data.Add(ta, tb, m, n, k, row % 3 == 1, row % 2 == 0 ? 0 : 5);
                    row++;
                }
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Multiply_RandomShapes_MatchesDoubleReference(bool transA, bool transB, int m, int n, int k,
        bool accumulate, int pad)
    {
        var rng = new Random(m * 7919 + n * 104729 + k * 31 + (transA ? 1 : 0) + (transB ? 2 : 0));
        var (a, lda) = RandomMatrix(rng, transA ? k : m, transA ? m : k, pad);
        var (b, ldb) = RandomMatrix(rng, transB ? n : k, transB ? k : n, pad);
        var (c0, ldc) = RandomMatrix(rng, m, n, pad);
        foreach (GemmIsa isa in Isas)
        {
            float[] c = (float[])c0.Clone();
            Gemm.Multiply(isa, 1, transA, transB, m, n, k, a, lda, b, ldb, c, ldc, accumulate);
            AssertMatchesReference(transA, transB, m, n, k, a, lda, b, ldb, c0, c, ldc, accumulate, isa);
        }
    }

    [Theory]
    [InlineData(false, false, 150, 130, 70)]   // packed B (m > 96), split over columns or rows
    [InlineData(false, true, 64, 256, 784)]    // MLP layer 1 forward, X · W^T
    [InlineData(true, false, 256, 784, 64)]    // MLP layer 1 weight gradient, dY^T · X
    [InlineData(false, false, 64, 784, 256)]   // MLP layer 1 input gradient, dY · W (B in place)
    [InlineData(true, true, 201, 77, 301)]
    [InlineData(false, true, 2000, 10, 128)]   // narrow path (n <= 16), split over 12-row blocks
    public void Multiply_LargeEnoughToThread_BitwiseIndependentOfThreadCount(bool transA, bool transB, int m, int n, int k)
    {
        Assert.True(2.0 * m * n * k >= 2e6, "the case must be above the threading threshold");
        var rng = new Random(12345);
        var (a, lda) = RandomMatrix(rng, transA ? k : m, transA ? m : k, 3);
        var (b, ldb) = RandomMatrix(rng, transB ? n : k, transB ? k : n, 0);
        var (c0, ldc) = RandomMatrix(rng, m, n, 1);
        foreach (GemmIsa isa in Isas)
        {
            float[] one = (float[])c0.Clone(), two = (float[])c0.Clone(), three = (float[])c0.Clone();
            Gemm.Multiply(isa, 1, transA, transB, m, n, k, a, lda, b, ldb, one, ldc, accumulate: true);
            Gemm.Multiply(isa, 2, transA, transB, m, n, k, a, lda, b, ldb, two, ldc, accumulate: true);
            Gemm.Multiply(isa, 3, transA, transB, m, n, k, a, lda, b, ldb, three, ldc, accumulate: true);
            Assert.Equal(one, two);
            Assert.Equal(one, three);
            AssertMatchesReference(transA, transB, m, n, k, a, lda, b, ldb, c0, two, ldc, true, isa);
        }
    }

    [Fact]
    public void Multiply_PublicEntryWithMaxThreadsOneAndTwo_GivesIdenticalBits()
    {
        const int m = 130, n = 200, k = 300;
        var rng = new Random(7);
        var (a, _) = RandomMatrix(rng, m, k, 0);
        var (b, _) = RandomMatrix(rng, k, n, 0);
        float[] one = new float[m * n], two = new float[m * n];
        int saved = Threading.MaxThreads;
        try
        {
            Threading.MaxThreads = 1;
            Gemm.Multiply(false, false, m, n, k, a, k, b, n, one, n);
            Threading.MaxThreads = 2;
            Gemm.Multiply(false, false, m, n, k, a, k, b, n, two, n);
        }
        finally { Threading.MaxThreads = saved; }
        Assert.Equal(one, two);
    }

    [Theory]
    [InlineData(false, true, 64, 256, 784)]
    [InlineData(true, false, 256, 784, 64)]
    [InlineData(false, true, 64, 10, 128)]
    public void Multiply_SteadyState_AllocatesNothing(bool transA, bool transB, int m, int n, int k)
    {
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
        int lda = transA ? m : k, ldb = transB ? k : n;
        for (int warm = 0; warm < 3; warm++)
            Gemm.Multiply(GemmIsaDetection.Best, 2, transA, transB, m, n, k, a, lda, b, ldb, c, n);
        // NOTE: the runtime may allocate on this thread while tiered JIT re-compiles a hot method: keep the quietest round.
        long allocated = long.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++)
                Gemm.Multiply(GemmIsaDetection.Best, 2, transA, transB, m, n, k, a, lda, b, ldb, c, n);
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Multiply_HandWorked2x2_IsExact()
    {
        // [1 2; 3 4] · [5 6; 7 8] = [1·5+2·7, 1·6+2·8; 3·5+4·7, 3·6+4·8] = [19 22; 43 50]
        float[] c = new float[4];
        Gemm.Multiply(false, false, 2, 2, 2, [1, 2, 3, 4], 2, [5, 6, 7, 8], 2, c, 2);
        Assert.Equal(new float[] { 19, 22, 43, 50 }, c);
        // A^T · B with A = [1 3; 2 4] stored, so op(A) is the same [1 2; 3 4]; accumulate onto the result.
        Gemm.Multiply(true, false, 2, 2, 2, [1, 3, 2, 4], 2, [5, 6, 7, 8], 2, c, 2, accumulate: true);
        Assert.Equal(new float[] { 38, 44, 86, 100 }, c);
    }

    [Fact]
    public void Multiply_KIsZero_ClearsOrKeepsC()
    {
        float[] c = [1, 2, 3, 4, 5, 6];
        Gemm.Multiply(false, false, 2, 3, 0, [], 1, [], 3, c, 3, accumulate: true);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, c);
        Gemm.Multiply(false, false, 2, 3, 0, [], 1, [], 3, c, 3);
        Assert.Equal(new float[6], c);
    }

    [Fact]
    public void Multiply_StridePaddingOfC_LeavesPaddingUntouched()
    {
        const int m = 9, n = 70, k = 20, ldc = 75;
        var rng = new Random(3);
        var (a, _) = RandomMatrix(rng, m, k, 0);
        var (b, _) = RandomMatrix(rng, k, n, 0);
        float[] c = Enumerable.Repeat(-7f, m * ldc).ToArray();
        Gemm.Multiply(false, false, m, n, k, a, k, b, n, c, ldc);
        for (int i = 0; i < m; i++)
            for (int j = n; j < ldc && i * ldc + j < c.Length; j++)
                Assert.Equal(-7f, c[i * ldc + j]);
    }

    [Theory]
    [InlineData(false, 3, 4, 5, 11, 5, 20, 4, 4, 12, "needs 15 floats; the span holds 11")]
    [InlineData(false, 3, 4, 5, 15, 4, 20, 4, 4, 12, "lda must be at least 5; got 4")]
    [InlineData(true, 3, 4, 5, 14, 3, 20, 4, 4, 12, "A is stored transposed as [k=5, m=3] with row stride 3, which needs 15")]
    [InlineData(false, 3, 4, 5, 15, 5, 20, 4, 4, 11, "C is stored as [m=3, n=4]")]
    [InlineData(false, 3, 4, 5, 15, 5, 19, 4, 4, 12, "B is stored as [k=5, n=4]")]
    public void Multiply_BadShapeOrStride_ThrowsNamingTheProblem(bool transA, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int ldc, int cLength, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => Gemm.Multiply(transA, false, m, n, k,
            new float[aLength], lda, new float[bLength], ldb, new float[cLength], ldc));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void MaxThreads_BelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Threading.MaxThreads = 0);
        Assert.True(Threading.MaxThreads >= 1);
    }

    [Fact]
    public void LimitThisThread_CapsTheCallingThreadOnly_UntilDisposed()
    {
        int saved = Threading.MaxThreads;
        try
        {
            Threading.MaxThreads = 2;
            using (Threading.LimitThisThread(1))
            {
                Assert.Equal(1, Threading.MaxThreads);
                int elsewhere = 0;
                var other = new Thread(() => elsewhere = Threading.MaxThreads);
                other.Start();
                other.Join();
                Assert.Equal(2, elsewhere);   // another thread keeps the process's setting
                using (Threading.LimitThisThread(4)) Assert.Equal(2, Threading.MaxThreads);   // a cap never raises it
                Assert.Equal(1, Threading.MaxThreads);   // the inner scope restored the outer cap
            }
            Assert.Equal(2, Threading.MaxThreads);
            Assert.Throws<ArgumentOutOfRangeException>(() => Threading.LimitThisThread(0));
        }
        finally { Threading.MaxThreads = saved; }
    }

    private static (float[] Data, int Ld) RandomMatrix(Random rng, int rows, int cols, int pad)
    {
        int ld = Math.Max(1, cols + pad);
        var data = new float[Math.Max(0, (rows - 1) * ld + cols)];
        for (int i = 0; i < data.Length; i++) data[i] = (float)(rng.NextDouble() * 2 - 1);
        return (data, ld);
    }

    /// <summary>
    /// Compares with a double-precision sum. Bound: a float k-term dot product (and the added C) errs by at
    /// most about (k + 1)·u·Σ|terms| with u = 2^-24; a wrong index gives errors of the size of the terms.
    /// </summary>
    private static void AssertMatchesReference(bool transA, bool transB, int m, int n, int k,
        float[] a, int lda, float[] b, int ldb, float[] c0, float[] c, int ldc, bool accumulate, GemmIsa isa)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? c0[i * ldc + j] : 0, abs = Math.Abs(sum);
                for (int p = 0; p < k; p++)
                {
                    double t = (double)(transA ? a[p * lda + i] : a[i * lda + p]) * (transB ? b[j * ldb + p] : b[p * ldb + j]);
                    sum += t;
                    abs += Math.Abs(t);
                }
                double tol = (k + 2) * Math.Pow(2, -24) * abs + 1e-30;
                double err = Math.Abs(c[i * ldc + j] - sum);
                if (err > tol)
                    Assert.Fail($"{isa} transA={transA} transB={transB} m={m} n={n} k={k} accumulate={accumulate}: " +
                                $"C[{i},{j}] = {c[i * ldc + j]}, expected {sum} (error {err:g3} > {tol:g3}).");
            }
    }
}
