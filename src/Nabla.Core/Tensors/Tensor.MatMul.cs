using Nabla.Kernels;

namespace Nabla;

public sealed partial class Tensor
{
    /// <summary>
    /// Matrix product. <c>[m, k] @ [k, n] -> [m, n]</c>; batched <c>[b, m, k] @ [k, n]</c> and
    /// <c>[b, m, k] @ [b, k, n] -> [b, m, n]</c>; a 1-d operand is a vector (<c>[k] @ [k, n] -> [n]</c>,
    /// <c>[m, k] @ [k] -> [m]</c>, <c>[k] @ [k] -> []</c>). Beyond that, leading batch dimensions broadcast as in
    /// PyTorch: <c>[2, 1, m, k] @ [5, k, n] -> [2, 5, m, n]</c>.
    /// </summary>
    public Tensor MatMul(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Rank == 0 || other.Rank == 0)
            throw new ArgumentException($"MatMul needs operands of at least one dimension, got shapes {Shape} and {other.Shape}.");
        if (Rank == 1 && other.Rank == 1) return Unsqueeze(0).MatMul(other.Unsqueeze(1)).Reshape();
        if (Rank == 1) return Unsqueeze(0).MatMul(other).Squeeze(-2);
        if (other.Rank == 1) return MatMul(other.Unsqueeze(1)).Squeeze(-1);

        int k = Shape[-1];
        if (other.Shape[-2] != k)
            throw new ArgumentException(
                $"MatMul: shapes {Shape} and {other.Shape} are not aligned: the last dimension of the left ({k}) must equal the " +
                $"second-to-last dimension of the right ({other.Shape[-2]}).");
        if (Rank > 3 || other.Rank > 3 || (Rank == 3 && other.Rank == 3 && Shape[0] != other.Shape[0]))
            return BroadcastBatchMatMul(other);
        if (other.Rank == 2)
        {
            if (Rank == 3) return Reshape(-1, k).MatMul(other).Reshape(Shape[0], Shape[1], other.Shape[1]);
            int m = Shape[0], n = other.Shape[1];
            var result = new Tensor(new float[m * n], new Shape(m, n));
            Gemm.Multiply(false, false, m, n, k, Data, k, other.Data, n, result.Data, n);
            return Autograd.Record(result, new MatMulBackward(this, other));
        }
        if (Rank == 2) return Unsqueeze(0).BroadcastTo(other.Shape[0], Shape[0], k).MatMul(other);
        if (Shape[0] != other.Shape[0])
            throw new ArgumentException($"MatMul: batch sizes differ: shapes {Shape} and {other.Shape}.");
        return BatchedMatMul(other);
    }

    /// <summary>Broadcasts the batch dimensions of both operands, then multiplies as one batched product.</summary>
    private Tensor BroadcastBatchMatMul(Tensor other)
    {
        int m = Shape[-2], k = Shape[-1], n = other.Shape[-1];
        var batch = Nabla.Shape.Broadcast(new Shape(Shape.Dims[..^2]), new Shape(other.Shape.Dims[..^2]), "MatMul").Dims;
        var left = BroadcastTo([.. batch, m, k]).Reshape(-1, m, k);
        var right = other.BroadcastTo([.. batch, k, n]).Reshape(-1, k, n);
        return left.BatchedMatMul(right).Reshape([.. batch, m, n]);
    }

    /// <summary>Batched product <c>[b, m, k] @ [b, k, n] -> [b, m, n]</c>.</summary>
    private Tensor BatchedMatMul(Tensor other)
    {
        int b = Shape[0], m = Shape[1], k = Shape[2], n = other.Shape[2];
        var result = new Tensor(new float[b * m * n], new Shape(b, m, n));
        for (int i = 0; i < b; i++)
            Gemm.Multiply(false, false, m, n, k, Data.Slice(i * m * k, m * k), k, other.Data.Slice(i * k * n, k * n), n,
                result.Data.Slice(i * m * n, m * n), n);
        return Autograd.Record(result, new BatchedMatMulBackward(this, other));
    }
}
