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
    /// The fitted state as indented JSON (written with <see cref="Utf8JsonWriter"/>, no reflection, so NativeAOT-safe):
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
        w.WriteStartObject();
        w.WriteString("format", FormatName);
        w.WriteNumber("version", FormatVersion);
        w.WriteStartArray("columns");
        foreach (var c in SourceColumns) w.WriteStringValue(c);
        w.WriteEndArray();
        w.WriteBoolean("hasHeader", SourceHasHeader);
        w.WriteBoolean("standardize", Standardize);
        w.WriteString("missingValues", MissingValues switch
        {
            MissingValuePolicy.ImputeMean => "mean",
            MissingValuePolicy.ImputeMostFrequent => "most-frequent",
            MissingValuePolicy.ImputeMedian => "median",
            MissingValuePolicy.ImputeConstant => "constant",
            _ => "error",
        });
        w.WriteString("unknownCategories", UnknownCategories == UnknownCategoryPolicy.Ignore ? "ignore" : "error");
        w.WriteStartArray("missingMarkers");
        foreach (var m in MissingMarkers) w.WriteStringValue(m);
        w.WriteEndArray();
        w.WriteStartArray("features");
        foreach (var f in Features)
        {
            w.WriteStartObject();
            w.WriteString("name", f.Name);
            w.WriteNumber("index", f.SourceIndex);
            if (f.Kind == ColumnKind.Numeric)
            {
                w.WriteString("kind", "numeric");
                w.WriteNumber("mean", f.Mean);
                w.WriteNumber("std", f.Std);
            }
            else if (f.Kind == ColumnKind.Date)
            {
                w.WriteString("kind", "date");
                w.WriteStartArray("parts");
                foreach (var p in f.DateParts)
                {
                    w.WriteStartObject();
                    w.WriteString("name", p.Name);
                    w.WriteNumber("mean", p.Mean);
                    w.WriteNumber("std", p.Std);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            else
            {
                w.WriteString("kind", "categorical");
                w.WriteStartArray("categories");
                foreach (var c in f.Categories) w.WriteStringValue(c);
                w.WriteEndArray();
            }
            if (f.FillValue is null) w.WriteNull("fill");
            else w.WriteString("fill", f.FillValue);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (Target is null) w.WriteNull("target");
        else
        {
            w.WriteStartObject("target");
            w.WriteString("name", Target.Name);
            w.WriteNumber("index", Target.SourceIndex);
            w.WriteString("kind", Target.Kind == TargetKind.Classification ? "classification" : "regression");
            w.WriteStartArray("labels");
            foreach (var l in Target.Labels) w.WriteStringValue(l);
            w.WriteEndArray();
            if (Target.Scale is { } scale)
            {
                w.WriteStartObject("scale");
                w.WriteNumber("mean", scale.Mean);
                w.WriteNumber("std", scale.Std);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteStartArray("warnings");
        foreach (var m in Warnings) w.WriteStringValue(m);
        w.WriteEndArray();
        w.WriteEndObject();
    }

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
        var r = new JsonFields(sourceName);
        r.Object(root, "preprocessor");
        if (r.String(root, "format") != FormatName)
            throw r.Fail($"\"format\" must be \"{FormatName}\"");
        int version = r.Int(root, "version");
        if (version is < 1 or > FormatVersion)
            throw r.Fail($"\"version\" {version} is not supported (this library reads versions 1 to {FormatVersion})");
        string[] columns = r.Strings(root, "columns");
        bool hasHeader = r.Bool(root, "hasHeader");
        bool standardize = r.Bool(root, "standardize");
        var missing = r.String(root, "missingValues") switch
        {
            "error" => MissingValuePolicy.Error,
            "mean" => MissingValuePolicy.ImputeMean,
            "most-frequent" => MissingValuePolicy.ImputeMostFrequent,
            "median" => MissingValuePolicy.ImputeMedian,
            "constant" => MissingValuePolicy.ImputeConstant,
            var s => throw r.Fail($"\"missingValues\" is \"{s}\"; expected error, mean, median, most-frequent or constant"),
        };
        var unknown = r.String(root, "unknownCategories") switch
        {
            "error" => UnknownCategoryPolicy.Error,
            "ignore" => UnknownCategoryPolicy.Ignore,
            var s => throw r.Fail($"\"unknownCategories\" is \"{s}\"; expected error or ignore"),
        };
        string[] markers = r.Strings(root, "missingMarkers");
        var features = new List<FeatureColumn>();
        foreach (var f in r.Array(root, "features"))
        {
            r.Object(f, "features[]");
            string name = r.String(f, "name");
            int index = r.Int(f, "index");
            if (index < 0 || index >= columns.Length || columns[index] != name)
                throw r.Fail($"feature \"{name}\" has index {index}, which is not that column in \"columns\"");
            string? fill = f.TryGetProperty("fill", out var fe) && fe.ValueKind == JsonValueKind.String ? fe.GetString() : null;
            switch (r.String(f, "kind"))
            {
                case "numeric":
                    double mean = r.Double(f, "mean"), std = r.Double(f, "std");
                    if (!double.IsFinite(mean) || !(std >= 0) || !double.IsFinite(std))
                        throw r.Fail($"feature \"{name}\" has mean {mean} and std {std}; expected finite values, std >= 0");
                    features.Add(new FeatureColumn(name, index, ColumnKind.Numeric, mean, std, [], fill));
                    break;
                case "categorical":
                    string[] cats = r.Strings(f, "categories");
                    if (cats.Length == 0 || cats.Distinct(StringComparer.Ordinal).Count() != cats.Length)
                        throw r.Fail($"feature \"{name}\" must have a non-empty list of distinct categories");
                    features.Add(new FeatureColumn(name, index, ColumnKind.Categorical, 0, 0, cats, fill));
                    break;
                case "date":
                    var parts = new List<DatePart>();
                    foreach (var p in r.Array(f, "parts"))
                    {
                        r.Object(p, "parts[]");
                        string part = r.String(p, "name");
                        double pm = r.Double(p, "mean"), ps = r.Double(p, "std");
                        if (parts.Count >= DateValues.DateTimeParts.Count || DateValues.DateTimeParts[parts.Count] != part || !double.IsFinite(pm) || !(ps >= 0) || !double.IsFinite(ps))
                            throw r.Fail($"date feature \"{name}\" has an unexpected part \"{part}\" (mean {pm}, std {ps}); expected {string.Join(", ", DateValues.DateTimeParts)} in order with finite statistics");
                        parts.Add(new DatePart(part, pm, ps));
                    }
                    if (parts.Count is not (4 or 6)) throw r.Fail($"date feature \"{name}\" must have 4 or 6 parts");
                    features.Add(new FeatureColumn(name, index, ColumnKind.Date, 0, 0, [], fill, parts));
                    break;
                case var k:
                    throw r.Fail($"feature \"{name}\" has kind \"{k}\"; expected numeric, categorical or date");
            }
        }
        if (features.Count == 0) throw r.Fail("\"features\" is empty");
        TargetColumn? target = null;
        if (root.TryGetProperty("target", out var t) && t.ValueKind != JsonValueKind.Null)
        {
            r.Object(t, "target");
            string name = r.String(t, "name");
            int index = r.Int(t, "index");
            if (index < 0 || index >= columns.Length || columns[index] != name)
                throw r.Fail($"target \"{name}\" has index {index}, which is not that column in \"columns\"");
            string[] labels = r.Strings(t, "labels");
            var kind = r.String(t, "kind") switch
            {
                "classification" => TargetKind.Classification,
                "regression" => TargetKind.Regression,
                var k => throw r.Fail($"target kind \"{k}\"; expected classification or regression"),
            };
            if (kind == TargetKind.Classification && (labels.Length < 2 || labels.Distinct(StringComparer.Ordinal).Count() != labels.Length))
                throw r.Fail("a classification target needs at least two distinct labels");
            TargetScale? scale = null;
            if (t.TryGetProperty("scale", out var st) && st.ValueKind != JsonValueKind.Null)
            {
                r.Object(st, "target scale");
                double mean = r.Double(st, "mean"), std = r.Double(st, "std");
                if (kind != TargetKind.Regression || !double.IsFinite(mean) || !(std > 0) || !double.IsFinite(std))
                    throw r.Fail($"target \"{name}\" has scale mean {mean} and std {std}; expected a regression target, a finite mean and std > 0");
                scale = new TargetScale(mean, std);
            }
            target = new TargetColumn(name, index, kind, kind == TargetKind.Classification ? labels : [], scale);
        }
        string[] warnings = root.TryGetProperty("warnings", out _) ? r.Strings(root, "warnings") : [];
        return new Preprocessor(columns, hasHeader, features, target, standardize, missing, unknown, markers, warnings);
    }

    /// <summary>Typed field access that turns every shape problem into a <see cref="DataFormatException"/>.</summary>
    private sealed class JsonFields(string? source)
    {
        public DataFormatException Fail(string detail) => new("preprocessor JSON: " + detail, source);

        public void Object(JsonElement e, string what)
        {
            if (e.ValueKind != JsonValueKind.Object) throw Fail($"{what} must be an object but is {e.ValueKind}");
        }

        private JsonElement Get(JsonElement o, string name, JsonValueKind kind)
        {
            if (!o.TryGetProperty(name, out var v)) throw Fail($"field \"{name}\" is missing");
            if (v.ValueKind != kind && !(kind == JsonValueKind.True && v.ValueKind == JsonValueKind.False))
                throw Fail($"field \"{name}\" must be {kind} but is {v.ValueKind}");
            return v;
        }

        public string String(JsonElement o, string name) => Get(o, name, JsonValueKind.String).GetString()!;
        public bool Bool(JsonElement o, string name) => Get(o, name, JsonValueKind.True).GetBoolean();
        public double Double(JsonElement o, string name) => Get(o, name, JsonValueKind.Number).GetDouble();

        public int Int(JsonElement o, string name) =>
            Get(o, name, JsonValueKind.Number).TryGetInt32(out int i) ? i : throw Fail($"field \"{name}\" must be a 32-bit integer");

        public JsonElement.ArrayEnumerator Array(JsonElement o, string name) => Get(o, name, JsonValueKind.Array).EnumerateArray();

        public string[] Strings(JsonElement o, string name) =>
            Array(o, name).Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Fail($"\"{name}\" must hold only strings")).ToArray();
    }
}
