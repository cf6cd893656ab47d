using Nabla.Cli.Parsing;
using Nabla.NN.Models;
using Nabla.NN.Registries;

namespace Nabla.Cli.Options;

/// <summary>How a CSV file is read: <c>--encoding</c>, <c>--decimal</c>, <c>--header</c> (train, predict and evaluate take them).</summary>
public static class CsvReadingOptions
{
    private static readonly TypedOption<string?> EncodingOption = TypedOptions.Text("encoding", "NAME", $"Text encoding of a CSV file: {Nabla.NN.Data.TextEncodings.Names} or any code page name [default: detected; a file that is not UTF-8 is read as windows-1252, with a warning].");
    private static readonly TypedOption<string?> DecimalOption = TypedOptions.OptionalChoice("decimal", "Decimal separator of the numbers in a CSV file: ',' reads 3,5 and 1.234,5 as numbers; '.' also removes thousands commas (1,234.5) [default: detected].", [".", ","]);
    private static readonly TypedOption<string> HeaderOption = TypedOptions.Choice("header", "Whether the first line of a CSV file holds the column names [default: auto, detected].", "auto", ["auto", "yes", "no"]);

    /// <summary>The three options.</summary>
    public static readonly IReadOnlyList<OptionSpec> Specs = [EncodingOption.Spec, DecimalOption.Spec, HeaderOption.Spec];

    /// <summary>The library's <see cref="Nabla.NN.Data.CsvOptions"/> for these flags, or null when none is given.</summary>
    public static Nabla.NN.Data.CsvOptions? From(RawOptions raw)
    {
        string? encoding = EncodingOption.Read(raw);
        string? decimalSeparator = DecimalOption.Read(raw);
        string header = HeaderOption.Read(raw);
        if (encoding is null && decimalSeparator is null && header == "auto") return null;
        System.Text.Encoding? parsed = null;
        if (encoding is not null)
        {
            try { parsed = Nabla.NN.Data.TextEncodings.Parse(encoding); }
            catch (ArgumentException e) { throw new UsageException($"--encoding: {e.Message.Split(" (Parameter")[0]}."); }
        }
        return new Nabla.NN.Data.CsvOptions
        {
            Encoding = parsed,
            DecimalSeparator = decimalSeparator?[0],
            HasHeader = header switch { "yes" => true, "no" => false, _ => null },
        };
    }
}

/// <summary>Options of <c>nabla evaluate MODEL</c>: score a trained model on labelled data.</summary>
/// <param name="Model">The output folder of <c>train</c> or the model file in it.</param>
/// <param name="Data">A CSV file with the target column; null to use the data set the model was trained on.</param>
/// <param name="Json">Print the metrics as JSON.</param>
/// <param name="AllowNonFinite">Load weights holding NaN or infinity instead of refusing them.</param>
/// <param name="UnknownCategories">error or ignore to override the model's unknown-category policy; null keeps it.</param>
/// <param name="Csv">How to read a CSV file; null detects everything.</param>
public sealed record EvaluateOptions(string Model, string? Data, bool Json, bool AllowNonFinite = false, string? UnknownCategories = null, Nabla.NN.Data.CsvOptions? Csv = null)
{
    /// <summary>How the model folder is loaded.</summary>
    public ModelLoadOptions LoadOptions => new() { AllowNonFinite = AllowNonFinite };

    /// <summary>The <c>--unknown-categories</c> override that predict and evaluate take.</summary>
    internal static readonly TypedOption<string?> UnknownCategoriesOption = TypedOptions.OptionalChoice("unknown-categories",
        "A category not seen in training: refuse it, or encode it as all zeros [default: what the model was trained with, see train --unknown-categories].", DataPolicyRegistry.UnknownCategories.Names);

    /// <summary>Loads the model and applies the <c>--unknown-categories</c> override, if any.</summary>
    internal static ModelPackage Load(string model, ModelLoadOptions load, string? unknownCategories)
    {
        var package = ModelPackage.Load(model, load);
        return unknownCategories is null ? package
            : package.WithUnknownCategories(DataPolicyRegistry.UnknownCategories[unknownCategories].Value);
    }

    /// <summary>The model, loaded as these options say.</summary>
    public ModelPackage LoadModel() => Load(Model, LoadOptions, UnknownCategories);

    /// <summary>The <c>--allow-non-finite</c> flag every command that loads a model takes.</summary>
    internal static readonly TypedOption<bool> AllowNonFiniteOption =
        TypedOptions.Flag("allow-non-finite", "Load a model whose weights hold NaN or infinity (to inspect a diverged run) instead of refusing it.");

    private static readonly TypedOption<string?> DataOption = TypedOptions.Text("data", "FILE", "CSV or Parquet (.parquet) file with the same columns as the training data, target included [default: the built-in data set's test split].");
    private static readonly TypedOption<bool> JsonOption = TypedOptions.Flag("json", "Print the metrics as JSON.");

    /// <summary>The options of <c>nabla evaluate</c>.</summary>
    public static readonly IReadOnlyList<OptionSpec> Specs =
    [
        DataOption.Spec,
        JsonOption.Spec,
        AllowNonFiniteOption.Spec,
        UnknownCategoriesOption.Spec,
        .. CsvReadingOptions.Specs,
    ];

    /// <summary>Validates <paramref name="raw"/> and builds the options.</summary>
    public static EvaluateOptions From(RawOptions raw) => new(raw.Arguments[0], DataOption.Read(raw), JsonOption.Read(raw), AllowNonFiniteOption.Read(raw),
        UnknownCategoriesOption.Read(raw), CsvReadingOptions.From(raw));
}

/// <summary>Options of <c>nabla predict MODEL --data FILE</c>: predictions for new rows.</summary>
/// <param name="Model">The output folder of <c>train</c> or the model file in it.</param>
/// <param name="Data">A CSV file of inputs; a target column, if present, is ignored.</param>
/// <param name="Out">Where to write the predictions CSV; null for stdout.</param>
/// <param name="AllowNonFinite">Load weights holding NaN or infinity instead of refusing them.</param>
/// <param name="UnknownCategories">error or ignore to override the model's unknown-category policy; null keeps it.</param>
/// <param name="Csv">How to read a CSV file; null detects everything.</param>
public sealed record PredictOptions(string Model, string Data, string? Out, bool AllowNonFinite = false, string? UnknownCategories = null, Nabla.NN.Data.CsvOptions? Csv = null)
{
    /// <summary>How the model folder is loaded.</summary>
    public ModelLoadOptions LoadOptions => new() { AllowNonFinite = AllowNonFinite };

    /// <summary>The model, loaded as these options say.</summary>
    public ModelPackage LoadModel() => EvaluateOptions.Load(Model, LoadOptions, UnknownCategories);

    private static readonly TypedOption<string?> DataOption = TypedOptions.Text("data", "FILE", "CSV or Parquet (.parquet) file of new rows (required).");
    private static readonly TypedOption<string?> OutOption = TypedOptions.Text("out", "FILE", "Write the predictions here, as Parquet if FILE ends in .parquet [default: stdout, CSV].");

    /// <summary>The options of <c>nabla predict</c>.</summary>
    public static readonly IReadOnlyList<OptionSpec> Specs =
    [
        DataOption.Spec,
        OutOption.Spec,
        EvaluateOptions.AllowNonFiniteOption.Spec,
        EvaluateOptions.UnknownCategoriesOption.Spec,
        .. CsvReadingOptions.Specs,
    ];

    /// <summary>Validates <paramref name="raw"/> and builds the options.</summary>
    public static PredictOptions From(RawOptions raw) =>
        new(raw.Arguments[0], DataOption.Read(raw) ?? throw new UsageException("--data FILE is required: the CSV file of rows to predict."), OutOption.Read(raw),
            EvaluateOptions.AllowNonFiniteOption.Read(raw), EvaluateOptions.UnknownCategoriesOption.Read(raw), CsvReadingOptions.From(raw));
}

/// <summary>Options of <c>nabla inspect MODEL</c>: architecture, parameter counts and model card.</summary>
/// <param name="Model">The output folder of <c>train</c> or the model file in it.</param>
/// <param name="Json">Print the model card as JSON.</param>
/// <param name="AllowNonFinite">Load weights holding NaN or infinity instead of refusing them.</param>
public sealed record InspectOptions(string Model, bool Json, bool AllowNonFinite = false)
{
    /// <summary>How the model folder is loaded.</summary>
    public ModelLoadOptions LoadOptions => new() { AllowNonFinite = AllowNonFinite };

    private static readonly TypedOption<bool> JsonOption = TypedOptions.Flag("json", "Print the model card as JSON.");

    /// <summary>The options of <c>nabla inspect</c>.</summary>
    public static readonly IReadOnlyList<OptionSpec> Specs = [JsonOption.Spec, EvaluateOptions.AllowNonFiniteOption.Spec];

    /// <summary>Validates <paramref name="raw"/> and builds the options.</summary>
    public static InspectOptions From(RawOptions raw) => new(raw.Arguments[0], JsonOption.Read(raw), EvaluateOptions.AllowNonFiniteOption.Read(raw));
}
