using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Nabla.Kernels;

/// <summary>
/// The handful of vector operations the GEMM micro-kernel needs, so one kernel source serves every ISA.
/// Implemented by empty structs: the JIT specialises generic code per struct and inlines these calls,
/// so the abstraction costs nothing at run time.
/// </summary>
internal unsafe interface ISimdOps<TVec> where TVec : struct
{
    /// <summary>Floats per vector.</summary>
    static abstract int Width { get; }
    static abstract TVec Zero { get; }
    static abstract TVec Load(float* p);
    static abstract void Store(float* p, TVec v);
    /// <summary>All lanes = <c>*p</c>.</summary>
    static abstract TVec Broadcast(float* p);
    /// <summary><c>a + b</c>.</summary>
    static abstract TVec Add(TVec a, TVec b);
    /// <summary><c>a * b + c</c>, fused (one rounding) where the hardware has FMA.</summary>
    static abstract TVec MulAdd(TVec a, TVec b, TVec c);
}

/// <summary>AVX-512F: 16 floats per vector, 32 vector registers.</summary>
internal unsafe struct Avx512Ops : ISimdOps<Vector512<float>>
{
    public static int Width => 16;
    public static Vector512<float> Zero => Vector512<float>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(float* p) => Avx512F.LoadVector512(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* p, Vector512<float> v) => Avx512F.Store(p, v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(float* p) => Vector512.Create(*p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MulAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c)
        => Avx512F.FusedMultiplyAdd(a, b, c);
}

/// <summary>AVX2 + FMA: 8 floats per vector, 16 vector registers.</summary>
internal unsafe struct Avx2Ops : ISimdOps<Vector256<float>>
{
    public static int Width => 8;
    public static Vector256<float> Zero => Vector256<float>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(float* p) => Avx.LoadVector256(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* p, Vector256<float> v) => Avx.Store(p, v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Broadcast(float* p) => Vector256.Create(*p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MulAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c)
        => Fma.MultiplyAdd(a, b, c);
}

/// <summary>
/// Portable <see cref="Vector{T}"/> path (any CPU .NET runs on; software-emulated when not accelerated).
/// Uses <see cref="Vector.MultiplyAddEstimate(Vector{float}, Vector{float}, Vector{float})"/>: fused where the
/// hardware can, multiply-then-add elsewhere.
/// </summary>
internal unsafe struct PortableOps : ISimdOps<Vector<float>>
{
    public static int Width => Vector<float>.Count;
    public static Vector<float> Zero => Vector<float>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Load(float* p) => Unsafe.ReadUnaligned<Vector<float>>(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* p, Vector<float> v) => Unsafe.WriteUnaligned(p, v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Broadcast(float* p) => new(*p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Add(Vector<float> a, Vector<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> MulAdd(Vector<float> a, Vector<float> b, Vector<float> c)
        => Vector.MultiplyAddEstimate(a, b, c);
}

/// <summary>
/// <see cref="Vector128{T}"/>: 4 floats per vector. On ARM64 each call is one AdvSimd/NEON instruction
/// (<c>fmla</c> for the fused multiply-add); on x64 SSE plus FMA3 where present (software-fused otherwise).
/// </summary>
internal unsafe struct Vector128Ops : ISimdOps<Vector128<float>>
{
    public static int Width => 4;
    public static Vector128<float> Zero => Vector128<float>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(float* p) => Vector128.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* p, Vector128<float> v) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Broadcast(float* p) => Vector128.Create(*p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MulAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c)
        => Vector128.FusedMultiplyAdd(a, b, c);
}

/// <summary>One float per "vector": the reference path any CPU runs, with the same fused rounding as the SIMD paths.</summary>
internal unsafe struct ScalarOps : ISimdOps<float>
{
    public static int Width => 1;
    public static float Zero => 0f;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(float* p) => *p;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* p, float v) => *p = v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Broadcast(float* p) => *p;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Add(float a, float b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MulAdd(float a, float b, float c) => MathF.FusedMultiplyAdd(a, b, c);
}

/// <summary>A compile-time integer carried by a struct type, so the JIT folds branches on it.</summary>
internal interface IConstInt { static abstract int Value { get; } }
internal struct One : IConstInt { public static int Value => 1; }
internal struct Two : IConstInt { public static int Value => 2; }
internal struct Three : IConstInt { public static int Value => 3; }
internal struct Four : IConstInt { public static int Value => 4; }
