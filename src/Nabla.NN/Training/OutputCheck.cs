using Nabla.NN.Data;

namespace Nabla.NN.Training;

/// <summary>
/// Checks, before the first training step, that the model's output layer and the loss fit the task, so a
/// mismatch fails with a sentence instead of a shape error deep in the loss (or silent nonsense).
/// </summary>
public static class OutputCheck
{
    /// <summary>
    /// Runs the first training sample through <paramref name="model"/> (no gradient, evaluation mode) and checks
    /// the output width and the loss against <paramref name="task"/>. Throws <see cref="InvalidOperationException"/>
    /// naming the problem and the fix.
    /// </summary>
    /// <returns>How the outputs are to be read (logits or probabilities).</returns>
    public static OutputKind Validate(Module model, Loss loss, TaskSpec task, TensorDataset train)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(train);
        Tensor output;
        bool wasTraining = model.Training;
        model.Eval();
        try
        {
            using var _ = GradMode.NoGrad();
            output = model.Forward(train.Features.Slice(0, 0, 1));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"The model cannot process one training sample of shape {SampleShape(train.Features)}: {e.Message}", e);
        }
        finally
        {
            model.Train(wasTraining);
        }
        if (output.Rank is 0 or > 2 || output.Shape[0] != 1)
            throw new InvalidOperationException(
                $"For one input sample the model returned shape {output.Shape}; the trainer expects [1] or [1, outputs] (a batch dimension first).");
        int width = output.Rank == 1 ? 1 : output.Shape[1];
        string last = LastLayer(model);
        string outputs = width == 1 ? "1 output" : $"{width} outputs";
        string lossName = loss.GetType().Name;

        // A final Softmax or Sigmoid turns logits into probabilities, which a logits loss squashes a second time:
        // training runs but learns slowly and reports a wrong loss. Say so before the first step.
        var lastModule = model.NamedModules().LastOrDefault().Value;
        if (lastModule is Softmax && loss is CrossEntropyLoss)
            throw new InvalidOperationException(
                "The model ends with Softmax, but CrossEntropyLoss takes logits (it applies log-softmax itself), so the probabilities would be squashed twice: " +
                "remove the final Softmax (Predict still reports probabilities), or end with LogSoftmax and use NllLoss.");
        if (lastModule is Sigmoid && loss is BceWithLogitsLoss)
            throw new InvalidOperationException(
                "The model ends with Sigmoid, but BceWithLogitsLoss takes logits (it applies the sigmoid itself), so the probabilities would be squashed twice: " +
                "remove the final Sigmoid (Predict still reports probabilities), or keep it and use BceLoss.");

        switch (task.Kind)
        {
            case TaskKind.MulticlassClassification:
                if (width != task.NumClasses)
                    throw new InvalidOperationException(
                        $"{task} but the last layer{last} has {outputs}: it needs {task.NumClasses} outputs (one logit per class) with CrossEntropyLoss.");
                if (loss is not (CrossEntropyLoss or NllLoss))
                    throw new InvalidOperationException(
                        $"{task} needs CrossEntropyLoss (on logits) or NllLoss (on log-probabilities), not {lossName}.");
                return OutputKind.Logits;

            case TaskKind.BinaryClassification:
                if (width == 1)
                {
                    if (loss is BceWithLogitsLoss) return OutputKind.Logits;
                    if (loss is BceLoss)
                    {
                        float v = output.AsSpan()[0];
                        if (!(v >= 0 && v <= 1))
                            throw new InvalidOperationException(
                                $"BceLoss expects probabilities in [0, 1] but the model output {v}: end the model with Sigmoid, or use BceWithLogitsLoss on the raw output (more stable).");
                        return OutputKind.Probabilities;
                    }
                    throw new InvalidOperationException(
                        $"{task} with 1 output needs BceWithLogitsLoss (or BceLoss after a Sigmoid), not {lossName}.");
                }
                if (width == 2)
                {
                    if (loss is CrossEntropyLoss or NllLoss) return OutputKind.Logits;
                    throw new InvalidOperationException($"{task} with 2 outputs needs CrossEntropyLoss, not {lossName}.");
                }
                throw new InvalidOperationException(
                    $"{task} but the last layer{last} has {outputs}: use 1 output with BceWithLogitsLoss, or 2 with CrossEntropyLoss.");

            default:
                if (loss is CrossEntropyLoss or NllLoss or BceLoss or BceWithLogitsLoss)
                    throw new InvalidOperationException(
                        $"{task} but {lossName} is a classification loss: use MseLoss, L1Loss or HuberLoss (or give the task explicitly if the targets are class labels).");
                if (width != task.TargetWidth)
                    throw new InvalidOperationException(
                        $"{task} but the last layer{last} has {outputs}: it needs {task.TargetWidth} (one per target value).");
                return OutputKind.Logits;
        }
    }

    private static string SampleShape(Tensor features) => new Shape(features.Shape.Dims.Skip(1).ToArray()).ToString();

    /// <summary>" (Dense(16 -> 1))" for the last module that owns parameters, or "" if none.</summary>
    private static string LastLayer(Module model)
    {
        var lastWithParameters = model.NamedModules().LastOrDefault(m => m.Value.OwnParameters().Any()).Value;
        if (lastWithParameters is null) return "";
        string text = lastWithParameters.ToString() ?? lastWithParameters.TypeName;
        return text.Contains('\n', StringComparison.Ordinal) ? "" : $" ({text})";
    }
}
