using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Training;

namespace Nabla.NN.Tests;

/// <summary>
/// Runs the non-GEMM kernels (activations and their gradients, bias + activation in the fused MLP step, softmax
/// cross-entropy, reductions, every optimizer's update) on fixed inputs, so a child process that runs narrower ISA
/// paths (IsaPathTests) can be compared with this one.
/// </summary>
internal static class KernelProbe
{
    /// <summary>Kernel name and its output, in a fixed order.</summary>
    public static List<(string Name, float[] Values)> Run()
    {
        var results = new List<(string, float[])>();
        void Add(string name, Tensor t) => results.Add((name, t.ToArray()));

        // 7 x 149 = 1043 elements: whole 512- and 256-bit vectors and an odd tail; values over the activations'
        // interesting ranges (tiny, around 0, saturating, very negative).
        float[] x = new float[7 * 149];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(Math.Sin(i * 0.37) * 9 * Math.Pow(10, (i % 11) - 8));
        x[0] = 0f; x[1] = -0f; x[2] = 40f; x[3] = -40f; x[4] = -100f;
        foreach (var (name, op) in Unary())
        {
            var t = Tensor.FromArray(x, 7, 149);
            t.RequiresGrad = true;
            Tensor y = op(t);
            Add(name, y);
            y.Sum().Backward();
            Add(name + " grad", t.Grad!);
        }
        var m = Tensor.FromArray(x, 7, 149);
        Add("sum", m.Sum());
        Add("sum dim 0", m.Sum(0));
        Add("sum dim 1", m.Sum(1));
        Add("mean dim 1", m.Mean(1));
        Add("softmax", m.Softmax(1));
        Add("log-softmax", m.LogSoftmax(1));
        Add("long sum", Tensor.Full(0.1f, 100_003).Sum());

        Add("fused MLP step", FusedTraining());
        foreach (var (name, create) in Optimizers())
        {
            var p = new Parameter(Tensor.FromArray(x.Concat(x).Concat(x).ToArray(), 3 * x.Length));
            Optimizer opt = create(p);
            for (int step = 0; step < 2; step++)
            {
                p.Grad = Tensor.FromArray(x.Select((v, i) => MathF.Sin(v + i + step)).Concat(x).Concat(x).ToArray(), 3 * x.Length);
                opt.Step();
            }
            Add(name, p.Value);
        }
        return results;
    }

    private static (string, Func<Tensor, Tensor>)[] Unary() =>
    [
        ("relu", t => t.Relu()), ("tanh", t => t.Tanh()), ("sigmoid", t => t.Sigmoid()), ("gelu", t => t.Gelu()),
        ("silu", t => t.Silu()), ("softplus", t => t.Softplus()), ("elu", t => t.Elu()), ("leaky relu", t => t.LeakyRelu()),
        ("exp", t => (t * 0.1f).Exp()),
    ];

    private static (string, Func<Parameter, Optimizer>)[] Optimizers() =>
    [
        ("adam", p => new Adam([p], lr: 0.01f, weightDecay: 0.01f, amsgrad: true)),
        ("adamw", p => new AdamW([p], lr: 0.01f)),
        ("sgd", p => new Sgd([p], lr: 0.1f, momentum: 0.9f, nesterov: true, weightDecay: 0.01f)),
        ("rmsprop", p => new RmsProp([p], lr: 0.01f, momentum: 0.9f, centered: true)),
        ("adagrad", p => new Adagrad([p], lr: 0.1f, lrDecay: 0.01f, weightDecay: 0.01f)),
    ];

    /// <summary>Weights after a few fused steps (bias + ReLU/tanh/LeakyReLU/sigmoid forward and backward, softmax cross-entropy, Adam).</summary>
    private static Tensor FusedTraining()
    {
        var rng = new Rng(5);
        var data = new TensorDataset(Tensor.Randn(rng, 60, 37),
            Tensor.FromArray(Enumerable.Range(0, 60).Select(i => (float)(i % 3)).ToArray(), 60));
        var model = new Sequential(new Dense(37, 40, rng: new Rng(1)), new ReLU(), new Dense(40, 19, rng: new Rng(2)), new Tanh(),
            new Dense(19, 17, rng: new Rng(3)), new LeakyReLU(), new Dense(17, 13, rng: new Rng(4)), new Sigmoid(),
            new Dense(13, 3, rng: new Rng(5)));
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters(), 0.01f),
            new TrainerOptions { Seed = 3, Diagnostics = new() { Enabled = false } });
        trainer.Fit(data, 2, GradientDescentMode.MiniBatch(16));
        if (!trainer.UsedFusedPath) throw new InvalidOperationException("The probe's MLP did not take the fused path.");
        return Tensor.FromArray(model.Parameters().SelectMany(p => p.Value.ToArray()).ToArray(), model.Parameters().Sum(p => p.Size));
    }
}

/// <summary>
/// The test assembly's entry point (GenerateProgramFile is off): <c>dotnet Nabla.NN.Tests.dll --kernel-probe</c>
/// prints <see cref="KernelProbe"/>'s results, one "name|bits,bits,..." per line (each float's bits in hex, so the
/// parent reads back exactly what was computed); the test runner never calls it.
/// </summary>
internal static class TestAssemblyEntry
{
    public static int Main(string[] args)
    {
        if (args is not ["--kernel-probe"]) return 0;
        foreach (var (name, values) in KernelProbe.Run())
            Console.WriteLine($"{name}|{string.Join(',', values.Select(v => BitConverter.SingleToInt32Bits(v).ToString("x", System.Globalization.CultureInfo.InvariantCulture)))}");
        return 0;
    }
}
