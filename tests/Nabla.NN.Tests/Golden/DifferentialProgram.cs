using System.Text.Json;
using Nabla.NN.Optim;
using Nabla.NN.Schedules;

namespace Nabla.NN.Tests;

/// <summary>
/// Runs one case of tests/reference/golden/differential.json through Nabla: builds the inputs, evaluates the
/// program node by node, backpropagates the stored upstream gradient (the format is described in
/// tests/reference/make_differential.py).
/// </summary>
internal static class DifferentialProgram
{
    public static float Number(JsonElement v) => v.ValueKind == JsonValueKind.String
        ? v.GetString() switch { "nan" => float.NaN, "inf" => float.PositiveInfinity, "-inf" => float.NegativeInfinity, var s => throw new FormatException(s) }
        : v.GetSingle();

    public static float[] Numbers(JsonElement array)
    {
        var result = new float[array.GetArrayLength()];
        int i = 0;
        foreach (var v in array.EnumerateArray()) result[i++] = Number(v);
        return result;
    }

    private static int[] Ints(JsonElement array) => array.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    public static Tensor Input(JsonElement spec)
    {
        int[] shape = Ints(spec.GetProperty("s"));
        float[] data;
        if (spec.TryGetProperty("d", out var d)) data = Numbers(d);
        else
        {
            // x_i = a + b (i % m), in float32 as numpy computes it.
            var p = Numbers(spec.GetProperty("p"));
            int size = shape.Aggregate(1, (x, y) => x * y), m = (int)p[2];
            data = new float[size];
            for (int i = 0; i < size; i++) data[i] = p[0] + p[1] * (float)(i % m);
        }
        var t = Tensor.FromBuffer(data, new Shape(shape));
        t.RequiresGrad = !(spec.TryGetProperty("c", out var c) && c.GetBoolean());
        return t;
    }

    /// <summary>Evaluates the case's program; returns the output and the inputs.</summary>
    public static (Tensor Output, Tensor[] Inputs) Run(JsonElement c)
    {
        var inputs = c.GetProperty("i").EnumerateArray().Select(Input).ToArray();
        var values = new List<Tensor>(inputs);
        foreach (var node in c.GetProperty("p").EnumerateArray())
        {
            var a = node.EnumerateArray().ToArray();
            string op = a[0].GetString()!;
            Tensor V(int k) => values[a[k].GetInt32()];
            float F(int k) => a[k].GetSingle();
            int I(int k) => a[k].GetInt32();
            bool B(int k) => a[k].GetBoolean();
            Reduction R(int k) => a[k].GetString() switch { "mean" => Reduction.Mean, "sum" => Reduction.Sum, _ => Reduction.None };
            values.Add(op switch
            {
                "neg" => -V(1),
                "exp" => V(1).Exp(),
                "log" => V(1).Log(),
                "sqrt" => V(1).Sqrt(),
                "abs" => V(1).Abs(),
                "sigmoid" => V(1).Sigmoid(),
                "tanh" => V(1).Tanh(),
                "relu" => V(1).Relu(),
                "softplus" => V(1).Softplus(),
                "gelu" => V(1).Gelu(),
                "silu" => V(1).Silu(),
                "square" => V(1).Square(),
                "log1p" => V(1).Log1p(),
                "expm1" => V(1).Expm1(),
                "gelu_tanh" => V(1).Gelu(tanhApproximation: true),
                "leaky_relu" => V(1).LeakyRelu(F(2)),
                "elu" => V(1).Elu(F(2)),
                "pow_s" => V(1).Pow(F(2)),
                "clamp" => V(1).Clamp(F(2), F(3)),
                "add_s" => V(1) + F(2),
                "mul_s" => V(1) * F(2),
                "rsub_s" => F(2) - V(1),
                "rdiv_s" => F(2) / V(1),
                "add" => V(1) + V(2),
                "sub" => V(1) - V(2),
                "mul" => V(1) * V(2),
                "div" => V(1) / V(2),
                "pow" => V(1).Pow(V(2)),
                "maximum" => Tensor.Maximum(V(1), V(2)),
                "minimum" => Tensor.Minimum(V(1), V(2)),
                "matmul" => V(1).MatMul(V(2)),
                "sum" => V(1).Sum(),
                "mean" => V(1).Mean(),
                "max" => V(1).Max(),
                "min" => V(1).Min(),
                "sum_dim" => V(1).Sum(I(2), B(3)),
                "mean_dim" => V(1).Mean(I(2), B(3)),
                "max_dim" => V(1).Max(I(2), B(3)),
                "min_dim" => V(1).Min(I(2), B(3)),
                "logsumexp" => V(1).LogSumExp(I(2), B(3)),
                "var" => V(1).Var(I(2), B(3), B(4)),
                "std" => V(1).Std(I(2), B(3), B(4)),
                "softmax" => V(1).Softmax(I(2)),
                "log_softmax" => V(1).LogSoftmax(I(2)),
                "transpose" => V(1).Transpose(I(2), I(3)),
                "reshape" => V(1).Reshape(Ints(a[2])),
                "where" => Tensor.Where(V(1), V(2), V(3)),
                "masked_fill" => V(1).MaskedFill(V(2), F(3)),
                "slice2" => V(1)[I(2)..I(3), I(4)..I(5)],
                "row" => V(1).Row(I(2)),
                "eq" => V(1).Eq(V(2)),
                "gt" => V(1).Gt(V(2)),
                "le" => V(1).Le(V(2)),
                "mse" => Functional.MseLoss(V(1), V(2), R(3)),
                "l1" => Functional.L1Loss(V(1), V(2), R(3)),
                "huber" => Functional.HuberLoss(V(1), V(2), F(3), R(4)),
                "bce" => Functional.BceLoss(V(1), V(2), R(3)),
                "bce_w" => Functional.BceLoss(V(1), V(2), R(4), V(3)),
                "bce_logits" => Functional.BceWithLogitsLoss(V(1), V(2), null, R(3)),
                "bce_logits_pw" => Functional.BceWithLogitsLoss(V(1), V(2), V(3), R(4)),
                "bce_logits_w" => Functional.BceWithLogitsLoss(V(1), V(2), null, R(4), V(3)),
                "ce" => Functional.CrossEntropyLoss(V(1), V(2), null, F(4), R(3)),
                "ce_w" => Functional.CrossEntropyLoss(V(1), V(2), V(3), F(5), R(4)),
                "ce_ii" => Functional.CrossEntropyLoss(V(1), V(2), null, 0f, R(3), I(4)),
                "ce_ii_ls" => Functional.CrossEntropyLoss(V(1), V(2), null, F(4), R(3), I(5)),
                "ce_ii_w" => Functional.CrossEntropyLoss(V(1), V(2), V(3), F(5), R(4), I(6)),
                "nll" => Functional.NllLoss(V(1), V(2), null, R(3)),
                "nll_w" => Functional.NllLoss(V(1), V(2), V(3), R(4)),
                "nll_ii" => Functional.NllLoss(V(1), V(2), null, R(3), I(4)),
                _ => throw new InvalidOperationException($"unknown op '{op}' in case {c.GetProperty("n").GetString()}"),
            });
        }
        return (values[^1], inputs);
    }

    /// <summary>Replays a schedule case; returns the optimizer's learning rate after each epoch (epoch 0 first).</summary>
    public static double[] Schedule(JsonElement c)
    {
        var opt = new Sgd([new Parameter(Tensor.Zeros(1))], lr: 0.1f, momentum: 0.9f);
        var made = new List<object>();
        foreach (var spec in c.GetProperty("sched").EnumerateArray())
        {
            var a = spec.EnumerateArray().ToArray();
            made.Add(a[0].GetString() switch
            {
                "step" => new StepLR(opt, a[1].GetInt32(), a[2].GetSingle()),
                "exponential" => new ExponentialLR(opt, a[1].GetSingle()),
                "multi_step" => new MultiStepLR(opt, Ints(a[1]), a[2].GetSingle()),
                "cosine" => new CosineAnnealingLR(opt, a[1].GetInt32(), a[2].GetSingle()),
                "linear" => new LinearLR(opt, a[1].GetSingle(), a[2].GetSingle(), a[3].GetInt32()),
                "plateau" => new ReduceLROnPlateau(opt, factor: a[1].GetSingle(), patience: a[2].GetInt32()),
                var k => throw new InvalidOperationException(k),
            });
        }
        var schedules = made.OfType<LrScheduler>().ToArray();
        object[] steppers = c.GetProperty("chain").GetString() switch
        {
            "chained" => [new ChainedScheduler(schedules)],
            "sequential" => [new SequentialLR(opt, schedules, Ints(c.GetProperty("ms")))],
            _ => [.. made],
        };
        double[] metrics = c.TryGetProperty("metrics", out var m) ? m.EnumerateArray().Select(v => v.GetDouble()).ToArray() : [];
        int epochs = c.GetProperty("lrs").GetArrayLength();
        var lrs = new double[epochs];
        lrs[0] = opt.Lr;
        for (int e = 1; e < epochs; e++)
        {
            foreach (var s in steppers)
            {
                if (s is ReduceLROnPlateau p) p.Step(metrics[e - 1]);
                else ((LrScheduler)s).Step();
            }
            lrs[e] = opt.Lr;
        }
        return lrs;
    }
}
