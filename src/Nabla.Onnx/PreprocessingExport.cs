using Nabla.NN.Data;
using static Nabla.Onnx.OnnxGraphBuilder;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Nabla.Onnx;

/// <summary>
/// Writes a fitted <see cref="Preprocessor"/> as the front of the graph, so the model takes raw feature columns:
/// imputation (<c>Where(IsNaN(x), fill, x)</c>), standardisation (<c>(x - mean) / std</c>, a constant column only
/// centred) and one-hot encoding of text columns (<c>ai.onnx.ml.OneHotEncoder</c>, whose <c>zeros</c> attribute is the
/// unknown-category policy). Every feature numeric: one input <c>features [N, F]</c>; otherwise one input per column,
/// <c>[N, 1]</c> float or string, named as the column.
/// </summary>
internal static class PreprocessingExport
{
    /// <summary>Declares the inputs, appends the encoding and returns the value holding the encoded <c>[N, FeatureCount]</c> floats.</summary>
    public static string Write(OnnxGraphBuilder g, Preprocessor p)
    {
        var features = p.Features;
        if (features.FirstOrDefault(f => f.Kind == ColumnKind.Date) is { } date)
            throw new NotSupportedException($"Column \"{date.Name}\" holds dates, whose expansion has no ONNX form here; export with --no-preprocessing (encoded features in) or train with --dates drop.");
        if (features.All(f => f.Kind == ColumnKind.Numeric))
        {
            string x = g.Input(OnnxFormat.FeaturesInput, DataType.Float, features.Count);
            if (features.Any(f => f.FillValue is not null))
                x = Impute(g, x, features.Select(FillNumber).ToArray(), features.Count);
            return p.Standardize ? Standardize(g, x, features.Select(f => f.Mean).ToArray(), features.Select(f => f.Std).ToArray(), features.Count) : x;
        }
        // Declare every input first, so no constant created on the way can take a column's name.
        var inputs = features.Select(f => g.Input(f.Name, f.Kind == ColumnKind.Numeric ? DataType.Float : DataType.String, 1)).ToArray();
        var blocks = new List<string>();
        for (int i = 0; i < features.Count; i++)
        {
            var f = features[i];
            if (f.Kind == ColumnKind.Numeric)
            {
                string x = inputs[i];
                if (f.FillValue is not null) x = Impute(g, x, [FillNumber(f)], 1);
                blocks.Add(p.Standardize ? Standardize(g, x, [f.Mean], [f.Std], 1) : x);
            }
            else blocks.Add(OneHot(g, inputs[i], f, p));
        }
        return blocks.Count == 1 ? blocks[0] : g.Node("Concat", [.. blocks], null, Attr("axis", 1L));
    }

    /// <summary>NaN is the ONNX spelling of a missing number: it becomes the fitted fill value.</summary>
    private static string Impute(OnnxGraphBuilder g, string x, float[] fill, int width) =>
        g.Node("Where", [g.Node("IsNaN", [x]), g.Constant("fill", fill, 1, width), x]);

    private static float FillNumber(FeatureColumn f) =>
        f.FillValue is { } v && double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double d) ? (float)d : float.NaN;

    private static string Standardize(OnnxGraphBuilder g, string x, double[] mean, double[] std, int width)
    {
        // z = (x - mean) / std; a constant column (std 0) is only centred, as Preprocessor.Transform does.
        var m = mean.Select(v => (float)v).ToArray();
        var s = std.Select(v => v == 0 ? 1f : (float)v).ToArray();
        return g.Node("Div", [g.Node("Sub", [x, g.Constant("mean", m, 1, width)]), g.Constant("std", s, 1, width)]);
    }

    /// <summary>
    /// <c>[N, 1]</c> strings to <c>[N, K]</c> one-hot floats. With imputation the missing markers are encoded as extra
    /// categories and folded onto the fill category by a 0/1 matrix product (exact).
    /// </summary>
    private static string OneHot(OnnxGraphBuilder g, string x, FeatureColumn f, Preprocessor p)
    {
        int k = f.Categories.Count;
        var markers = f.FillValue is null ? [] : p.MissingMarkers.Prepend("").Distinct(StringComparer.Ordinal).Where(m => !f.Categories.Contains(m)).ToList();
        var cats = f.Categories.Concat(markers).ToList();
        long zeros = p.UnknownCategories == UnknownCategoryPolicy.Ignore ? 1 : 0;
        string encoded = g.MlNode("OneHotEncoder", [x], Attr("cats_strings", cats), Attr("zeros", zeros));
        string flat = g.Node("Reshape", [encoded, g.Int64Constant("shape", [-1, cats.Count], 2)]);
        if (markers.Count == 0) return flat;
        int fill = f.Categories.ToList().IndexOf(f.FillValue!);
        var fold = new float[cats.Count * k];
        for (int i = 0; i < k; i++) fold[i * k + i] = 1;
        for (int i = k; i < cats.Count; i++) if (fill >= 0) fold[i * k + fill] = 1;
        return g.Node("MatMul", [flat, g.Constant("impute", fold, cats.Count, k)]);
    }
}
