namespace Nabla.Onnx;

/// <summary>
/// The ONNX dialect Nabla writes and the names of the inputs and outputs of an exported model (docs/ONNX.md has the
/// full table with shapes).
/// </summary>
public static class OnnxFormat
{
    /// <summary>The standard (<c>ai.onnx</c>) operator set version of exported models: 13, read by every ONNX Runtime since 1.7.</summary>
    public const int Opset = 13;

    /// <summary>The <c>ai.onnx.ml</c> operator set version, imported only by models that one-hot encode text columns (<c>OneHotEncoder</c>).</summary>
    public const int MlOpset = 1;

    /// <summary>ONNX IR version written (8: ONNX 1.12).</summary>
    public const long IrVersion = 8;

    /// <summary>The single input <c>[N, F]</c> float of a model whose features are all numeric, or of a model exported without preprocessing
    /// (then F is the encoded width). Models with text columns take one input per column, named as the column.</summary>
    public const string FeaturesInput = "features";

    /// <summary>Classifiers: class probabilities <c>[N, C]</c> float, each row summing to 1 (C = 2 for a binary model).</summary>
    public const string ProbabilitiesOutput = "probabilities";

    /// <summary>Classifiers: the index of the most probable class <c>[N]</c> int64 (the first one on a tie).</summary>
    public const string LabelOutput = "label";

    /// <summary>Classifiers: the most probable class as spelled in the training data <c>[N]</c> string.</summary>
    public const string ClassOutput = "class";

    /// <summary>Regression: the predicted values <c>[N, T]</c> float, in the target's own units (T = 1 for one target column).
    /// Also the output of a network exported without a task (raw network output).</summary>
    public const string ValueOutput = "value";
}
