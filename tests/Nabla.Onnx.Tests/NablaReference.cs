using Nabla.NN;
using Nabla.NN.Training;

namespace Nabla.Onnx.Tests;

/// <summary>What Nabla itself answers for encoded rows, computed the way <c>nabla predict</c> does (probabilities in double).</summary>
internal static class NablaReference
{
    /// <summary>Regression values <c>[N, T]</c> (decoded with <paramref name="scale"/> when the target was standardised, as
    /// <c>Predictor</c> does), or class probabilities <c>[N, C]</c>, row-major.</summary>
    public static float[] Outputs(Sequential net, float[] encoded, int rows, TaskKind task, Nabla.NN.Data.TargetScale? scale = null)
    {
        Tensor y;
        using (GradMode.NoGrad()) y = net.Forward(Tensor.FromArray(encoded, rows, encoded.Length / rows));
        var z = y.ToArray();
        if (task == TaskKind.Regression)
        {
            scale?.DecodeInPlace(z);
            return z;
        }
        int width = z.Length / rows;
        var last = OutputHeads.LastLayer(net);
        var p = new float[rows * Math.Max(width, 2)];
        for (int i = 0; i < rows; i++)
        {
            if (width == 1)
            {
                double s = last is Sigmoid ? z[i] : 1 / (1 + Math.Exp(-z[i]));
                (p[2 * i], p[2 * i + 1]) = ((float)(1 - s), (float)s);
                continue;
            }
            var row = z.AsSpan(i * width, width);
            if (last is Softmax) { row.CopyTo(p.AsSpan(i * width)); continue; }
            if (last is LogSoftmax) { for (int c = 0; c < width; c++) p[i * width + c] = MathF.Exp(row[c]); continue; }
            double max = double.NegativeInfinity, sum = 0;
            foreach (float v in row) max = Math.Max(max, v);
            var e = new double[width];
            for (int c = 0; c < width; c++) sum += e[c] = Math.Exp(row[c] - max);
            for (int c = 0; c < width; c++) p[i * width + c] = (float)(e[c] / sum);
        }
        return p;
    }

    /// <summary>Index of the largest value of each row (the first on a tie).</summary>
    public static long[] ArgMax(float[] p, int width)
    {
        var labels = new long[p.Length / width];
        for (int i = 0; i < labels.Length; i++)
            for (int c = 1; c < width; c++)
                if (p[i * width + c] > p[i * width + labels[i]]) labels[i] = c;
        return labels;
    }
}
