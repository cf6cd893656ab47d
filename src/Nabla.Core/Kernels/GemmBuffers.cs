namespace Nabla.Kernels;

/// <summary>
/// Per-thread packing buffers for the GEMM, allocated once per thread on the pinned object heap and reused by
/// every call (no per-call allocation). Aligned to 64 bytes so packed rows start on cache lines.
/// </summary>
internal sealed unsafe class GemmBuffers
{
    [ThreadStatic] private static GemmBuffers? _current;

    private readonly float[] _b;
    private readonly float[] _a;
    private readonly float[] _c;

    /// <summary>Floats available at <see cref="B"/>.</summary>
    public const int BCapacity = GemmBlocking.KC * (GemmBlocking.NC + 64);

    /// <summary>Packed B block: KC x NC floats (<see cref="BCapacity"/>).</summary>
    public readonly float* B;
    /// <summary>Packed A micro-panel: MR x KC floats (12 x KC for the narrow path's last block).</summary>
    public readonly float* A;
    /// <summary>Scratch tile for edge tiles: MR x (widest tile) floats.</summary>
    public readonly float* C;

    private GemmBuffers()
    {
        const int mr = GemmMicroKernel.MR, maxTile = 64;
        B = Aligned(_b = GC.AllocateUninitializedArray<float>(BCapacity + 16, pinned: true));
        A = Aligned(_a = GC.AllocateUninitializedArray<float>(Math.Max(mr, GemmNarrow.Rows) * GemmBlocking.KC + 16, pinned: true));
        C = Aligned(_c = GC.AllocateUninitializedArray<float>(mr * maxTile + 16, pinned: true));
    }

    /// <summary>The calling thread's buffers.</summary>
    public static GemmBuffers Current => _current ??= new GemmBuffers();

    private static float* Aligned(float[] array)
    {
        // Pinned-heap arrays never move, so the address stays valid for the buffer's lifetime.
        fixed (float* p = array)
            return (float*)(((nint)p + 63) & ~(nint)63);
    }
}
