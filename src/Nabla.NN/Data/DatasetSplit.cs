using Nabla.NN.Training;

namespace Nabla.NN.Data;

/// <summary>A dataset cut into training, validation and test parts (validation or test may be empty, then null).</summary>
/// <param name="Train">The samples to fit on.</param>
/// <param name="Validation">Samples for early stopping and model selection, or null when none were asked for.</param>
/// <param name="Test">Held-out samples for the final score, or null when none were asked for.</param>
public sealed record DatasetSplit(TensorDataset Train, TensorDataset? Validation, TensorDataset? Test)
{
    /// <summary>
    /// Splits <paramref name="dataset"/> at random (fixed by <paramref name="seed"/>) into train / validation / test.
    /// </summary>
    /// <param name="dataset">The samples.</param>
    /// <param name="validationFraction">Share of samples for validation, in [0, 1).</param>
    /// <param name="testFraction">Share of samples for testing, in [0, 1); the two together must be below 1.</param>
    /// <param name="seed">Seed of the shuffle: the same seed gives the same split.</param>
    /// <param name="stratify">
    /// Keep each class's share equal in every part. Null (the default) stratifies exactly when the targets look like
    /// class labels (<see cref="TaskInference.Infer"/> says binary or multiclass).
    /// </param>
    /// <remarks>
    /// Part sizes are round(N * fraction). With stratification each class c of n_c samples gives
    /// floor(n_c * fraction) samples to a part, and the samples still missing to reach the part's size go to the
    /// classes with the largest remainders (Hamilton's method), so the totals are exact and every class is split
    /// as evenly as integers allow. Each part is then shuffled so classes are interleaved.
    /// </remarks>
    public static DatasetSplit Split(TensorDataset dataset, double validationFraction, double testFraction, ulong seed, bool? stratify = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (validationFraction is < 0 or >= 1 || double.IsNaN(validationFraction))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), $"validationFraction must be in [0, 1), got {validationFraction}.");
        if (testFraction is < 0 or >= 1 || double.IsNaN(testFraction))
            throw new ArgumentOutOfRangeException(nameof(testFraction), $"testFraction must be in [0, 1), got {testFraction}.");
        if (validationFraction + testFraction >= 1)
            throw new ArgumentException($"validationFraction ({validationFraction}) + testFraction ({testFraction}) must leave samples for training (sum below 1).");

        int n = dataset.Count;
        int nVal = (int)Math.Round(n * validationFraction), nTest = (int)Math.Round(n * testFraction);
        if (n - nVal - nTest < 1)
            throw new ArgumentException($"A dataset of {n} samples leaves no training samples with these fractions.");
        var rng = new Rng(seed);
        bool strat = stratify ?? TaskInference.Infer(dataset.Targets).IsClassification;

        List<int> train = [], val = [], test = [];
        if (!strat)
        {
            int[] perm = rng.Permutation(n);
            test.AddRange(perm.AsSpan(0, nTest).ToArray());
            val.AddRange(perm.AsSpan(nTest, nVal).ToArray());
            train.AddRange(perm.AsSpan(nTest + nVal).ToArray());
        }
        else
        {
            int[] labels = PredictionSet.Labels(dataset.Targets, "targets to stratify");
            int classes = labels.Max() + 1;
            var byClass = new List<int>[classes];
            for (int c = 0; c < classes; c++) byClass[c] = [];
            for (int i = 0; i < n; i++) byClass[labels[i]].Add(i);
            foreach (var members in byClass)
            {
                var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(members);
                rng.Shuffle(span);
            }
            int[] counts = byClass.Select(m => m.Count).ToArray();
            int[] testPer = Apportion(counts, testFraction, nTest);
            int[] remaining = counts.Select((c, k) => c - testPer[k]).ToArray();
            // Validation is apportioned from the original class sizes, capped by what test left.
            int[] valPer = Apportion(counts, validationFraction, nVal, remaining);
            for (int c = 0; c < classes; c++)
            {
                var m = byClass[c];
                test.AddRange(m.GetRange(0, testPer[c]));
                val.AddRange(m.GetRange(testPer[c], valPer[c]));
                train.AddRange(m.GetRange(testPer[c] + valPer[c], m.Count - testPer[c] - valPer[c]));
            }
            foreach (var part in new[] { train, val, test })
                rng.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(part));
        }
        return new DatasetSplit(
            dataset.Subset(train),
            val.Count == 0 ? null : dataset.Subset(val),
            test.Count == 0 ? null : dataset.Subset(test));
    }

    /// <summary>Largest-remainder apportionment of <paramref name="total"/> among classes proportionally to their sizes.</summary>
    private static int[] Apportion(int[] sizes, double fraction, int total, int[]? caps = null)
    {
        caps ??= sizes;
        var result = new int[sizes.Length];
        var remainders = new double[sizes.Length];
        int assigned = 0;
        for (int c = 0; c < sizes.Length; c++)
        {
            double exact = sizes[c] * fraction;
            result[c] = Math.Min((int)Math.Floor(exact), caps[c]);
            remainders[c] = exact - Math.Floor(exact);
            assigned += result[c];
        }
        // Hand out the rest one by one, largest remainder first (ties: lower class index), within each class's cap.
        var byRemainder = Enumerable.Range(0, sizes.Length).OrderByDescending(c => remainders[c]).ThenBy(c => c).ToArray();
        while (assigned < total)
        {
            bool progressed = false;
            foreach (int c in byRemainder)
            {
                if (assigned == total) break;
                if (result[c] < caps[c]) { result[c]++; assigned++; progressed = true; }
            }
            if (!progressed) break;
        }
        return result;
    }
}
