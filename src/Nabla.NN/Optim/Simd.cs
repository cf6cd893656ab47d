using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Nabla.Fused;

namespace Nabla.NN.Optim;

/// <summary>
/// An optimizer's element update over a parameter and up to three state buffers of the same length, split across
/// the kernel workers by <see cref="ElementParallel"/>: <see cref="Run"/> pins the buffers, and each part calls
/// <see cref="Update"/> on the same sub-range of every buffer. An empty buffer (a state the settings do not use)
/// stays empty in every part.
/// </summary>
internal abstract unsafe class SplitUpdate : IElementRange
{
    private float* _param, _grad, _s0, _s1, _s2;
    private int _len0, _len1, _len2;

    /// <summary>Updates the whole parameter, split into parts when it is large enough.</summary>
    public void Run(Span<float> param, ReadOnlySpan<float> grad, Span<float> s0 = default, Span<float> s1 = default,
        Span<float> s2 = default)
    {
        fixed (float* pp = param, pg = grad, p0 = s0, p1 = s1, p2 = s2)
        {
            _param = pp; _grad = pg; _s0 = p0; _s1 = p1; _s2 = p2;
            _len0 = s0.Length; _len1 = s1.Length; _len2 = s2.Length;
            try { ElementParallel.Run(this, param.Length); }
            finally { _param = _grad = _s0 = _s1 = _s2 = null; }
        }
    }

    /// <summary>The update of elements <c>0 .. param.Length-1</c> of these slices (one part of the parameter).</summary>
    protected abstract void Update(Span<float> param, ReadOnlySpan<float> grad, Span<float> s0, Span<float> s1, Span<float> s2);

    void IElementRange.Run(int start, int end)
    {
        int n = end - start;
        Update(new Span<float>(_param + start, n), new ReadOnlySpan<float>(_grad + start, n),
            _len0 == 0 ? [] : new Span<float>(_s0 + start, n), _len1 == 0 ? [] : new Span<float>(_s1 + start, n),
            _len2 == 0 ? [] : new Span<float>(_s2 + start, n));
    }
}

/// <summary>
/// One optimizer's per-element update rule, written once for any lanes (<see cref="ILanes{TSelf}"/>): it updates
/// whole vectors of elements from <c>i</c> on and leaves <c>i</c> at the first element it did not reach. The parameter,
/// its gradient and up to three state buffers (<c>s0..s2</c>, empty when unused) have the same length.
/// </summary>
/// <typeparam name="TScalars">The step's hyper-parameters, as the rule reads them.</typeparam>
internal interface IElementRule<TScalars> where TScalars : struct
{
    static abstract void Apply<V>(Span<float> param, ReadOnlySpan<float> grad, Span<float> s0, Span<float> s1, Span<float> s2,
        in TScalars s, ref int i) where V : struct, ILanes<V>;
}

/// <summary>
/// The <see cref="SplitUpdate"/> of a rule: each part runs <typeparamref name="TRule"/> on the widest lanes the CPU has,
/// then on 256-bit lanes, then one element at a time for the tail.
/// </summary>
internal sealed class RuleUpdate<TRule, TScalars> : SplitUpdate
    where TRule : struct, IElementRule<TScalars>
    where TScalars : struct
{
    /// <summary>The hyper-parameters of the next <see cref="SplitUpdate.Run"/>.</summary>
    public TScalars Scalars;

    protected override void Update(Span<float> param, ReadOnlySpan<float> grad, Span<float> s0, Span<float> s1, Span<float> s2)
    {
        int i = 0;
        if (Lanes512.IsAccelerated)
        {
            TRule.Apply<Lanes512>(param, grad, s0, s1, s2, Scalars, ref i);
        }
        if (Lanes256.IsAccelerated)
        {
            TRule.Apply<Lanes256>(param, grad, s0, s1, s2, Scalars, ref i);
        }
        TRule.Apply<Lanes1>(param, grad, s0, s1, s2, Scalars, ref i);
    }
}

/// <summary>
/// The few vector operations the optimizers' fused loops need, as a static interface so that one loop body is
/// written once and compiled (specialised by the JIT, struct generics) for 512-bit, 256-bit and scalar lanes.
/// </summary>
internal interface ILanes<TSelf> where TSelf : struct, ILanes<TSelf>
{
    static abstract int Count { get; }
    static abstract bool IsAccelerated { get; }
    static abstract TSelf Load(Span<float> s, int i);
    static abstract TSelf Load(ReadOnlySpan<float> s, int i);
    static abstract TSelf Splat(float v);
    static abstract TSelf operator +(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a, TSelf b);
    static abstract TSelf operator *(TSelf a, TSelf b);
    static abstract TSelf operator /(TSelf a, TSelf b);
    /// <summary>a * b + c with one rounding.</summary>
    static abstract TSelf Fma(TSelf a, TSelf b, TSelf c);
    static abstract TSelf Sqrt(TSelf a);
    static abstract TSelf Max(TSelf a, TSelf b);
    void Store(Span<float> s, int i);
}

internal readonly struct Lanes512(Vector512<float> v) : ILanes<Lanes512>
{
    private readonly Vector512<float> _v = v;
    public static int Count => Vector512<float>.Count;
    public static bool IsAccelerated => Vector512.IsHardwareAccelerated;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Load(Span<float> s, int i) => new(Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(s), (nuint)i));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Load(ReadOnlySpan<float> s, int i) => new(Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(s), (nuint)i));
    public static Lanes512 Splat(float v) => new(Vector512.Create(v));
    public static Lanes512 operator +(Lanes512 a, Lanes512 b) => new(a._v + b._v);
    public static Lanes512 operator -(Lanes512 a, Lanes512 b) => new(a._v - b._v);
    public static Lanes512 operator *(Lanes512 a, Lanes512 b) => new(a._v * b._v);
    public static Lanes512 operator /(Lanes512 a, Lanes512 b) => new(a._v / b._v);
    public static Lanes512 Fma(Lanes512 a, Lanes512 b, Lanes512 c) => new(Vector512.FusedMultiplyAdd(a._v, b._v, c._v));
    public static Lanes512 Sqrt(Lanes512 a) => new(Vector512.Sqrt(a._v));
    public static Lanes512 Max(Lanes512 a, Lanes512 b) => new(Vector512.Max(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(Span<float> s, int i) => _v.StoreUnsafe(ref MemoryMarshal.GetReference(s), (nuint)i);
}

internal readonly struct Lanes256(Vector256<float> v) : ILanes<Lanes256>
{
    private readonly Vector256<float> _v = v;
    public static int Count => Vector256<float>.Count;
    public static bool IsAccelerated => Vector256.IsHardwareAccelerated;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Load(Span<float> s, int i) => new(Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(s), (nuint)i));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Load(ReadOnlySpan<float> s, int i) => new(Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(s), (nuint)i));
    public static Lanes256 Splat(float v) => new(Vector256.Create(v));
    public static Lanes256 operator +(Lanes256 a, Lanes256 b) => new(a._v + b._v);
    public static Lanes256 operator -(Lanes256 a, Lanes256 b) => new(a._v - b._v);
    public static Lanes256 operator *(Lanes256 a, Lanes256 b) => new(a._v * b._v);
    public static Lanes256 operator /(Lanes256 a, Lanes256 b) => new(a._v / b._v);
    public static Lanes256 Fma(Lanes256 a, Lanes256 b, Lanes256 c) => new(Vector256.FusedMultiplyAdd(a._v, b._v, c._v));
    public static Lanes256 Sqrt(Lanes256 a) => new(Vector256.Sqrt(a._v));
    public static Lanes256 Max(Lanes256 a, Lanes256 b) => new(Vector256.Max(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(Span<float> s, int i) => _v.StoreUnsafe(ref MemoryMarshal.GetReference(s), (nuint)i);
}

internal readonly struct Lanes1(float v) : ILanes<Lanes1>
{
    private readonly float _v = v;
    public static int Count => 1;
    public static bool IsAccelerated => true;
    public static Lanes1 Load(Span<float> s, int i) => new(s[i]);
    public static Lanes1 Load(ReadOnlySpan<float> s, int i) => new(s[i]);
    public static Lanes1 Splat(float v) => new(v);
    public static Lanes1 operator +(Lanes1 a, Lanes1 b) => new(a._v + b._v);
    public static Lanes1 operator -(Lanes1 a, Lanes1 b) => new(a._v - b._v);
    public static Lanes1 operator *(Lanes1 a, Lanes1 b) => new(a._v * b._v);
    public static Lanes1 operator /(Lanes1 a, Lanes1 b) => new(a._v / b._v);
    public static Lanes1 Fma(Lanes1 a, Lanes1 b, Lanes1 c) => new(MathF.FusedMultiplyAdd(a._v, b._v, c._v));
    public static Lanes1 Sqrt(Lanes1 a) => new(MathF.Sqrt(a._v));
    // Vector Max returns the second operand's NaN semantics differently; scalar follows IEEE maxNumber-like MathF.Max.
    public static Lanes1 Max(Lanes1 a, Lanes1 b) => new(MathF.Max(a._v, b._v));
    public void Store(Span<float> s, int i) => s[i] = _v;
}

/// <summary>Converts user-facing float hyper-parameters to the double PyTorch would use for the same literal.</summary>
internal static class Hyper
{
    /// <summary>
    /// The double with the same shortest decimal as <paramref name="value"/>: 0.9f becomes 0.9, not
    /// 0.89999997615814. Derived scalars such as <c>1 - beta1</c> and <c>1 - beta2^t</c> are then computed as
    /// Python computes them for the literal the user wrote, and rounded to float once.
    /// </summary>
    /// <remarks>Allocates nothing (see <see cref="Text.FloatDecimal.Shortest"/>).</remarks>
    public static double Exact(float value) => Text.FloatDecimal.Shortest(value);
}
