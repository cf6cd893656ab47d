using System.Globalization;
using Nabla.NN.Data;

namespace Nabla.NN.Training;

/// <summary>
/// Refuses data with NaN or infinite values before training starts, naming the first one by row and column (0-based,
/// as in the tensors), because one NaN feature turns every weight into NaN within a step and the loss says nothing
/// about where it came from.
/// </summary>
public static class FiniteCheck
{
    /// <summary>Checks features <c>[N, ...]</c> and targets <c>[N, ...]</c> of <paramref name="data"/>.</summary>
    /// <param name="data">The data set.</param>
    /// <param name="what">Its role in the message: "training", "validation".</param>
    /// <exception cref="ArgumentException">A value is NaN or infinite; the message gives row, column, value and fixes.</exception>
    public static void Validate(TensorDataset data, string what)
    {
        ArgumentNullException.ThrowIfNull(data);
        Check(data.Features, data.FeatureSize, what + " features");
        Check(data.Targets, data.TargetSize, what + " targets");
    }

    private static void Check(Tensor t, int width, string what)
    {
        var values = t.AsSpan();
        for (int i = 0; i < values.Length; i++)
        {
            if (float.IsFinite(values[i])) continue;
            int w = Math.Max(1, width);
            string value = float.IsNaN(values[i]) ? "NaN" : values[i] > 0 ? "+Infinity" : "-Infinity";
            int bad = 0;
            for (int j = i; j < values.Length; j++) if (!float.IsFinite(values[j])) bad++;
            throw new ArgumentException(
                $"The {what} (shape {t.Shape}) contain {value} at row {i / w}, column {i % w}" +
                (bad > 1 ? $" ({bad} non-finite values in all)" : "") +
                ": training would turn every weight into NaN. Remove or impute those rows (e.g. the column mean) before training.");
        }
    }
}
