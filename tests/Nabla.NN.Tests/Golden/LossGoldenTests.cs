using System.Text.Json;

namespace Nabla.NN.Tests;

/// <summary>Every loss, option and reduction of losses.json: values and input gradients against PyTorch's.</summary>
public class LossGoldenTests
{
    private const string File = "losses.json";

    public static TheoryData<string> Cases => Golden.CaseNames(File);

    internal static Loss Create(JsonElement c)
    {
        var o = c.GetProperty("options");
        var reduction = o.GetProperty("reduction").GetString() switch
        {
            "mean" => Reduction.Mean,
            "sum" => Reduction.Sum,
            _ => Reduction.None,
        };
        Tensor? weight = o.TryGetProperty("weight", out var w) ? Golden.Tensor(w) : null;
        return c.GetProperty("loss").GetString() switch
        {
            "mse" => new MseLoss(reduction),
            "l1" => new L1Loss(reduction),
            "huber" => new HuberLoss(Golden.Float(o, "delta", 1f), reduction),
            "bce" => new BceLoss(reduction),
            "bce_with_logits" => new BceWithLogitsLoss(o.TryGetProperty("pos_weight", out var pw) ? Golden.Tensor(pw) : null, reduction),
            "cross_entropy" => new CrossEntropyLoss(weight, Golden.Float(o, "label_smoothing", 0f), reduction),
            "nll" => new NllLoss(weight, reduction),
            var other => throw new InvalidOperationException($"unknown loss {other}"),
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Loss_FixedInputs_MatchesPyTorchValueAndGradient(string name)
    {
        var c = Golden.Case(File, name);
        var loss = Create(c);
        var input = Golden.Tensor(c.GetProperty("input"));
        input.RequiresGrad = true;
        var target = Golden.Tensor(c.GetProperty("target"));
        var output = loss.Forward(input, target);

        var expected = c.GetProperty("output");
        Assert.Equal(expected.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()), output.Shape.Dims);
        // Reduced outputs sum in a different order than PyTorch: 1e-5 still holds for these small sums.
        Close.All(Golden.Floats(expected.GetProperty("data")), output, 1e-5, $"{name}: output");

        if (!c.TryGetProperty("input_grad", out var grad))
        {
            return;
        }
        if (c.GetProperty("upstream").ValueKind == JsonValueKind.Null)
        {
            output.Backward();
        }
        else
        {
            output.Backward(Golden.Tensor(c.GetProperty("upstream")));
        }
        Assert.NotNull(input.Grad);
        Close.All(Golden.Floats(grad.GetProperty("data")), input.Grad!, 1e-5, $"{name}: input gradient");
    }
}
