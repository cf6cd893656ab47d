using Nabla.NN;
using Nabla.NN.Data;
using Nabla.NN.Training;
using Nabla.NN.Tuning;

namespace Nabla.Distributed.Tests;

/// <summary><see cref="Tuner"/> with a communicator: the ranks share the trials and all return one process's leaderboard.</summary>
public class DistributedTunerTests
{
    private static readonly SearchSpace Tiny = new()
    {
        Widths = [4, 8], Depths = [1, 2], LearningRates = [0.01f, 0.05f], WeightDecays = [0f], BatchSizes = [8, 16],
    };

    [Fact]
    public void Run_TrialsSplitOverThreeRanks_EveryRankGetsTheOneProcessLeaderboard()
    {
        var single = Tune(null, new List<int>());
        var reported = new List<int>[3];
        var boards = InProcessCommunicator.Run(3, c => Tune(c, reported[c.Rank] = []));
        foreach (var board in boards) Assert.Equal(single.ToCsv(), board.ToCsv());   // every number, bit for bit as printed
        for (int rank = 0; rank < 3; rank++)
        {
            // A rank reports its own trials as they finish (r, r + 3, ...), then the others' once shared: all 5, once each.
            int own = (5 - rank + 2) / 3;
            Assert.All(reported[rank].Take(own), trial => Assert.Equal(rank, trial % 3));
            Assert.Equal([0, 1, 2, 3, 4], reported[rank].Order());
        }
    }

    private static Leaderboard Tune(ICommunicator? communicator, List<int> reported)
    {
        var (x, y) = BuiltInDatasets.Moons(new Rng(2), count: 60).ToTensors();
        var data = new TensorDataset(x, y);
        var tuner = new Tuner(new TunerOptions
        {
            Space = Tiny, Trials = 5, Seed = 4, MaxEpochs = 4, Patience = 2, Parallelism = 1, Folds = 2, Communicator = communicator,
        });
        var progress = new Recorder(reported);
        return tuner.Run(data, new TaskSpec(TaskKind.MulticlassClassification, 2, 1), progress: progress);
    }

    /// <summary>Records the trial numbers reported, on the reporting thread (Progress&lt;T&gt; would post them later).</summary>
    private sealed class Recorder(List<int> trials) : IProgress<TrialResult>
    {
        public void Report(TrialResult value)
        {
            lock (trials) trials.Add(value.Trial);
        }
    }
}
