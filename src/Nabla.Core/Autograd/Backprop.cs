using System.Numerics.Tensors;

namespace Nabla;

/// <summary>
/// The reverse-mode engine: orders the graph behind a root tensor, then walks it from the root back to the
/// leaves applying each node's chain-rule step, summing gradients where a tensor was used more than once.
/// </summary>
internal static class Backprop
{
    /// <summary>Propagates <paramref name="seed"/> (dL/d root) through the graph that produced <paramref name="root"/>.</summary>
    public static void Run(Tensor root, Tensor seed, bool retainGraph)
    {
        var order = TopologicalOrder(root);
        var grads = new Dictionary<Tensor, Tensor>(ReferenceEqualityComparer.Instance) { [root] = seed };

        using (GradMode.NoGrad())
        {
            // Reverse post-order: every consumer of a tensor runs before the tensor itself, so its gradient is complete.
            for (int i = order.Count - 1; i >= 0; i--)
            {
                var node = order[i];
                if (!grads.Remove(node, out var grad)) continue;
                if (node.IsLeaf)
                {
                    AccumulateInto(node, grad);
                    continue;
                }
                if (node.RetainsGrad) AccumulateInto(node, grad);

                var fn = node.GradFn!;
                if (fn.IsReleased)
                    throw new InvalidOperationException(
                        $"Trying to backward through the graph a second time: the values {fn.Name} saved were freed by the first Backward(). " +
                        "Pass retainGraph: true to the first Backward() call if you need to backpropagate through the same graph again.");
                var inputGrads = fn.Backward(grad);
                var inputs = fn.Inputs;
                if (inputGrads.Length != inputs.Count)
                    throw new InvalidOperationException($"{fn.Name} returned {inputGrads.Length} gradients for {inputs.Count} inputs.");
                for (int k = 0; k < inputs.Count; k++)
                {
                    var input = inputs[k];
                    var g = inputGrads[k];
                    if (g is null || !input.RequiresGrad) continue;
                    if (!g.Shape.Equals(input.Shape))
                        throw new InvalidOperationException(
                            $"{fn.Name} produced a gradient of shape {g.Shape} for input {k} of shape {input.Shape}.");
                    grads[input] = grads.TryGetValue(input, out var existing) ? Add(existing, g) : g;
                }
                if (!retainGraph) fn.Release();
            }
        }
    }

    /// <summary>
    /// Tensors reachable from <paramref name="root"/> through nodes that require gradients, in post-order
    /// (inputs before the tensors computed from them). Iterative, so a 100,000-op chain does not overflow the stack.
    /// </summary>
    public static List<Tensor> TopologicalOrder(Tensor root)
    {
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance) { root };
        var stack = new Stack<(Tensor Node, int NextInput)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            var inputs = node.GradFn?.Inputs;
            if (inputs is not null && next < inputs.Count)
            {
                stack.Push((node, next + 1));
                var input = inputs[next];
                if (input.RequiresGrad && visited.Add(input)) stack.Push((input, 0));
                continue;
            }
            order.Add(node);
        }
        return order;
    }

    private static Tensor Add(Tensor a, Tensor b)
    {
        var sum = new float[a.Size];
        TensorPrimitives.Add(a.Data, b.Data, sum);
        return new Tensor(sum, a.Shape);
    }

    /// <summary>Adds into <c>.Grad</c> (owning a fresh copy the first time, since a rule may share its output between inputs).</summary>
    private static void AccumulateInto(Tensor tensor, Tensor grad)
    {
        if (tensor.Grad is null)
        {
            tensor.Grad = new Tensor((float[])grad.Data.ToArray(), tensor.Shape);
            return;
        }
        if (!tensor.Grad.Shape.Equals(tensor.Shape))
            throw new InvalidOperationException($"The existing .Grad of shape {tensor.Grad.Shape} does not match the tensor's shape {tensor.Shape}.");
        var dst = tensor.Grad.AsSpan();
        TensorPrimitives.Add(dst, grad.Data, dst);
    }
}
