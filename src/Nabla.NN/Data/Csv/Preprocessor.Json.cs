using System.Text;
using System.Text.Json;

namespace Nabla.NN.Data;

public sealed partial class Preprocessor
{
    private const string FormatName = "nabla-preprocessor";
    // Version 2 added the target's "scale" (and the imputation/unknown-category settings); version 1 files (no target
    // scaling) still load and predict as before. A version-1 reader refuses version 2 rather than mis-scale a prediction.
    private const int FormatVersion = 2;

    /// <summary>
    /// The fitted state as indented JSON (System.Text.Json source generation, no reflection, so NativeAOT-safe):
    /// <c>{"format":"nabla-preprocessor","version":2,"columns":[...],"hasHeader":true,"standardize":true,
    /// "missingValues":"error","unknownCategories":"error","missingMarkers":[...],
    /// "features":[{"name":"age","index":0,"kind":"numeric","mean":41.2,"std":12.5,"fill":null}, ...],
    /// "target":{"name":"species","index":4,"kind":"classification","labels":["setosa", ...]}}</c>; a standardised
    /// regression target adds <c>"scale":{"mean":..,"std":..}</c>.
    /// Doubles are written with round-trip precision, so <see cref="FromJson(string, string?)"/> restores identical encodings.
    /// </summary>
    public string ToJson()
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
            WriteJson(w);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>Writes the fitted state as one JSON object (to embed in a model card).</summary>
    public void WriteJson(Utf8JsonWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var json = new PreprocessorJson
        {
            Format = FormatName,
            Version = OldestVersionThatDescribesThis(),
            Columns = [.. SourceColumns],
            HasHeader = SourceHasHeader,
            Standardize = Standardize,
            MissingValues = PolicyNames.First(p => p.Policy == MissingValues).Name,
            UnknownCategories = UnknownCategories == UnknownCategoryPolicy.Ignore ? "ignore" : "error",
            MissingMarkers = [.. MissingMarkers],
            Features = Features.Select(f => new FeatureJson
            {
                Name = f.Name,
                Index = f.SourceIndex,
                Kind = f.Kind switch { ColumnKind.Numeric => "numeric", ColumnKind.Date => "date", _ => "categorical" },
                Mean = f.Kind == ColumnKind.Numeric ? f.Mean : null,
                Std = f.Kind == ColumnKind.Numeric ? f.Std : null,
                Categories = f.Kind == ColumnKind.Categorical ? [.. f.Categories] : null,
                Parts = f.Kind == ColumnKind.Date ? f.DateParts.Select(p => new DatePartJson { Name = p.Name, Mean = p.Mean, Std = p.Std }).ToArray() : null,
                Fill = f.FillValue,
            }).ToArray(),
            Target = Target is null ? null : new TargetJson
            {
                Name = Target.Name,
                Index = Target.SourceIndex,
                Kind = Target.Kind == TargetKind.Classification ? "classification" : "regression",
                Labels = [.. Target.Labels],
                Scale = Target.Scale is { } scale ? new ScaleJson { Mean = scale.Mean, Std = scale.Std } : null,
            },
            Warnings = [.. Warnings],
        };
        JsonSerializer.Serialize(w, json, PreprocessorJsonContext.Default.PreprocessorJson);
    }

    // A model that uses nothing version 2 added is written as version 1, so older Nabla releases still load it.
    private int OldestVersionThatDescribesThis()
    {
        bool usesVersion2 = Target?.Scale is not null
            || Features.Any(f => f.FillValue is not null || f.Kind == ColumnKind.Date)
            || MissingValues is not (MissingValuePolicy.Error or MissingValuePolicy.ImputeMean or MissingValuePolicy.ImputeMostFrequent);
        return usesVersion2 ? FormatVersion : 1;
    }

    /// <summary>The JSON spelling of each missing-value policy.</summary>
    private static readonly (MissingValuePolicy Policy, string Name)[] PolicyNames =
    [
        (MissingValuePolicy.Error, "error"), (MissingValuePolicy.ImputeMean, "mean"), (MissingValuePolicy.ImputeMedian, "median"),
        (MissingValuePolicy.ImputeMostFrequent, "most-frequent"), (MissingValuePolicy.ImputeConstant, "constant"),
    ];

    /// <summary>Saves <see cref="ToJson"/> atomically to <paramref name="path"/>.</summary>
    public void Save(string path) => Serialization.AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(ToJson()));

    /// <summary>Loads a preprocessor saved with <see cref="Save"/>.</summary>
    /// <exception cref="DataFormatException">The file is not a valid preprocessor description.</exception>
    public static Preprocessor Load(string path) => FromJson(File.ReadAllText(path), path);

    /// <summary>Restores a preprocessor from <see cref="ToJson"/> output.</summary>
    /// <exception cref="DataFormatException">Malformed JSON, a wrong format name or version, or an inconsistent field; the message names it.</exception>
    public static Preprocessor FromJson(string json, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
            return FromJson(doc.RootElement, sourceName);
        }
        catch (JsonException ex)
        {
            throw new DataFormatException($"not valid JSON: {ex.Message}", sourceName, ex.LineNumber + 1, inner: ex);
        }
    }

    /// <summary>Restores a preprocessor from a JSON object (for example one embedded in a model card).</summary>
    /// <exception cref="DataFormatException">A missing or ill-typed field; the message names it.</exception>
    public static Preprocessor FromJson(JsonElement root, string? sourceName = null)
    {
        DataFormatException Fail(string detail) => new("preprocessor JSON: " + detail, sourceName);
        T Need<T>(T? value, string name) where T : class => value ?? throw Fail($"field \"{name}\" is missing");
        T Value<T>(T? value, string name) where T : struct => value ?? throw Fail($"field \"{name}\" is missing");
        // A fill replaces a missing value at encoding, so one the encoder would refuse must be refused here: else the
        // error would name a line of the data file whose only fault is an empty cell.
        string? Fill(FeatureJson f, string name, bool usable, string expected) =>
            f.Fill is null || usable ? f.Fill : throw Fail($"feature \"{name}\" has fill value \"{DataFormatException.Shorten(f.Fill)}\", which is not {expected}");
        if (root.ValueKind != JsonValueKind.Object) throw Fail($"preprocessor must be an object but is {root.ValueKind}");
        PreprocessorJson json;
        try { json = root.Deserialize(PreprocessorJsonContext.Default.PreprocessorJson)!; }
        catch (JsonException ex) { throw Fail($"{ex.Path ?? "$"}: a value has the wrong type ({ex.Message})"); }

        if (Need(json.Format, "format") != FormatName)
            throw Fail($"\"format\" must be \"{FormatName}\"");
        int version = Value(json.Version, "version");
        if (version is < 1 or > FormatVersion)
            throw Fail($"\"version\" {version} is not supported (this library reads versions 1 to {FormatVersion})");
        string[] columns = Need(json.Columns, "columns");
        bool hasHeader = Value(json.HasHeader, "hasHeader");
        bool standardize = Value(json.Standardize, "standardize");
        string missingName = Need(json.MissingValues, "missingValues");
        var missing = PolicyNames.FirstOrDefault(p => p.Name == missingName) is { Name: not null } found ? found.Policy
            : throw Fail($"\"missingValues\" is \"{missingName}\"; expected {string.Join(", ", PolicyNames.Select(p => p.Name))}");
        var unknown = Need(json.UnknownCategories, "unknownCategories") switch
        {
            "error" => UnknownCategoryPolicy.Error,
            "ignore" => UnknownCategoryPolicy.Ignore,
            var s => throw Fail($"\"unknownCategories\" is \"{s}\"; expected error or ignore"),
        };
        string[] markers = Need(json.MissingMarkers, "missingMarkers");
        if (columns.Any(c => c is null) || markers.Any(m => m is null)) throw Fail("\"columns\" and \"missingMarkers\" must hold only strings");
        // Names are unique, as the CSV reader requires of a header: columns are matched by name when a file is encoded.
        if (columns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
            throw Fail($"column name \"{DataFormatException.Shorten(repeated.Key)}\" appears more than once in \"columns\"; names must be unique");
        var featureIndices = new HashSet<int>();
        var features = new List<FeatureColumn>();
        foreach (var f in Need(json.Features, "features"))
        {
            if (f is null) throw Fail("features[] must be an object but is Null");
            string name = Need(f.Name, "name");
            int index = Value(f.Index, "index");
            if (index < 0 || index >= columns.Length || columns[index] != name)
                throw Fail($"feature \"{name}\" has index {index}, which is not that column in \"columns\"");
            if (!featureIndices.Add(index)) throw Fail($"feature \"{name}\" is listed twice");
            switch (Need(f.Kind, "kind"))
            {
                case "numeric":
                    double mean = Value(f.Mean, "mean"), std = Value(f.Std, "std");
                    if (!double.IsFinite(mean) || !(std >= 0) || !double.IsFinite(std))
                        throw Fail($"feature \"{name}\" has mean {mean} and std {std}; expected finite values, std >= 0");
                    bool number = f.Fill is not null && ColumnStats.TryParseFloat32Number(f.Fill, out _);
                    features.Add(new FeatureColumn(name, index, ColumnKind.Numeric, mean, std, [], Fill(f, name, number, "a finite float32 number")));
                    break;
                case "categorical":
                    string[] cats = Need(f.Categories, "categories");
                    if (cats.Length == 0 || cats.Any(c => c is null) || cats.Distinct(StringComparer.Ordinal).Count() != cats.Length)
                        throw Fail($"feature \"{name}\" must have a non-empty list of distinct categories");
                    features.Add(new FeatureColumn(name, index, ColumnKind.Categorical, 0, 0, cats, Fill(f, name, f.Fill is not null && cats.Contains(f.Fill), "one of its categories")));
                    break;
                case "date":
                    var parts = new List<DatePart>();
                    foreach (var p in Need(f.Parts, "parts"))
                    {
                        string part = Need(p?.Name, "parts[].name");
                        double pm = Value(p!.Mean, "parts[].mean"), ps = Value(p.Std, "parts[].std");
                        if (parts.Count >= DateValues.DateTimeParts.Count || DateValues.DateTimeParts[parts.Count] != part || !double.IsFinite(pm) || !(ps >= 0) || !double.IsFinite(ps))
                            throw Fail($"date feature \"{name}\" has an unexpected part \"{part}\" (mean {pm}, std {ps}); expected {string.Join(", ", DateValues.DateTimeParts)} in order with finite statistics");
                        parts.Add(new DatePart(part, pm, ps));
                    }
                    if (parts.Count is not (4 or 6)) throw Fail($"date feature \"{name}\" must have 4 or 6 parts");
                    bool date = f.Fill is not null && DateValues.TryParse(f.Fill, out _, out _);
                    features.Add(new FeatureColumn(name, index, ColumnKind.Date, 0, 0, [], Fill(f, name, date, "a date (yyyy-MM-dd, optionally with a time)"), parts));
                    break;
                case var k:
                    throw Fail($"feature \"{name}\" has kind \"{k}\"; expected numeric, categorical or date");
            }
        }
        if (features.Count == 0) throw Fail("\"features\" is empty");
        TargetColumn? target = null;
        if (json.Target is { } t)
        {
            string name = Need(t.Name, "name");
            int index = Value(t.Index, "index");
            if (index < 0 || index >= columns.Length || columns[index] != name)
                throw Fail($"target \"{name}\" has index {index}, which is not that column in \"columns\"");
            string[] labels = Need(t.Labels, "labels");
            var kind = Need(t.Kind, "kind") switch
            {
                "classification" => TargetKind.Classification,
                "regression" => TargetKind.Regression,
                var k => throw Fail($"target kind \"{k}\"; expected classification or regression"),
            };
            if (kind == TargetKind.Classification && (labels.Length < 2 || labels.Any(l => l is null) || labels.Distinct(StringComparer.Ordinal).Count() != labels.Length))
                throw Fail("a classification target needs at least two distinct labels");
            TargetScale? scale = null;
            if (t.Scale is { } st)
            {
                double mean = Value(st.Mean, "scale.mean"), std = Value(st.Std, "scale.std");
                if (kind != TargetKind.Regression || !double.IsFinite(mean) || !(std > 0) || !double.IsFinite(std))
                    throw Fail($"target \"{name}\" has scale mean {mean} and std {std}; expected a regression target, a finite mean and std > 0");
                scale = new TargetScale(mean, std);
            }
            target = new TargetColumn(name, index, kind, kind == TargetKind.Classification ? labels : [], scale);
        }
        string[] warnings = json.Warnings ?? [];
        if (warnings.Any(w => w is null)) throw Fail("\"warnings\" must hold only strings");
        return new Preprocessor(columns, hasHeader, features, target, standardize, missing, unknown, markers, warnings);
    }
}
