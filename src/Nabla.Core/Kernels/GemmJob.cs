using System.Numerics;
using System.Runtime.Intrinsics;

namespace Nabla.Kernels;

/// <summary>
/// One GEMM call split across threads: part p computes a contiguous range of whole register tiles, either a
/// column range (all rows) or a row range (all columns). Every C element belongs to exactly one part and is
/// computed with the same k order as on one thread, so the split never changes a bit of the result.
/// </summary>
internal sealed class GemmJob : IPartitionedJob
{
    [ThreadStatic] private static GemmJob? _cached;

    private GemmProblem _problem;
    private GemmIsa _isa;
    private Avx2Tile _avx2Tile;
    private int _parts;
    private bool _splitColumns;
    private bool _narrow;
    private int _unit;
    private int _units;

    /// <summary>The calling thread's reusable job (no allocation per GEMM call).</summary>
    public static GemmJob ForCurrentThread() => _cached ??= new GemmJob();

    /// <summary>
    /// Sets the problem and splits it into parts for up to <paramref name="threads"/> threads: one part per thread,
    /// each a contiguous range of whole tiles, claimed dynamically (a thread the OS has not scheduled yet claims
    /// nothing, and the caller runs its part). Returns the number of parts (1 when <paramref name="threads"/> is 1).
    /// </summary>
    /// <remarks>
    /// Two parts per thread (the split until 2026-11-30, for a busy machine) cost the k = 64 weight gradients
    /// 7-15% on 2 threads (`gemm-variants`, quiet AVX2 host): every part packs its own copy of A's panels and B's
    /// block, and those products are short enough for that to show. The other MLP and square shapes moved -3..+4%.
    /// </remarks>
    public int Prepare(in GemmProblem problem, GemmIsa isa, Avx2Tile avx2Tile, int threads)
    {
        _problem = problem;
        _isa = isa;
        _narrow = GemmNarrow.Applies(problem.N, isa);
        _avx2Tile = avx2Tile;
        int nr = GemmTiles.Width(isa, avx2Tile);
        int colTiles = (problem.N + nr - 1) / nr;
        int mr = _narrow ? GemmNarrow.Rows : GemmTiles.Rows(isa, avx2Tile);
        int rowPanels = (problem.M + mr - 1) / mr;
        // Columns whenever every thread can get a column tile: each part then packs only its own columns of B.
        // Rows otherwise (each part packs all of B, a small cost when B is that narrow). The narrow path is a
        // single 16-lane column strip, so it always splits rows.
        _splitColumns = !_narrow && colTiles >= threads;
        _unit = _splitColumns ? nr : mr;
        _units = _splitColumns ? colTiles : rowPanels;
        _parts = Math.Max(1, Math.Min(threads, _units));
        return _parts;
    }

    /// <inheritdoc />
    public void Execute(int part)
    {
        int u0 = (int)((long)_units * part / _parts), u1 = (int)((long)_units * (part + 1) / _parts);
        int extent = _splitColumns ? _problem.N : _problem.M;
        int lo = Math.Min(extent, u0 * _unit), hi = Math.Min(extent, u1 * _unit);
        if (lo >= hi) return;
        int i0 = 0, i1 = _problem.M, j0 = 0, j1 = _problem.N;
        if (_splitColumns) { j0 = lo; j1 = hi; } else { i0 = lo; i1 = hi; }
        if (_narrow) { GemmNarrow.Run(_problem, i0, i1); return; }
        switch (_isa)
        {
            case GemmIsa.Avx512: GemmDriver.Run<Avx512Ops, Vector512<float>, Tile6x4>(_problem, i0, i1, j0, j1); break;
            case GemmIsa.Avx2 when _avx2Tile == Avx2Tile.Rows4x24:
                GemmDriver.Run<Avx2Ops, Vector256<float>, Tile4x3>(_problem, i0, i1, j0, j1); break;
            case GemmIsa.Avx2 when _avx2Tile == Avx2Tile.Rows8x8:
                GemmDriver.Run<Avx2Ops, Vector256<float>, Tile8x1>(_problem, i0, i1, j0, j1); break;
            case GemmIsa.Avx2: GemmDriver.Run<Avx2Ops, Vector256<float>, Tile6x2>(_problem, i0, i1, j0, j1); break;
            case GemmIsa.Vector128: GemmDriver.Run<Vector128Ops, Vector128<float>, Tile6x4>(_problem, i0, i1, j0, j1); break;
            case GemmIsa.Scalar: GemmDriver.Run<ScalarOps, float, Tile6x4>(_problem, i0, i1, j0, j1); break;
            default: GemmDriver.Run<PortableOps, Vector<float>, Tile6x2>(_problem, i0, i1, j0, j1); break;
        }
    }
}
