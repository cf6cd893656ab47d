namespace Nabla.Kernels;

/// <summary>
/// Per-thread packing buffers for the GEMM, allocated on the pinned object heap for the largest blocking the
/// thread has run and reused by every call (no per-call allocation in steady state). Aligned to 64 bytes so
/// packed rows start on cache lines.
/// </summary>
internal sealed unsafe class GemmBuffers
{
    [ThreadStatic] private static GemmBuffers? _current;

    private float[] _b = [], _a = [];
    private readonly float[] _c;
    private int _kc, _nc;

    /// <summary>Packed B block: KC x (max(NC, in-place width) + 64) floats (a shallower block may be wider: same floats).</summary>
    public float* B { get; private set; }
    /// <summary>Packed A micro-panel: max(8, 12) x KC floats (12 rows for the narrow path's last block).</summary>
    public float* A { get; private set; }
    /// <summary>Scratch tile for edge tiles: 8 x (widest tile) floats.</summary>
    public readonly float* C;

    private GemmBuffers()
    {
        const int maxTile = 64;
        C = Aligned(_c = GC.AllocateUninitializedArray<float>(GemmMicroKernel.MaxRows * maxTile + 16, pinned: true));
    }

    /// <summary>The calling thread's buffers, large enough for <paramref name="blocking"/>.</summary>
    public static GemmBuffers For(in GemmBlocking blocking)
    {
        GemmBuffers buf = _current ??= new GemmBuffers();
        if (blocking.KC > buf._kc || Widest(blocking) > buf._nc) buf.Grow(blocking);
        return buf;
    }

    private void Grow(in GemmBlocking blocking)
    {
        _kc = Math.Max(_kc, blocking.KC);
        _nc = Math.Max(_nc, Widest(blocking));
        B = Aligned(_b = GC.AllocateUninitializedArray<float>(_kc * (_nc + 64) + 16, pinned: true));
        A = Aligned(_a = GC.AllocateUninitializedArray<float>(Math.Max(GemmMicroKernel.MaxRows, GemmNarrow.Rows) * _kc + 16, pinned: true));
    }

    private static int Widest(in GemmBlocking blocking) => Math.Max(blocking.NC, blocking.InPlaceWidth);

    private static float* Aligned(float[] array)
    {
        // Pinned-heap arrays never move, so the address stays valid for the buffer's lifetime.
        fixed (float* p = array)
            return (float*)(((nint)p + 63) & ~(nint)63);
    }
}
