using Nabla.NN.Optim;
using Nabla.NN.Schedules;

namespace Nabla.NN.Tests;

/// <summary>
/// Issue 18 defect 6: schedules on one optimizer compose as PyTorch's do. Expected rates printed by PyTorch 1.13
/// (SGD lr 0.1, momentum 0.9; the script is the "schedules" section of tests/reference/make_differential.py).
/// </summary>
public class ScheduleChainingTests
{
    private static Sgd NewOptimizer() => new([new Parameter(Tensor.Zeros(1))], lr: 0.1f, momentum: 0.9f);

    private static readonly double[] StepThenExponential =
    [
        0.1, 0.09000000000000001, 0.08100000000000002, 0.007290000000000001, 0.006561000000000002, 0.005904900000000002,
        0.0005314410000000002, 0.0004782969000000002, 0.0004304672100000002, 3.8742048900000026e-05, 3.486784401000002e-05,
        3.1381059609000024e-05, 2.8242953648100023e-06,
    ];

    private static void Run(Optimizer opt, double[] expected, Action step)
    {
        for (int e = 0; e < expected.Length; e++)
        {
            Assert.True(Math.Abs(opt.Lr - expected[e]) <= 1e-6 * expected[e], $"epoch {e}: lr {opt.Lr:R}, PyTorch {expected[e]:R}");
            step();
        }
    }

    [Fact]
    public void StepLRAndExponentialLR_OnOneOptimizer_MultiplyTheirFactors()
    {
        var opt = NewOptimizer();
        var a = new StepLR(opt, 3, 0.1f);
        var b = new ExponentialLR(opt, 0.9f);
        Run(opt, StepThenExponential, () => { a.Step(); b.Step(); });
    }

    [Fact]
    public void ChainedScheduler_StepsEverySchedule()
    {
        var opt = NewOptimizer();
        var chained = new ChainedScheduler(new StepLR(opt, 3, 0.1f), new ExponentialLR(opt, 0.9f));
        Run(opt, StepThenExponential, chained.Step);
    }

    [Fact]
    public void LinearLRAndCosine_OnOneOptimizer_FollowPyTorchsRecursiveForms()
    {
        var opt = NewOptimizer();
        var a = new LinearLR(opt, 0.25f, 1f, 4);
        var b = new CosineAnnealingLR(opt, 6, 0.001f);
        Run(opt, [0.025, 0.04088629300589238, 0.047148077533125735, 0.04119500052870897, 0.025850769556128608, 0.007658743633856584,
            0.001, 0.007631742512670284, 0.025750000000000002, 0.05050000000000004, 0.07525000000000008, 0.0933682574873298, 0.1000000000000001],
            () => { a.Step(); b.Step(); });
    }

    [Fact]
    public void SequentialLR_WarmUpThenCosine()
    {
        var opt = NewOptimizer();
        var seq = new SequentialLR(opt, [new LinearLR(opt, 0.25f, 1f, 4), new CosineAnnealingLR(opt, 6, 0.001f)], [4]);
        Run(opt, [0.025, 0.043750000000000004, 0.06250000000000001, 0.08125000000000002, 0.1, 0.09336825748732973, 0.07525000000000001,
            0.0505, 0.025750000000000012, 0.007631742512670284, 0.001, 0.007631742512670284, 0.025750000000000002], seq.Step);
    }

    [Fact]
    public void MultiStepLRAndPlateau_CutTheCurrentRate()
    {
        var opt = NewOptimizer();
        var a = new MultiStepLR(opt, [2, 5], 0.5f);
        var b = new ReduceLROnPlateau(opt, factor: 0.5f, patience: 1);
        double[] metrics = [1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5];
        int e = 0;
        Run(opt, [0.1, 0.1, 0.05, 0.025, 0.025, 0.0125, 0.0125, 0.00625, 0.00625, 0.003125, 0.003125, 0.0015625, 0.0015625],
            () => { a.Step(); if (e < metrics.Length) b.Step(metrics[e++]); });
    }

    [Fact]
    public void SingleSchedule_StillFollowsItsClosedFormExactly()
    {
        var opt = NewOptimizer();
        var s = new ExponentialLR(opt, 0.9f);
        for (int e = 1; e <= 30; e++)
        {
            s.Step();
            Assert.Equal(s.LrAt(e), s.Lr);
        }
    }
}
