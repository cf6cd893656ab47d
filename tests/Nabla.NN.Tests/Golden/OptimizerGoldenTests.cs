using System.Text.Json;
using Nabla.NN.Optim;

namespace Nabla.NN.Tests;

/// <summary>
/// Each optimizer setting trains the 3-4-2 tanh MLP of optimizers.json for 25 steps from PyTorch's starting
/// weights; the losses and parameters must follow PyTorch's trajectory to float32 precision.
/// </summary>
public class OptimizerGoldenTests
{
    private const string File = "optimizers.json";

    public static TheoryData<string> Cases => Golden.CaseNames(File);

    internal static Sequential Model()
    {
        var model = new Sequential(new Dense(3, 4, rng: new Rng(1)), new Tanh(), new Dense(4, 2, rng: new Rng(2)));
        var init = Golden.Load(File).GetProperty("init");
        model.LoadStateDict(init.EnumerateObject().ToDictionary(p => p.Name, p => Golden.Tensor(p.Value)));
        return model;
    }

    internal static Optimizer Create(JsonElement c, IEnumerable<Parameter> parameters)
    {
        var o = c.GetProperty("options");
        float lr = Golden.Float(o, "lr", 0f);
        float wd = Golden.Float(o, "weight_decay", 0f);
        return c.GetProperty("optimizer").GetString() switch
        {
            "sgd" => new Sgd(parameters, lr, Golden.Float(o, "momentum", 0f), Golden.Float(o, "dampening", 0f), wd,
                             Golden.Bool(o, "nesterov"), Golden.Bool(o, "maximize")),
            "adagrad" => new Adagrad(parameters, lr, Golden.Float(o, "lr_decay", 0f), wd,
                                     Golden.Float(o, "initial_accumulator_value", 0f), Golden.Float(o, "eps", 1e-10f)),
            "rmsprop" => new RmsProp(parameters, lr, Golden.Float(o, "alpha", 0.99f), Golden.Float(o, "eps", 1e-8f), wd,
                                     Golden.Float(o, "momentum", 0f), Golden.Bool(o, "centered")),
            "adam" => new Adam(parameters, lr, Betas(o), Golden.Float(o, "eps", 1e-8f), wd, Golden.Bool(o, "amsgrad")),
            "adamw" => new AdamW(parameters, lr, Betas(o), Golden.Float(o, "eps", 1e-8f), Golden.Float(o, "weight_decay", 1e-2f),
                                 Golden.Bool(o, "amsgrad")),
            var other => throw new InvalidOperationException($"unknown optimizer {other}"),
        };
    }

    private static (float, float)? Betas(JsonElement o) =>
        o.TryGetProperty("betas", out var b) ? (b[0].GetSingle(), b[1].GetSingle()) : null;

    private static float TrainStep(Module model, Optimizer opt, Tensor x, Tensor y)
    {
        opt.ZeroGrad();
        var loss = Functional.MseLoss(model.Forward(x), y);
        loss.Backward();
        opt.Step();
        return loss.Item();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Optimizer_25Steps_MatchesPyTorchTrajectory(string name)
    {
        var root = Golden.Load(File);
        var c = Golden.Case(File, name);
        var x = Golden.Tensor(root.GetProperty("x"));
        var y = Golden.Tensor(root.GetProperty("y"));
        var model = Model();
        var opt = Create(c, model.Parameters());
        var losses = Golden.Floats(c.GetProperty("losses"));
        var records = c.GetProperty("records").EnumerateArray().ToDictionary(r => r.GetProperty("step").GetInt32());
        for (int step = 1; step <= losses.Length; step++)
        {
            float loss = TrainStep(model, opt, x, y);
            // The loss is a mean over 16 values, and the trajectory compounds rounding over the steps: 1e-4.
            Close.Scalar(losses[step - 1], loss, 1e-4, $"{name}: loss before step {step}");
            if (records.TryGetValue(step, out var record))
            {
                var named = model.NamedParameters().ToDictionary(p => p.Key, p => p.Value);
                // NOTE: Adagrad with weight decay drifts a weight that sits near 0 by ~1.3e-7 over 15 steps once the
                // sums are pairwise and the GEMM's k-chain is blocked (issue 18, defect 10): 2e-4 at the 1e-3 floor.
                double rel = name == "adagrad_weight_decay" ? 2e-4 : 1e-4;
                foreach (var p in record.GetProperty("params").EnumerateObject())
                {
                    Close.All(Golden.Floats(p.Value), named[p.Name].AsSpan(), rel, $"{name}: {p.Name} after step {step}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Optimizer_SaveAndResumeAfter10Steps_StaysOnPyTorchTrajectory(string name)
    {
        var root = Golden.Load(File);
        var c = Golden.Case(File, name);
        var x = Golden.Tensor(root.GetProperty("x"));
        var y = Golden.Tensor(root.GetProperty("y"));
        var model = Model();
        var opt = Create(c, model.Parameters());
        for (int step = 1; step <= 10; step++)
        {
            TrainStep(model, opt, x, y);
        }
        var weights = model.StateDict();
        var state = opt.StateDict();

        // A fresh model and optimizer, restored from the checkpoint, continue to step 25.
        var resumed = Model();
        resumed.LoadStateDict(weights);
        var opt2 = Create(c, resumed.Parameters());
        opt2.LoadStateDict(state);
        Assert.Equal(10, opt2.StepCount);
        for (int step = 11; step <= 25; step++)
        {
            TrainStep(resumed, opt2, x, y);
        }
        var last = c.GetProperty("records").EnumerateArray().Single(r => r.GetProperty("step").GetInt32() == 25);
        var named = resumed.NamedParameters().ToDictionary(p => p.Key, p => p.Value);
        foreach (var p in last.GetProperty("params").EnumerateObject())
        {
            Close.All(Golden.Floats(p.Value), named[p.Name].AsSpan(), 1e-4, $"{name} resumed: {p.Name} after step 25");
        }
    }
}
