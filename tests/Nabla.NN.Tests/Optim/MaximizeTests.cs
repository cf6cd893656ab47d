using Nabla.NN.Optim;

namespace Nabla.NN.Tests;

/// <summary>maximize on every optimizer (PyTorch's flag): ascending f equals descending -f, and .Grad is left as it was.</summary>
public class MaximizeTests
{
    public static TheoryData<string> Names => new() { "sgd", "adam", "adamw", "rmsprop", "adagrad" };

    private static Optimizer Make(string name, Parameter p, bool maximize) => name switch
    {
        "sgd" => new Sgd([p], lr: 0.1f, momentum: 0.9f, maximize: maximize),
        "adam" => new Adam([p], lr: 0.1f, weightDecay: 0.01f, maximize: maximize),
        "adamw" => new AdamW([p], lr: 0.1f, maximize: maximize),
        "rmsprop" => new RmsProp([p], lr: 0.01f, momentum: 0.5f, centered: true, maximize: maximize),
        "adagrad" => new Adagrad([p], lr: 0.1f, weightDecay: 0.01f, maximize: maximize),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Maximize_AscendingF_EqualsDescendingMinusF(string name)
    {
        var up = new Parameter(Tensor.FromArray([0.5f, -1f, 2f], 3));
        var down = new Parameter(Tensor.FromArray([0.5f, -1f, 2f], 3));
        var ascend = Make(name, up, maximize: true);
        var descend = Make(name, down, maximize: false);
        for (int step = 0; step < 5; step++)
        {
            ascend.ZeroGrad();
            descend.ZeroGrad();
            // f(p) = -sum((p - 1)^2): maximised at p = 1.
            var f = -((up.Value - 1f) * (up.Value - 1f)).Sum();
            f.Backward();
            var gradBefore = up.Grad!.ToArray();
            (-(-((down.Value - 1f) * (down.Value - 1f)).Sum())).Backward();
            ascend.Step();
            descend.Step();
            Assert.Equal(gradBefore, up.Grad!.ToArray());
            Assert.Equal(down.Value.ToArray(), up.Value.ToArray());
        }
        Assert.True(Math.Abs(up.Value.ToArray()[0] - 1f) < 0.5f);
    }
}
