namespace Nabla.NN.Training;

/// <summary>Whether a monitored quantity improves by going down or up.</summary>
public enum MonitorMode
{
    /// <summary>Decide from the name: losses and errors (loss, mse, rmse, mae) go down, everything else up.</summary>
    Auto,

    /// <summary>Smaller is better.</summary>
    Min,

    /// <summary>Larger is better.</summary>
    Max,
}

/// <summary>Tracks the best value of one history key (shared by early stopping and best-model checkpoints).</summary>
internal sealed class MonitoredValue(string monitor, MonitorMode mode, double minDelta)
{
    private bool? minimise;

    public string Name { get; private set; } = monitor;

    public double Best { get; private set; } = double.NaN;

    public int BestEpoch { get; private set; }

    /// <summary>Resolves the key (falling back from val_X to X without validation) at the start of training.</summary>
    public void Begin(TrainingContext context, string owner)
    {
        if (!context.HasValidation && Name.StartsWith("val_", StringComparison.Ordinal))
        {
            string fallback = Name["val_".Length..];
            context.Warn($"{owner} monitors '{Name}' but there is no validation set; monitoring '{fallback}' (training data) instead.");
            Name = fallback;
        }
        minimise = mode switch
        {
            MonitorMode.Min => true,
            MonitorMode.Max => false,
            _ => IsError(Name),
        };
        Best = double.NaN;
        BestEpoch = 0;
    }

    /// <summary>Puts back the best value and its epoch (after <see cref="Begin"/>, when resuming from a checkpoint).</summary>
    public void Restore(double best, int bestEpoch)
    {
        Best = best;
        BestEpoch = bestEpoch;
    }

    /// <summary>Reads the value from the record; true when it improved on the best by more than minDelta.</summary>
    public bool Update(EpochRecord record, out double value)
    {
        if (record.Get(Name) is not double v)
            throw new InvalidOperationException(
                $"'{Name}' is not in the training history; available: {string.Join(", ", record.Metrics.Keys)}.");
        value = v;
        if (double.IsNaN(v)) return false;
        bool better = double.IsNaN(Best) || (minimise!.Value ? v < Best - minDelta : v > Best + minDelta);
        if (better) { Best = v; BestEpoch = record.Epoch; }
        return better;
    }

    private static bool IsError(string name)
    {
        string bare = name.StartsWith("val_", StringComparison.Ordinal) ? name[4..] : name;
        return bare is "loss" or "mse" or "rmse" or "mae" || bare.EndsWith("loss", StringComparison.Ordinal) || bare.EndsWith("error", StringComparison.Ordinal);
    }
}
