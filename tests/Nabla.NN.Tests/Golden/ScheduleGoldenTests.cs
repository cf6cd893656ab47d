using System.Text.Json;
using Nabla.NN.Optim;
using Nabla.NN.Schedules;

namespace Nabla.NN.Tests;

/// <summary>Learning-rate sequences of every schedule against PyTorch's (schedules.json).</summary>
public class ScheduleGoldenTests
{
    private const string File = "schedules.json";

    public static TheoryData<string> Cases => Golden.CaseNames(File);

    private static LrScheduler Create(JsonElement c, Optimizer opt)
    {
        var o = c.GetProperty("options");
        float F(string k) => o.GetProperty(k).GetSingle();
        int I(string k) => o.GetProperty(k).GetInt32();
        return c.GetProperty("schedule").GetString() switch
        {
            "step" => new StepLR(opt, I("step_size"), F("gamma")),
            "multi_step" => new MultiStepLR(opt, o.GetProperty("milestones").EnumerateArray().Select(m => m.GetInt32()), F("gamma")),
            "exponential" => new ExponentialLR(opt, F("gamma")),
            "cosine" => new CosineAnnealingLR(opt, I("t_max"), F("eta_min")),
            "linear" => new LinearLR(opt, F("start_factor"), F("end_factor"), I("total_iters")),
            "one_cycle" => new OneCycleLR(opt, F("max_lr"), I("total_steps"),
                pctStart: Golden.Float(o, "pct_start", 0.3f),
                annealStrategy: o.TryGetProperty("anneal_strategy", out var a) && a.GetString() == "linear" ? AnnealStrategy.Linear : AnnealStrategy.Cos,
                divFactor: Golden.Float(o, "div_factor", 25f),
                finalDivFactor: Golden.Float(o, "final_div_factor", 1e4f),
                threePhase: Golden.Bool(o, "three_phase")),
            var other => throw new InvalidOperationException(other),
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Schedule_Epochs_MatchPyTorchLearningRates(string name)
    {
        var c = Golden.Case(File, name);
        var opt = new Sgd([new Parameter(Tensor.Zeros(1))], lr: 0.1f, momentum: 0.9f);
        var lrs = Golden.Doubles(c.GetProperty("lrs"));
        if (c.GetProperty("schedule").GetString() == "reduce_on_plateau")
        {
            var o = c.GetProperty("options");
            var plateau = new ReduceLROnPlateau(opt,
                o.GetProperty("mode").GetString() == "max" ? PlateauMode.Max : PlateauMode.Min,
                o.GetProperty("factor").GetSingle(), o.GetProperty("patience").GetInt32(), o.GetProperty("threshold").GetSingle(),
                o.GetProperty("threshold_mode").GetString() == "abs" ? ThresholdMode.Abs : ThresholdMode.Rel,
                o.GetProperty("cooldown").GetInt32(), o.GetProperty("min_lr").GetSingle(), o.GetProperty("eps").GetSingle());
            var metrics = Golden.Doubles(c.GetProperty("metrics"));
            for (int e = 0; e < lrs.Length; e++)
            {
                Close.Scalar(lrs[e], plateau.Lr, 1e-9, $"{name}: lr of epoch {e}");
                Close.Scalar(lrs[e], opt.Lr, 1e-6, $"{name}: optimizer lr of epoch {e}");
                plateau.Step(metrics[e]);
            }
            return;
        }
        var schedule = Create(c, opt);
        double[]? momentums = c.TryGetProperty("momentums", out var m) ? Golden.Doubles(m) : null;
        for (int e = 0; e < lrs.Length; e++)
        {
            Close.Scalar(lrs[e], schedule.Lr, 1e-9, $"{name}: lr of epoch {e}");
            Close.Scalar(lrs[e], opt.Lr, 1e-6, $"{name}: optimizer lr of epoch {e}");
            if (momentums is not null)
            {
                Close.Scalar(momentums[e], ((IMomentumOptimizer)opt).Momentum, 1e-6, $"{name}: momentum of epoch {e}");
            }
            if (e < lrs.Length - 1)
            {
                schedule.Step();
            }
        }
    }
}
