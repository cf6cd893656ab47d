namespace Nabla.Core.Tests;

/// <summary>
/// Every differentiable op, with input shapes (broadcasting and size-1 dimensions included) and the range its
/// random inputs are drawn from, kept away from kinks and poles. Adding an op is adding a row.
/// </summary>
public static class OpCatalogue
{
    /// <summary>One op to check: a function of its inputs, their shapes and the value range for each.</summary>
    public sealed record Row(string Name, Func<Tensor[], Tensor> Op, int[][] Shapes, Func<Rng, float> Draw)
    {
        public override string ToString() => Name;
    }

    private static float Signed(Rng r) => (r.NextFloat() < 0.5f ? -1f : 1f) * (0.2f + 1.3f * r.NextFloat()); // |x| in [0.2, 1.5]
    private static float Positive(Rng r) => 0.5f + 1.5f * r.NextFloat();                                     // [0.5, 2]
    private static float Any(Rng r) => -2f + 4f * r.NextFloat();
    private static float AwayFromHalf(Rng r) => (r.NextFloat() < 0.5f ? -1f : 1f) * (r.NextFloat() < 0.5f ? 0.3f * r.NextFloat() : 0.8f + 0.7f * r.NextFloat());

    private static Row R(string name, Func<Tensor[], Tensor> op, Func<Rng, float> draw, params int[][] shapes) => new(name, op, shapes, draw);

    public static readonly Row[] Rows =
    [
        R("Add", x => x[0] + x[1], Any, [2, 3], [2, 3]),
        R("Add_BroadcastRow", x => x[0] + x[1], Any, [4, 3], [3]),
        R("Add_BroadcastColumnAndRow", x => x[0] + x[1], Any, [4, 1], [1, 3]),
        R("Add_Scalar", x => x[0] + 2.5f, Any, [3]),
        R("Sub", x => x[0] - x[1], Any, [2, 3], [2, 3]),
        R("Sub_BroadcastLeadingDims", x => x[0] - x[1], Any, [3], [2, 4, 3]),
        R("Sub_FromScalar", x => 1f - x[0], Any, [5]),
        R("Mul", x => x[0] * x[1], Any, [3, 2], [3, 2]),
        R("Mul_BroadcastRow_GradientSumsOverBatch", x => x[0] * x[1], Any, [5, 3], [1, 3]),
        R("Mul_ScalarTensor", x => x[0] * x[1], Any, [2, 3], []),
        R("Div", x => x[0] / x[1], Positive, [2, 3], [2, 3]),
        R("Div_BroadcastColumn", x => x[0] / x[1], Positive, [2, 3], [2, 1]),
        R("Div_ConstantByTensor", x => 2f / x[0], Positive, [4]),
        R("Neg", x => -x[0], Any, [2, 2]),
        R("Pow_Scalar", x => x[0].Pow(3f), Any, [3, 2]),
        R("Pow_Fractional", x => x[0].Pow(1.5f), Positive, [4]),
        R("Pow_Tensor", x => x[0].Pow(x[1]), Positive, [2, 3], [3]),
        R("Square", x => x[0].Square(), Any, [3]),
        R("Exp", x => x[0].Exp(), Any, [2, 3]),
        R("Log", x => x[0].Log(), Positive, [2, 3]),
        R("Sqrt", x => x[0].Sqrt(), Positive, [2, 3]),
        R("Abs", x => x[0].Abs(), Signed, [2, 3]),
        R("Clamp", x => x[0].Clamp(-0.5f, 0.5f), AwayFromHalf, [3, 3]),
        R("Maximum", x => Tensor.Maximum(x[0], x[1]), Signed, [3, 4], [4]),
        R("Minimum", x => Tensor.Minimum(x[0], x[1]), Signed, [3, 4], [3, 1]),
        R("Sigmoid", x => x[0].Sigmoid(), Any, [2, 3]),
        R("Tanh", x => x[0].Tanh(), Any, [2, 3]),
        R("Relu", x => x[0].Relu(), Signed, [2, 3]),
        R("LeakyRelu", x => x[0].LeakyRelu(0.1f), Signed, [2, 3]),
        R("Softplus", x => x[0].Softplus(), Any, [2, 3]),
        R("Elu", x => x[0].Elu(0.7f), Signed, [2, 3]),
        R("Gelu", x => x[0].Gelu(), Any, [2, 3]),
        R("Silu", x => x[0].Silu(), Any, [2, 3]),
        R("Softmax_LastDim", x => x[0].Softmax(-1), Any, [3, 4]),
        R("Softmax_FirstDim", x => x[0].Softmax(0), Any, [3, 4]),
        R("LogSoftmax_LastDim", x => x[0].LogSoftmax(1), Any, [3, 4]),
        R("LogSoftmax_MiddleDim", x => x[0].LogSoftmax(1), Any, [2, 3, 2]),
        R("Sum", x => x[0].Sum(), Any, [2, 3]),
        R("Sum_Dim", x => x[0].Sum(1), Any, [2, 3, 2]),
        R("Sum_DimKeep", x => x[0].Sum(0, keepDim: true), Any, [3, 2]),
        R("Mean", x => x[0].Mean(), Any, [2, 3]),
        R("Mean_Dim", x => x[0].Mean(-1), Any, [2, 3]),
        R("Max", x => x[0].Max(), Any, [2, 3]),
        R("Max_Dim", x => x[0].Max(1), Any, [3, 4]),
        R("Min_DimKeep", x => x[0].Min(0, keepDim: true), Any, [3, 4]),
        R("Reshape", x => x[0].Reshape(3, -1) * x[0].Reshape(3, 2), Any, [2, 3]),
        R("Transpose", x => x[0].Transpose(0, 1), Any, [2, 3]),
        R("Transpose_3D", x => x[0].Transpose(0, 2), Any, [2, 3, 4]),
        R("Permute", x => x[0].Permute(1, 2, 0), Any, [2, 3, 4]),
        R("Squeeze_Unsqueeze", x => x[0].Squeeze().Unsqueeze(0), Any, [3, 1, 2]),
        R("BroadcastTo", x => x[0].BroadcastTo(4, 2, 3), Any, [2, 1]),
        R("Slice", x => x[0].Slice(0, 1, 2), Any, [4, 3]),
        R("Slice_Dim1", x => x[0].Slice(1, 1, 2), Any, [2, 4, 2]),
        R("IndexSelect_Repeats", x => x[0].IndexSelect(0, [2, 0, 2]), Any, [3, 2]),
        R("Concat", x => Tensor.Concat([x[0], x[1]], 1), Any, [2, 3], [2, 1]),
        R("Stack", x => Tensor.Stack([x[0], x[1]], 0), Any, [2, 3], [2, 3]),
        R("Gather", x => x[0].Gather(1, Tensor.FromArray([2, 0, 1, 1, 0, 2], 3, 2)), Any, [3, 3]),
        R("MatMul", x => x[0].MatMul(x[1]), Any, [3, 4], [4, 2]),
        R("MatMul_VectorMatrix", x => x[0].MatMul(x[1]), Any, [4], [4, 3]),
        R("MatMul_MatrixVector", x => x[0].MatMul(x[1]), Any, [2, 4], [4]),
        R("MatMul_Dot", x => x[0].MatMul(x[1]), Any, [5], [5]),
        R("MatMul_Batched3D2D", x => x[0].MatMul(x[1]), Any, [2, 3, 4], [4, 2]),
        R("MatMul_Batched3D3D", x => x[0].MatMul(x[1]), Any, [2, 3, 4], [2, 4, 2]),
        R("MatMul_2D3D", x => x[0].MatMul(x[1]), Any, [3, 4], [2, 4, 2]),
        R("MatMul_BroadcastBatch4D", x => x[0].MatMul(x[1]), Any, [2, 1, 3, 4], [5, 4, 2]),
        R("Linear", x => Tensor.Linear(x[0], x[1], x[2]), Any, [4, 3], [2, 3], [2]),
        R("Linear_NoBiasVector", x => Tensor.Linear(x[0], x[1]), Any, [3], [2, 3]),
        R("CrossEntropyWithLogits", x => Tensor.CrossEntropyWithLogits(x[0], Tensor.FromArray([2f, 0f, 1f, 2f])), Any, [4, 3]),
        R("Log1p", x => x[0].Log1p(), Positive, [2, 3]),
        R("Expm1", x => x[0].Expm1(), Any, [2, 3]),
        R("Gelu_Tanh", x => x[0].Gelu(tanhApproximation: true), Any, [2, 3]),
        R("LogSumExp_Dim", x => x[0].LogSumExp(1), Any, [3, 4]),
        R("LogSumExp_DimKeep", x => x[0].LogSumExp(0, keepDim: true), Any, [3, 2]),
        R("Var_Dim", x => x[0].Var(1), Any, [3, 4]),
        R("Var_Biased", x => x[0].Var(0, unbiased: false, keepDim: true), Any, [4, 2]),
        R("Std_All", x => x[0].Std(), Any, [2, 3]),
        R("Where_Broadcast", x => Tensor.Where(Tensor.FromArray([1f, 0f, 1f], 3), x[0], x[1]), Any, [2, 3], [2, 1]),
        R("MaskedFill", x => x[0].MaskedFill(Tensor.FromArray([0f, 1f], 2, 1), 5f), Any, [2, 3]),
        R("Index_Ranges", x => x[0][.., 1..3], Any, [3, 4]),
        R("Index_RowAndRange", x => x[0][1, 1..], Any, [3, 4]),
        R("Index_LastRow", x => x[0][^1], Any, [3, 2]),
        R("MaxWithIndices_Values", x => x[0].MaxWithIndices(1).Values, Any, [3, 4]),
        R("Composite_MlpLayer", x => x[0].MatMul(x[1].T).Add(x[2]).Tanh().Sum(), Any, [4, 3], [2, 3], [2]),
    ];

    private static Tensor Add(this Tensor a, Tensor b) => a + b;

    public static TheoryData<string> Names() => new(Rows.Select(r => r.Name));
}
