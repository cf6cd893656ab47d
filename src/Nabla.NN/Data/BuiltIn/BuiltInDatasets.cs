using System.Globalization;

namespace Nabla.NN.Data;

/// <summary>
/// Small classic data sets shipped inside the library (no download, no network) and seeded generators of the
/// toy problems the lectures use. File-backed sets come from scikit-learn's <c>sklearn/datasets/data/</c>
/// (BSD-3-Clause); see THIRD-PARTY-NOTICES.md for each one's origin.
/// </summary>
public static partial class BuiltInDatasets
{
    private const string SklearnLicense = "BSD-3-Clause (scikit-learn's bundled copy, Copyright (c) 2007-2024 The scikit-learn developers)";

    /// <summary>
    /// Iris: 150 flowers, 4 measurements in cm, 3 species (50 each). Citation: R.A. Fisher (1936), "The use of multiple
    /// measurements in taxonomic problems", Annals of Eugenics 7(2); file from scikit-learn. Licence: BSD-3-Clause
    /// (scikit-learn's copy).
    /// </summary>
    public static TabularDataset Iris() => LoadSklearnCsv("iris", "iris.csv",
        ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"],
        "R.A. Fisher (1936), The use of multiple measurements in taxonomic problems, Annals of Eugenics 7(2); via scikit-learn");

    /// <summary>
    /// Breast Cancer Wisconsin (Diagnostic): 569 tumours, 30 features computed from cell-nucleus images, classes
    /// malignant (0, 212) and benign (1, 357). Citation: W.H. Wolberg, W.N. Street and O.L. Mangasarian (1995), UCI
    /// Machine Learning Repository; file from scikit-learn. Licence: BSD-3-Clause (scikit-learn's copy).
    /// </summary>
    public static TabularDataset BreastCancer()
    {
        string[] stats = ["radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity", "concave points", "symmetry", "fractal dimension"];
        var names = stats.Select(s => "mean " + s).Concat(stats.Select(s => s + " error")).Concat(stats.Select(s => "worst " + s)).ToArray();
        return LoadSklearnCsv("breast-cancer", "breast_cancer.csv", names,
            "W.H. Wolberg, W.N. Street, O.L. Mangasarian (1995), Breast Cancer Wisconsin (Diagnostic), UCI ML Repository; via scikit-learn");
    }

    /// <summary>
    /// Optical recognition of handwritten digits, 8x8: 1,797 images, 64 pixel counts 0..16 (row-major, not scaled),
    /// classes 0..9. Citation: E. Alpaydin and C. Kaynak (1998), UCI Machine Learning Repository (the test set);
    /// file from scikit-learn. Licence: BSD-3-Clause (scikit-learn's copy).
    /// </summary>
    public static TabularDataset Digits()
    {
        var table = CsvTable.Read(Resource("digits.csv.gz"), new CsvOptions { Delimiter = ',', HasHeader = false }, "digits.csv.gz");
        var names = Enumerable.Range(0, 64).Select(i => $"pixel_{i / 8}_{i % 8}").ToArray();
        var (x, y) = Numbers(table, 64, "digits");
        return new TabularDataset("digits", x, y, names, Enumerable.Range(0, 10).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray(),
            "E. Alpaydin, C. Kaynak (1998), Optical Recognition of Handwritten Digits, UCI ML Repository; via scikit-learn", SklearnLicense);
    }

    /// <summary>
    /// Diabetes (regression): 442 patients, 10 baseline variables in their original units (age in years, sex 1/2,
    /// BMI, mean blood pressure, six blood serum measurements s1..s6; not scaled, unlike scikit-learn's
    /// <c>load_diabetes()</c> default), target a quantitative measure of disease progression one year later.
    /// Citation: B. Efron, T. Hastie, I. Johnstone and R. Tibshirani (2004), "Least Angle Regression", Annals of
    /// Statistics 32(2); file from scikit-learn. Licence: BSD-3-Clause (scikit-learn's copy).
    /// </summary>
    public static TabularDataset Diabetes()
    {
        var data = CsvTable.Read(Resource("diabetes_data_raw.csv.gz"), new CsvOptions { Delimiter = CsvOptions.Whitespace, HasHeader = false }, "diabetes_data_raw.csv.gz");
        var target = CsvTable.Read(Resource("diabetes_target.csv.gz"), new CsvOptions { Delimiter = CsvOptions.Whitespace, HasHeader = false }, "diabetes_target.csv.gz");
        if (data.RowCount != target.RowCount || data.ColumnCount != 10 || target.ColumnCount != 1)
            throw new InvalidOperationException("The embedded diabetes files are inconsistent (library build problem).");
        var x = new float[data.RowCount * 10];
        var y = new float[data.RowCount];
        for (int i = 0; i < data.RowCount; i++)
        {
            for (int j = 0; j < 10; j++) x[i * 10 + j] = ParseFloat(data[i, j]);
            y[i] = ParseFloat(target[i, 0]);
        }
        return new TabularDataset("diabetes", x, y, ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"], null,
            "B. Efron, T. Hastie, I. Johnstone, R. Tibshirani (2004), Least Angle Regression, Annals of Statistics 32(2); via scikit-learn", SklearnLicense);
    }

    /// <summary>The names <see cref="ByName"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["iris", "digits", "breast-cancer", "diabetes", "xor", "moons", "spirals", "bmi"];

    /// <summary>
    /// A data set by name (<see cref="Names"/>); generators use their default sizes with <paramref name="rng"/>
    /// (seed 0 when null).
    /// </summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static TabularDataset ByName(string name, Rng? rng = null) => name.ToLowerInvariant() switch
    {
        "iris" => Iris(),
        "digits" => Digits(),
        "breast-cancer" or "breast_cancer" => BreastCancer(),
        "diabetes" => Diabetes(),
        "xor" => Xor(),
        "moons" => Moons(rng ?? new Rng(0)),
        "spirals" => Spirals(rng ?? new Rng(0)),
        "bmi" => HeightWeightBmi(rng ?? new Rng(0)),
        _ => throw new ArgumentException($"Unknown built-in data set \"{name}\"; known: {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>scikit-learn's format: a first line "count,features,class names...", then rows of features and a class index.</summary>
    private static TabularDataset LoadSklearnCsv(string name, string resource, string[] featureNames, string citation)
    {
        using var reader = new StreamReader(Resource(resource));
        string[] head = (reader.ReadLine() ?? "").Split(',');
        int count = int.Parse(head[0], CultureInfo.InvariantCulture);
        int features = int.Parse(head[1], CultureInfo.InvariantCulture);
        string[] classes = head[2..];
        var table = CsvTable.Parse(reader.ReadToEnd(), new CsvOptions { Delimiter = ',', HasHeader = false }, resource);
        if (table.RowCount != count || features != featureNames.Length)
            throw new InvalidOperationException($"The embedded {resource} does not match its own header (library build problem).");
        var (x, y) = Numbers(table, features, name);
        return new TabularDataset(name, x, y, featureNames, classes, citation, SklearnLicense);
    }

    private static (float[] x, float[] y) Numbers(CsvTable table, int features, string name)
    {
        if (table.ColumnCount != features + 1)
            throw new InvalidOperationException($"The embedded {name} data has {table.ColumnCount} columns, expected {features + 1}.");
        var x = new float[table.RowCount * features];
        var y = new float[table.RowCount];
        for (int i = 0; i < table.RowCount; i++)
        {
            for (int j = 0; j < features; j++) x[i * features + j] = ParseFloat(table[i, j]);
            y[i] = ParseFloat(table[i, features]);
        }
        return (x, y);
    }

    private static float ParseFloat(string s) => float.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static Stream Resource(string file) =>
        typeof(BuiltInDatasets).Assembly.GetManifestResourceStream("Nabla.NN.Data." + file)
        ?? throw new InvalidOperationException($"Embedded resource {file} is missing from Nabla.NN (library build problem).");
}
