using Nabla.Cli.Options;
using Nabla.Cli.Parsing;
using Nabla.NN;
using Nabla.NN.Optim;
using Nabla.NN.Registries;
using Nabla.NN.Training;

namespace Nabla.Cli.Execution;

/// <summary>
/// Hands the names in <see cref="TrainOptions"/> to the library's registries (<see cref="LossRegistry"/>,
/// <see cref="OptimizerRegistry"/>, <see cref="ScheduleRegistry"/>, <see cref="ModeRegistry"/>): no name -> object table lives in the CLI.
/// </summary>
public static class TrainingSetup
{
    /// <summary>The loss used: <c>auto</c> resolved from the task; a loss that does not fit the task is a usage error.</summary>
    public static LossRow ResolveLoss(string loss, TaskSpec task)
    {
        try { return LossRegistry.Resolve(loss, task); }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
    }

    /// <summary>The learning rate used: the flag, or the optimizer's registered default.</summary>
    public static float LearningRate(TrainOptions o) => o.Lr ?? OptimizerRegistry.All[o.Optimizer].DefaultLr;

    /// <summary>The optimizer over <paramref name="parameters"/>.</summary>
    public static Optimizer CreateOptimizer(TrainOptions o, IEnumerable<Parameter> parameters) =>
        OptimizerRegistry.All[o.Optimizer].Create(parameters, LearningRate(o), o.WeightDecay);

    /// <summary>The schedule as a training callback, or null for a constant learning rate.</summary>
    public static Callback? CreateSchedule(TrainOptions o, Optimizer optimizer) =>
        ScheduleRegistry.All[o.Schedule].Create(optimizer, o.Epochs, LearningRate(o));

    /// <summary><paramref name="loss"/> with the class weights of <c>--class-weight</c>, or unchanged without it.</summary>
    public static Loss WeightClasses(TrainOptions o, Loss loss, Nabla.NN.Models.TrainingData data)
    {
        if (o.ClassWeight is null) return loss;
        if (!data.Task.IsClassification)
            throw new UsageException($"--class-weight applies to classification, but {data.Name} is a {data.Task}.");
        try { return ClassWeights.Apply(loss, ClassWeights.Parse(o.ClassWeight, ClassNames(data), data.Split.Train.Targets)); }
        catch (ArgumentException e) { throw new UsageException("--class-weight: " + e.Message); }
    }

    /// <summary>The data's class names, or the class indices as text when it has none.</summary>
    public static IReadOnlyList<string> ClassNames(Nabla.NN.Models.TrainingData data) =>
        data.ClassNames ?? Enumerable.Range(0, data.Task.NumClasses).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The gradient-descent mode: whole set, mini-batches of the given size, or one sample per step.</summary>
    public static Nabla.NN.Data.GradientDescentMode Mode(TrainOptions o) => ModeRegistry.All[o.Mode].Create(o.BatchSize);
}
