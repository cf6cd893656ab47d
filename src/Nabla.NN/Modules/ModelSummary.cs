using System.Globalization;
using System.Text;

namespace Nabla.NN;

/// <summary>Builds the Keras-style table of <see cref="Module.Summary"/>.</summary>
internal static class ModelSummary
{
    private sealed record Row(string Layer, string OutputShape, long Parameters);

    public static string Build(Module model, int[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        foreach (int d in inputShape)
        {
            if (d <= 0)
            {
                throw new ArgumentException(
                    $"Summary needs the shape of one sample with positive sizes (no batch dimension), got [{string.Join(", ", inputShape)}]",
                    nameof(inputShape));
            }
        }
        // One sample with a batch dimension of 1, in evaluation mode so dropout draws nothing; modes are restored.
        var modes = model.NamedModules().Select(m => (m.Value, m.Value.Training)).ToList();
        model.Eval();
        var rows = new List<Row>();
        try
        {
            using (GradMode.NoGrad())
            {
                var x = Tensor.Zeros([1, .. inputShape]);
                Walk(model, "", x, rows);
            }
        }
        finally
        {
            foreach (var (module, training) in modes)
            {
                module.Train(training);
            }
        }

        long total = 0, trainable = 0;
        foreach (var p in model.Parameters())
        {
            total += p.Size;
            if (p.RequiresGrad)
            {
                trainable += p.Size;
            }
        }
        var header = new Row("Layer (type)", "Output shape", 0);
        int w0 = Math.Max(header.Layer.Length, rows.Count == 0 ? 0 : rows.Max(r => r.Layer.Length)) + 2;
        int w1 = Math.Max(header.OutputShape.Length, rows.Count == 0 ? 0 : rows.Max(r => r.OutputShape.Length)) + 2;
        const string paramHeader = "Param #";
        int width = w0 + w1 + Math.Max(paramHeader.Length, 12);
        var sb = new StringBuilder();
        sb.Append(model.TypeName).Append(" (input ").Append(FormatShape(inputShape)).Append(")\n");
        sb.Append(header.Layer.PadRight(w0)).Append(header.OutputShape.PadRight(w1)).Append(paramHeader).Append('\n');
        sb.Append('=', width).Append('\n');
        foreach (var r in rows)
        {
            sb.Append(r.Layer.PadRight(w0)).Append(r.OutputShape.PadRight(w1))
              .Append(r.Parameters.ToString("N0", CultureInfo.InvariantCulture)).Append('\n');
        }
        sb.Append('=', width).Append('\n');
        sb.Append("Total params: ").Append(total.ToString("N0", CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("Trainable params: ").Append(trainable.ToString("N0", CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("Non-trainable params: ").Append((total - trainable).ToString("N0", CultureInfo.InvariantCulture)).Append('\n');
        return sb.ToString();
    }

    // Sequential models are opened up layer by layer; any other module is one row (its Forward is opaque).
    private static Tensor Walk(Module module, string name, Tensor x, List<Row> rows)
    {
        if (module is Sequential seq)
        {
            int i = 0;
            foreach (var layer in seq)
            {
                string childName = name.Length == 0
                    ? i.ToString(CultureInfo.InvariantCulture)
                    : name + "." + i.ToString(CultureInfo.InvariantCulture);
                x = Walk(layer, childName, x, rows);
                i++;
            }
            return x;
        }
        Tensor y = module.Forward(x);
        string label = module.TypeName + "(" + ShortRepr(module) + ")";
        rows.Add(new Row(name.Length == 0 ? label : name + ": " + label, FormatBatchShape(y.Shape), module.ParameterCount()));
        return y;
    }

    private static string ShortRepr(Module module)
    {
        string s = module.ToString();
        int open = s.IndexOf('(', StringComparison.Ordinal);
        int newline = s.IndexOf('\n', StringComparison.Ordinal);
        if (newline >= 0)
        {
            return "...";
        }
        return s.Substring(open + 1, s.Length - open - 2);
    }

    private static string FormatShape(int[] dims) => "[" + string.Join(", ", dims) + "]";

    // The batch dimension is shown as N.
    private static string FormatBatchShape(Shape shape)
    {
        var dims = shape.Dims;
        if (dims.Length == 0)
        {
            return "[]";
        }
        return "[N" + string.Concat(dims.Skip(1).Select(d => ", " + d.ToString(CultureInfo.InvariantCulture))) + "]";
    }
}
