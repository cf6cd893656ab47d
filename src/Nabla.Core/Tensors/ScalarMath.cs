namespace Nabla;

/// <summary>
/// Scalar functions in double precision that .NET lacks or computes inaccurately; the one home for them, used by
/// the element-wise ops and by the losses of Nabla.NN.
/// </summary>
public static class ScalarMath
{
    /// <summary>
    /// log(1 + t), accurate for tiny t (Goldberg's trick: the rounding error of 1 + t cancels in log(u) t / (u - 1)).
    /// NOTE: .NET's <c>double.LogP1</c> computes <c>Log(t + 1)</c> and returns 0 for |t| below 1e-16.
    /// </summary>
    public static double Log1p(double t)
    {
        double u = 1.0 + t;
        if (u == 1.0) return t;
        if (double.IsPositiveInfinity(u)) return u;
        return Math.Log(u) * t / (u - 1.0); // NaN below -1 and at -inf, -inf at -1
    }

    /// <summary>e^t - 1, accurate for tiny t (Kahan's trick: (u - 1) t / log(u) with u = e^t).</summary>
    public static double Expm1(double t)
    {
        double u = Math.Exp(t);
        if (u == 1.0) return t;
        double um1 = u - 1.0;
        if (um1 == -1.0) return -1.0;
        if (double.IsInfinity(u)) return u;
        return um1 * t / Math.Log(u);
    }

    /// <summary>The logistic sigmoid 1 / (1 + e^-x) without overflow for either sign.</summary>
    public static double Sigmoid(double x)
    {
        if (x >= 0) return 1.0 / (1.0 + Math.Exp(-x));
        double e = Math.Exp(x);
        return e / (1.0 + e);
    }

    /// <summary>softplus(x) = log(1 + e^x) = max(x, 0) + log1p(e^-|x|): never overflows, and about e^x for very negative x.</summary>
    public static double Softplus(double x) => Math.Max(x, 0.0) + Log1p(Math.Exp(-Math.Abs(x)));
}
