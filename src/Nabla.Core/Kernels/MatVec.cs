using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Nabla.Kernels;

/// <summary>
/// Matrix-vector product against a row-major weight as a dense layer stores it: <c>y[j] = Σ_k W[j, k] x[k]</c>
/// (+ bias[j]) for W <c>[rows, cols]</c>, x <c>[cols]</c>, y <c>[rows]</c>. Batch-1 inference is this GEMV: no
/// packing (a GEMM's packing would cost more than the product), four rows per pass so each load of x feeds four
/// independent FMA chains. The limit is the bandwidth of streaming W; above <see cref="ParallelMinElements"/> the rows
/// are split across up to <see cref="Threading.MaxThreads"/> threads, so each core streams its share of W from its
/// own L2 (the MLP's 0.94 MB of weights do not fit one 1 MiB L2 next to everything else, but half of them do).
/// Each y[j] is computed by one thread in one fixed order, so results do not depend on the thread count.
/// </summary>
internal static class MatVec
{
    /// <summary>Below this many weights (rows x cols) the product runs on the calling thread.</summary>
    public const int ParallelMinElements = 1 << 16;

    /// <summary>Computes <c>y = W x</c> (+ <paramref name="bias"/> when not empty).</summary>
    /// <exception cref="ArgumentException">A span is shorter than its declared shape.</exception>
    public static unsafe void Multiply(ReadOnlySpan<float> w, int rows, int cols, ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y)
    {
        if (rows < 0 || cols < 0 || w.Length < (long)rows * cols || x.Length < cols || y.Length < rows
            || (!bias.IsEmpty && bias.Length < rows))
            throw new ArgumentException(
                $"MatVec: W [{rows}, {cols}] needs {(long)rows * cols} floats, x {cols}, y {rows}; got {w.Length}, {x.Length}, {y.Length} (bias {bias.Length}).");
        if (rows == 0) return;
        fixed (float* pw = w, px = x, pb = bias, py = y)
        {
            float* b = bias.IsEmpty ? null : pb;
            int threads = Threading.MaxThreads;
            if (threads > 1 && (long)rows * cols >= ParallelMinElements && rows >= 8)
            {
                var job = MatVecJob.ForCurrentThread();
                int parts = job.Prepare(pw, rows, cols, px, b, py, threads);
                if (KernelWorkers.TryRun(job, parts, threads)) return;
            }
            Rows(pw, cols, px, b, py, 0, rows);
        }
    }

    /// <summary>Rows <paramref name="j0"/> .. <paramref name="j1"/>-1 of y = W x + b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Rows(float* w, int cols, float* x, float* bias, float* y, int j0, int j1)
    {
        int j = j0;
        if (Vector512.IsHardwareAccelerated && cols >= 16)
        {
            int full = cols & ~15;
            for (; j <= j1 - 4; j += 4)
            {
                float* r0 = w + (long)j * cols, r1 = r0 + cols, r2 = r1 + cols, r3 = r2 + cols;
                Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
                for (int k = 0; k < full; k += 16)
                {
                    var xv = Vector512.Load(x + k);
                    a0 = Vector512.FusedMultiplyAdd(Vector512.Load(r0 + k), xv, a0);
                    a1 = Vector512.FusedMultiplyAdd(Vector512.Load(r1 + k), xv, a1);
                    a2 = Vector512.FusedMultiplyAdd(Vector512.Load(r2 + k), xv, a2);
                    a3 = Vector512.FusedMultiplyAdd(Vector512.Load(r3 + k), xv, a3);
                }
                float s0 = Vector512.Sum(a0), s1 = Vector512.Sum(a1), s2 = Vector512.Sum(a2), s3 = Vector512.Sum(a3);
                for (int k = full; k < cols; k++)
                {
                    float xk = x[k];
                    s0 += r0[k] * xk; s1 += r1[k] * xk; s2 += r2[k] * xk; s3 += r3[k] * xk;
                }
                y[j] = s0; y[j + 1] = s1; y[j + 2] = s2; y[j + 3] = s3;
            }
        }
        else if (Vector256.IsHardwareAccelerated && cols >= 8)
        {
            // The AVX2 path: the same four-row blocking on 8-float vectors.
            int full = cols & ~7;
            for (; j <= j1 - 4; j += 4)
            {
                float* r0 = w + (long)j * cols, r1 = r0 + cols, r2 = r1 + cols, r3 = r2 + cols;
                Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                for (int k = 0; k < full; k += 8)
                {
                    var xv = Vector256.Load(x + k);
                    a0 = Vector256.FusedMultiplyAdd(Vector256.Load(r0 + k), xv, a0);
                    a1 = Vector256.FusedMultiplyAdd(Vector256.Load(r1 + k), xv, a1);
                    a2 = Vector256.FusedMultiplyAdd(Vector256.Load(r2 + k), xv, a2);
                    a3 = Vector256.FusedMultiplyAdd(Vector256.Load(r3 + k), xv, a3);
                }
                float s0 = Vector256.Sum(a0), s1 = Vector256.Sum(a1), s2 = Vector256.Sum(a2), s3 = Vector256.Sum(a3);
                for (int k = full; k < cols; k++)
                {
                    float xk = x[k];
                    s0 += r0[k] * xk; s1 += r1[k] * xk; s2 += r2[k] * xk; s3 += r3[k] * xk;
                }
                y[j] = s0; y[j + 1] = s1; y[j + 2] = s2; y[j + 3] = s3;
            }
        }
        for (; j < j1; j++)
        {
            float* r = w + (long)j * cols;
            float s = 0;
            for (int k = 0; k < cols; k++) s += r[k] * x[k];
            y[j] = s;
        }
        if (bias is not null)
            for (j = j0; j < j1; j++) y[j] += bias[j];
    }
}

/// <summary>
/// A GEMV split into one block of rows (a multiple of 4) per thread. One part per thread, not more: the caller
/// claims part 0 first, so each core tends to stream the same rows every call and keeps them in its own L2.
/// </summary>
internal sealed unsafe class MatVecJob : IPartitionedJob
{
    [ThreadStatic] private static MatVecJob? _cached;
    private float* _w, _x, _bias, _y;
    private int _rows, _cols, _block;

    public static MatVecJob ForCurrentThread() => _cached ??= new MatVecJob();

    /// <summary>Sets the problem; returns the number of parts.</summary>
    public int Prepare(float* w, int rows, int cols, float* x, float* bias, float* y, int threads)
    {
        _w = w; _x = x; _bias = bias; _y = y; _rows = rows; _cols = cols;
        int parts = Math.Min(threads, (rows + 3) / 4);
        _block = ((rows + parts - 1) / parts + 3) & ~3;
        return (rows + _block - 1) / _block;
    }

    public void Execute(int part)
    {
        int j0 = part * _block, j1 = Math.Min(_rows, j0 + _block);
        MatVec.Rows(_w, _cols, _x, _bias, _y, j0, j1);
    }
}
