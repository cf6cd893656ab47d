using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Nabla.Kernels;

/// <summary>Which instruction set the GEMM micro-kernel runs on.</summary>
internal enum GemmIsa
{
    /// <summary>One float per lane (<see cref="MathF.FusedMultiplyAdd"/>), 6x4 tile: any CPU, the reference path.</summary>
    Scalar,
    /// <summary><see cref="System.Numerics.Vector{T}"/>: any CPU.</summary>
    Portable,
    /// <summary>
    /// <see cref="Vector128{T}"/> with fused multiply-add, 6x16 tile (4 vectors): ARM64 AdvSimd/NEON, whose 32 vector
    /// registers hold the 24 accumulators. Runs (slower, with spills) on x64 too, which is how it is tested.
    /// </summary>
    Vector128,
    /// <summary>AVX2 + FMA, 16 vector registers: a 6x16 register tile (others in <see cref="Avx2Tile"/>).</summary>
    Avx2,
    /// <summary>AVX-512F, 6x64 register tile.</summary>
    Avx512,
}

/// <summary>Detects the best <see cref="GemmIsa"/> of this CPU.</summary>
internal static class GemmIsaDetection
{
    /// <summary>The fastest ISA this process can run.</summary>
    public static readonly GemmIsa Best =
        Avx512F.IsSupported && Vector512.IsHardwareAccelerated ? GemmIsa.Avx512
        : Avx2.IsSupported && Fma.IsSupported ? GemmIsa.Avx2
        : AdvSimd.Arm64.IsSupported ? GemmIsa.Vector128
        : Vector.IsHardwareAccelerated ? GemmIsa.Portable
        : GemmIsa.Scalar;

    /// <summary>Every path the GEMM has, whether or not this CPU runs it (tests iterate over it).</summary>
    public static readonly GemmIsa[] All = [GemmIsa.Avx512, GemmIsa.Avx2, GemmIsa.Vector128, GemmIsa.Portable, GemmIsa.Scalar];

    /// <summary>True when this CPU can run <paramref name="isa"/>.</summary>
    public static bool IsSupported(GemmIsa isa) => isa switch
    {
        GemmIsa.Avx512 => Avx512F.IsSupported,
        GemmIsa.Avx2 => Avx2.IsSupported && Fma.IsSupported,
        _ => true,
    };
}
