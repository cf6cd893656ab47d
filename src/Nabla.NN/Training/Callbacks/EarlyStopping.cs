using System.Globalization;

namespace Nabla.NN.Training;

/// <summary>
/// Stops training when a monitored value (by default <c>val_loss</c>) has not improved by more than
/// <see cref="MinDelta"/> for <see cref="Patience"/> epochs, optionally putting back the weights of the best epoch.
/// </summary>
public sealed class EarlyStopping : Callback, IStatefulCallback
{
    private readonly MonitoredValue monitored;
    private Dictionary<string, Tensor>? bestWeights;
    private int wait;

    /// <summary>Creates the callback.</summary>
    /// <param name="monitor">History key to watch: "val_loss", "val_accuracy", "loss", ... (falls back to the training value without validation).</param>
    /// <param name="patience">Epochs without improvement tolerated before stopping (at least 1).</param>
    /// <param name="minDelta">Smallest change that counts as an improvement (non-negative).</param>
    /// <param name="mode">Whether smaller or larger is better; Auto decides from the name.</param>
    /// <param name="restoreBestWeights">At the end of training, load the weights of the best epoch into the model.</param>
    public EarlyStopping(string monitor = "val_loss", int patience = 5, double minDelta = 0, MonitorMode mode = MonitorMode.Auto, bool restoreBestWeights = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(monitor);
        if (patience < 1) throw new ArgumentOutOfRangeException(nameof(patience), $"patience must be at least 1 epoch, got {patience}.");
        if (minDelta < 0 || double.IsNaN(minDelta)) throw new ArgumentOutOfRangeException(nameof(minDelta), $"minDelta must be non-negative, got {minDelta}.");
        monitored = new MonitoredValue(monitor, mode, minDelta);
        Patience = patience;
        MinDelta = minDelta;
        RestoreBestWeights = restoreBestWeights;
    }

    /// <summary>Epochs without improvement tolerated.</summary>
    public int Patience { get; }

    /// <summary>Smallest change counted as improvement.</summary>
    public double MinDelta { get; }

    /// <summary>Whether the best epoch's weights are restored at the end.</summary>
    public bool RestoreBestWeights { get; }

    /// <summary>The history key being watched (after any fallback).</summary>
    public string Monitor => monitored.Name;

    /// <summary>Best value seen (NaN before the first epoch).</summary>
    public double Best => monitored.Best;

    /// <summary>Epoch of the best value (0 before the first epoch).</summary>
    public int BestEpoch => monitored.BestEpoch;

    /// <summary>The epoch after which training was stopped, or 0 if it was not.</summary>
    public int StoppedEpoch { get; private set; }

    /// <inheritdoc/>
    public override void OnTrainBegin(TrainingContext context)
    {
        monitored.Begin(context, "EarlyStopping");
        bestWeights = null;
        wait = 0;
        StoppedEpoch = 0;
        if (context.TakeResumedState(this) is not { } resumed) return;
        LoadState(resumed);
        // The saved run had decided to stop after this epoch; the resumed one stops before training another.
        if (StoppedEpoch > 0) context.StopTraining(StopMessage(StoppedEpoch));
    }

    /// <inheritdoc/>
    public string StateKey => "early_stopping";

    /// <inheritdoc/>
    public CallbackState SaveState()
    {
        var state = new CallbackState();
        state.Values["best"] = Best;
        state.Values["best_epoch"] = BestEpoch;
        state.Values["wait"] = wait;
        state.Values["stopped_epoch"] = StoppedEpoch;
        if (bestWeights is not null) foreach (var (name, t) in bestWeights) state.Tensors[name] = t;
        return state;
    }

    /// <inheritdoc/>
    public void LoadState(CallbackState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        monitored.Restore(state.Double("best"), state.Int("best_epoch"));
        wait = state.Int("wait");
        StoppedEpoch = state.Int("stopped_epoch");
        bestWeights = RestoreBestWeights && state.Tensors.Count > 0 ? new Dictionary<string, Tensor>(state.Tensors, StringComparer.Ordinal) : null;
    }

    private string StopMessage(int epoch) =>
        $"Early stopping after epoch {epoch}: '{Monitor}' has not improved for {Patience} epochs " +
        $"(best {Best.ToString("G6", CultureInfo.InvariantCulture)} at epoch {BestEpoch}).";

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        if (monitored.Update(record, out _))
        {
            wait = 0;
            if (RestoreBestWeights) bestWeights = context.Model.StateDict();
            return;
        }
        if (++wait >= Patience)
        {
            StoppedEpoch = record.Epoch;
            context.StopTraining(StopMessage(record.Epoch));
        }
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(TrainingContext context)
    {
        if (RestoreBestWeights && bestWeights is not null && context.History.Last?.Epoch != BestEpoch)
        {
            context.Model.LoadStateDict(bestWeights);
            context.Warn($"Restored the weights of epoch {BestEpoch} ('{Monitor}' = {Best.ToString("G6", CultureInfo.InvariantCulture)}).");
        }
    }
}
