using System.Globalization;

namespace Nabla.NN;

/// <summary>
/// An L1, L2 or L1+L2 ("elastic net") penalty on weights, added to the loss so that backpropagation shrinks them:
/// <c>penalty = l1 * sum |w| + l2 * sum w^2</c> (Keras's convention: no factor 1/2). Attach it to a layer or a whole
/// model with <see cref="Module.Regularizer"/> and add <see cref="Module.RegularizationLoss"/> to the loss.
/// </summary>
/// <remarks>
/// The gradient of the L2 term is <c>2 l2 w</c>: with plain SGD this is the same as weight decay
/// <c>weightDecay = 2 l2</c>. L1 pushes weights to exactly 0 (sparse models). Biases are not penalised unless
/// <see cref="IncludeBiases"/> is set, because shrinking a bias does not reduce the model's capacity.
/// </remarks>
public sealed class Regularizer
{
    /// <summary>Creates a penalty with the given strengths (each &gt;= 0).</summary>
    public Regularizer(float l1 = 0f, float l2 = 0f, bool includeBiases = false)
    {
        if (!(l1 >= 0f) || !float.IsFinite(l1))
        {
            throw new ArgumentOutOfRangeException(nameof(l1), l1, "Regularizer: l1 must be a finite number >= 0");
        }
        if (!(l2 >= 0f) || !float.IsFinite(l2))
        {
            throw new ArgumentOutOfRangeException(nameof(l2), l2, "Regularizer: l2 must be a finite number >= 0");
        }
        L1Strength = l1;
        L2Strength = l2;
        IncludeBiases = includeBiases;
    }

    /// <summary>An L1 penalty <c>strength * sum |w|</c>.</summary>
    public static Regularizer L1(float strength) => new(l1: strength);

    /// <summary>An L2 penalty <c>strength * sum w^2</c>.</summary>
    public static Regularizer L2(float strength) => new(l2: strength);

    /// <summary>Both: <c>l1 * sum |w| + l2 * sum w^2</c>.</summary>
    public static Regularizer L1L2(float l1, float l2) => new(l1, l2);

    /// <summary>Strength of the L1 term.</summary>
    public float L1Strength { get; }

    /// <summary>Strength of the L2 term.</summary>
    public float L2Strength { get; }

    /// <summary>Whether parameters whose (last) name is <c>"bias"</c> are penalised too.</summary>
    public bool IncludeBiases { get; }

    /// <summary>The penalty over <paramref name="parameters"/> (dotted names decide which are biases): a scalar tensor in the graph.</summary>
    public Tensor Penalty(IEnumerable<KeyValuePair<string, Parameter>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Tensor? total = null;
        foreach (var (name, p) in parameters)
        {
            if (!IncludeBiases && (name == "bias" || name.EndsWith(".bias", StringComparison.Ordinal)))
            {
                continue;
            }
            if (L1Strength > 0f)
            {
                total = Add(total, L1Strength * p.Value.Abs().Sum());
            }
            if (L2Strength > 0f)
            {
                total = Add(total, L2Strength * p.Value.Square().Sum());
            }
        }
        return total ?? Tensor.Scalar(0f);
    }

    private static Tensor Add(Tensor? a, Tensor b) => a is null ? b : a + b;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Regularizer(l1={L1Strength}, l2={L2Strength}{(IncludeBiases ? ", includeBiases" : "")})");
}
