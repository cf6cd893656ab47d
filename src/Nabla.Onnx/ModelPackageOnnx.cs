using Nabla.NN;
using Nabla.NN.Data;
using Nabla.NN.Models;
using Nabla.NN.Registries;
using Nabla.NN.Training;

namespace Nabla.Onnx;

/// <summary>How <c>ModelPackage.ImportOnnx</c> describes an imported network: what ONNX does not say.</summary>
/// <param name="Task">The task the network solves.</param>
/// <param name="ClassNames">Class labels, index = class (classification); null for "0", "1", ...</param>
/// <param name="FeatureNames">Names of the input features, in input order; null for "x1", "x2", ...</param>
public sealed record OnnxImportOptions(TaskKind Task, IReadOnlyList<string>? ClassNames = null, IReadOnlyList<string>? FeatureNames = null);

/// <summary>ONNX on <see cref="ModelPackage"/>: <c>package.ExportOnnx(path)</c> and <c>ModelPackage.ImportOnnx(path, options)</c>.</summary>
public static class ModelPackageOnnx
{
    extension(ModelPackage package)
    {
        /// <summary>
        /// Writes the package as an ONNX model (opset <see cref="OnnxFormat.Opset"/>): by default with its preprocessing, so it
        /// takes the raw feature columns, and with the task's outputs (docs/ONNX.md lists names and shapes).
        /// </summary>
        /// <param name="path">The .onnx file to write (atomically).</param>
        /// <param name="includePreprocessing">False exports the bare network, input <c>features [N, F]</c> already encoded.</param>
        public void ExportOnnx(string path, bool includePreprocessing = true) =>
            OnnxExporter.Export(Source(package), path, includePreprocessing);

        /// <summary>The ONNX model of the package as bytes; see <c>ExportOnnx</c>.</summary>
        public byte[] ToOnnxBytes(bool includePreprocessing = true) => OnnxExporter.ToBytes(Source(package), includePreprocessing);
    }

    extension(ModelPackage)
    {
        /// <summary>
        /// Imports an ONNX MLP (as <c>torch.onnx.export</c> writes an <c>nn.Sequential</c> of <c>nn.Linear</c> and one kind of
        /// activation) as a model package, to serve (<see cref="Predictor"/>), explain or fine-tune in Nabla. A final
        /// Softmax, LogSoftmax (multiclass) or Sigmoid (one-output binary) is dropped: Nabla's classifiers output logits and
        /// apply it when predicting, so probabilities are unchanged. The package has no preprocessing: rows are the
        /// network's input features, in order.
        /// </summary>
        /// <exception cref="DataFormatException">Not an ONNX model, an unsupported node (named with its op type), or a
        /// network a model package cannot describe (mixed activations, an activation Nabla has no registry row for).</exception>
        public static ModelPackage ImportOnnx(string path, OnnxImportOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            byte[] bytes = File.ReadAllBytes(path);
            var layers = OnnxImporter.FromBytes(bytes, path).ToList();
            if (options.Task != TaskKind.Regression && layers.Count > 0 && layers[^1] is Softmax or LogSoftmax or Sigmoid) layers.RemoveAt(layers.Count - 1);
            var dense = layers.OfType<Dense>().ToList();
            string activation = HiddenActivation(layers, path);
            int outputs = dense[^1].OutFeatures;
            var spec = new ModelSpec(dense[0].InFeatures, dense.Take(dense.Count - 1).Select(d => d.OutFeatures).ToArray(), outputs, activation, 0, "default");
            var model = spec.Build(new Rng(0));
            foreach (var (to, from) in model.OfType<Dense>().Zip(dense))
            {
                from.Weight.Value.AsSpan().CopyTo(to.Weight.Value.AsSpan());
                if (from.Bias is { } b) b.Value.AsSpan().CopyTo(to.Bias!.Value.AsSpan());
                else to.Bias!.Value.AsSpan().Clear();
            }
            model.Eval();
            int classes = options.Task == TaskKind.Regression ? 0 : Math.Max(outputs, 2);
            if (options.ClassNames is { } names && names.Count != classes)
                throw new ArgumentException($"{names.Count} class names were given but the network has {classes} classes.", nameof(options));
            if (options.FeatureNames is { } features && features.Count != spec.Inputs)
                throw new ArgumentException($"{features.Count} feature names were given but the network takes {spec.Inputs} inputs.", nameof(options));
            var card = new ModelCard
            {
                Spec = spec,
                Task = options.Task,
                ClassNames = classes == 0 ? null : options.ClassNames ?? Enumerable.Range(0, classes).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
                Loss = options.Task == TaskKind.Regression ? "mse" : outputs == 1 ? "bce" : "cross-entropy",
                Data = "imported from ONNX " + Path.GetFileName(path),
                DataSha256 = ModelPackage.Sha256(bytes),
                FeatureNames = options.FeatureNames ?? Enumerable.Range(1, spec.Inputs).Select(i => "x" + i).ToArray(),
                Created = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            };
            return new ModelPackage(card, model);
        }
    }

    private static OnnxExportSource Source(ModelPackage package) =>
        new(package.Model, package.Card.Task, package.Card.Preprocessor, package.Card.ClassNames);

    /// <summary>The registry name of the one activation between the dense layers ("linear" when there is none).</summary>
    private static string HiddenActivation(List<Module> layers, string path)
    {
        var between = new List<Module?>();
        for (int i = 0; i < layers.Count; i++)
        {
            if (layers[i] is not Dense) continue;
            if (i + 1 >= layers.Count) break;
            if (layers[i + 1] is Dense) { between.Add(null); continue; }
            if (i + 2 >= layers.Count || layers[i + 2] is not Dense)
                throw new DataFormatException($"a model package is Dense layers with one activation between each pair; after layer {i + 1} come {string.Join(", ", layers.Skip(i + 1).Take(2).Select(m => m.GetType().Name))} (use OnnxImporter.Import for the plain network)", path);
            between.Add(layers[i + 1]);
        }
        var names = between.Select(m => m is null ? "linear" : RegistryName(m, path)).Distinct().ToList();
        if (names.Count > 1)
            throw new DataFormatException($"a model package has one hidden activation but this network mixes {string.Join(", ", names)} (use OnnxImporter.Import for the plain network)", path);
        return names.SingleOrDefault() ?? "linear";
    }

    private static string RegistryName(Module m, string path)
    {
        var row = ActivationRegistry.ForModule(m);
        float? parameter = row?.ParameterOf?.Invoke(m);
        if (row is not null && parameter == row.Parameter) return row.Name;
        throw new DataFormatException($"the hidden activation {m.GetType().Name}{(parameter is { } p ? $"({row!.ParameterName} {p})" : "")} has no row in Nabla's activation registry, so a model package cannot name it (use OnnxImporter.Import for the plain network)", path);
    }
}
