using System.Diagnostics;
using System.Text.Json.Nodes;
using Nabla.NN.Data;
using Nabla.NN.Models;
using Nabla.NN.Training;

namespace Nabla.NN.Tests.Models;

/// <summary>
/// The model package: save/load round trip, and the folder promises of issue #15 (items 3, 6, 7, 11), each with the
/// case that used to load silently or crash.
/// </summary>
public sealed class ModelPackageTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("nabla-package-tests-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    /// <summary>A copy of a fixture folder, saved again by this library (so its card carries the weights hash).</summary>
    private string Saved(string fixture = "people-multiclass")
    {
        var package = ModelPackage.Load(FixtureModelTests.Fixture(fixture));
        string folder = Path.Combine(_root, fixture + "-" + Guid.NewGuid().ToString("N")[..6]);
        package.Save(folder);
        return folder;
    }

    private static void EditCard(string folder, Action<JsonObject> edit)
    {
        string path = Path.Combine(folder, ModelPackage.CardFile);
        var card = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(card);
        File.WriteAllText(path, card.ToJsonString());
    }

    [Fact]
    public void Save_ThenLoad_SameWeightsCardAndHash()
    {
        var original = ModelPackage.Load(FixtureModelTests.Fixture("people-multiclass"));
        string folder = Saved();
        var loaded = ModelPackage.Load(folder);
        Assert.Equal(ModelPackage.Sha256(File.ReadAllBytes(Path.Combine(folder, ModelPackage.WeightsFile))), loaded.Card.WeightsSha256);
        Assert.Equal(original.Card.ClassNames, loaded.Card.ClassNames);
        foreach (var (name, t) in original.Model.StateDict()) Assert.Equal(t.ToArray(), loaded.Model.StateDict()[name].ToArray());
        Assert.Empty(Directory.GetDirectories(_root, ".*")); // the temporary folder was renamed into place, nothing left over
    }

    [Fact]
    public void Load_WeightsFromAnotherRun_RefusedByTheHash() // #15 item 3
    {
        string a = Saved(), b = Saved();
        // Same architecture, different weights: the parameter counts agree, only the hash can tell.
        var other = ModelPackage.Load(a);
        foreach (var p in other.Model.Parameters()) p.Value.AsSpan()[0] += 1f;
        new ModelPackage(other.Card, other.Model).Save(b);
        File.Copy(Path.Combine(a, ModelPackage.WeightsFile), Path.Combine(b, ModelPackage.WeightsFile), overwrite: true);
        var e = Assert.Throws<DataFormatException>(() => ModelPackage.Load(b));
        Assert.Contains("different runs", e.Message);
    }

    [Fact]
    public void Save_WhileAnotherProcessHoldsTheFolder_RefusedClearly() // #15 item 3
    {
        string folder = Saved();
        // Another writer's claim: an exclusive lock on the lock file, as a second 'nabla train --out' would hold.
        using var other = new FileStream(Path.Combine(folder, ModelFolderLock.FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var package = ModelPackage.Load(folder);
        var e = Assert.Throws<IOException>(() => package.Save(folder));
        Assert.Contains("is being written by another run", e.Message);
    }

    [Theory] // #15 item 6: each edit used to crash predict or evaluate with an internal error
    [InlineData("classes-count")]
    [InlineData("null-label")]
    [InlineData("seed")]
    [InlineData("split")]
    public void Load_EditedCard_RefusedWithTheField(string edit)
    {
        string folder = Saved();
        EditCard(folder, card =>
        {
            switch (edit)
            {
                case "classes-count": card["classes"]!.AsArray().RemoveAt(0); break;
                case "null-label": card["classes"]!.AsArray()[1] = null; break;
                case "seed": card["settings"]!["seed"] = "forty-two"; break;
                case "split": card["settings"]!["validation-split"] = "1.5"; break;
            }
            card.Remove("weights_sha256");
        });
        var e = Assert.Throws<DataFormatException>(() => ModelPackage.Load(folder));
        Assert.Contains(edit switch { "classes-count" => "3 classes but the network has 4 outputs", "null-label" => "null label", "seed" => "'seed'", _ => "'validation-split'" }, e.Message);
    }

    [Fact]
    public void Load_CardThatIsADeviceFifoOrHuge_RefusedWithoutReading() // #15 item 7
    {
        string folder = Saved(), card = Path.Combine(folder, ModelPackage.CardFile);
        File.Delete(card);
        File.CreateSymbolicLink(card, "/dev/zero");
        var clock = Stopwatch.StartNew();
        Assert.Contains("not a regular file", Assert.Throws<DataFormatException>(() => ModelPackage.Load(folder)).Message);
        File.Delete(card);
        using (var mkfifo = Process.Start("mkfifo", card)) mkfifo.WaitForExit();
        Assert.Contains("not a regular file", Assert.Throws<DataFormatException>(() => ModelPackage.Load(folder)).Message);
        File.Delete(card);
        using (var huge = File.Create(card)) huge.SetLength(ModelCard.MaxBytes + 1); // sparse: no real disk use
        Assert.Contains("at most", Assert.Throws<DataFormatException>(() => ModelPackage.Load(folder)).Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "refusing must not read the file");
    }

    [Fact]
    public void Load_NonFiniteWeights_RefusedUnlessAllowed() // #15 item 11
    {
        var package = ModelPackage.Load(FixtureModelTests.Fixture("people-regression"));
        package.Model.Parameters().First().Value.AsSpan()[3] = float.NaN;
        string folder = Path.Combine(_root, "nan");
        package.Save(folder);
        var e = Assert.Throws<DataFormatException>(() => ModelPackage.Load(folder));
        Assert.Contains("NaN at element 3", e.Message);
        Assert.Contains("AllowNonFinite", e.Message);
        var loaded = ModelPackage.Load(folder, new ModelLoadOptions { AllowNonFinite = true });
        Assert.True(float.IsNaN(loaded.Model.Parameters().First().Value.AsSpan()[3]));
    }

    [Fact]
    public void PredictClasses_SteadyState_AllocatesNothing()
    {
        var predictor = Predictor.Load(FixtureModelTests.Fixture("cancer-binary"));
        Assert.True(predictor.IsFused);
        const int rows = 64;
        var x = new float[rows * predictor.InputSize];
        var rng = new Rng(1);
        for (int i = 0; i < x.Length; i++) x[i] = rng.NextFloat() * 2 - 1;
        var p = new double[rows * predictor.ClassCount];
        var classes = new int[rows];
        var outputs = new float[rows * predictor.OutputSize];
        for (int i = 0; i < 3; i++) predictor.PredictClasses(x, rows, p, classes); // warm-up: buffers sized once
        predictor.PredictOutputs(x, rows, outputs);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            predictor.PredictClasses(x, rows, p, classes);
            predictor.PredictOutputs(x, rows, outputs);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.InRange(p[0] + p[1], 1 - 1e-12, 1 + 1e-12);
    }

    [Fact]
    public void Predict_FromManyThreads_EqualsOneThread()
    {
        var predictor = Predictor.Load(FixtureModelTests.Fixture("people-multiclass"));
        var rows = Enumerable.Range(0, 200).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        { ["height_cm"] = 150 + i % 40, ["weight_kg"] = 45 + i % 60, ["pet"] = (i % 3) switch { 0 => "cat", 1 => "dog", _ => "none" } }).ToArray();
        var alone = predictor.Predict(rows);
        var together = new Prediction[rows.Length];
        Parallel.For(0, rows.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => together[i] = predictor.Predict(rows[i]));
        // Rows predicted one at a time run matrix-vector products, the batch a GEMM: equal to float rounding.
        var single = rows.Select(predictor.Predict).ToArray();
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Equal(single[i].Probabilities, together[i].Probabilities);
            Assert.Equal(alone[i].Probabilities, together[i].Probabilities, (a, b) => Math.Abs(a - b) < 1e-6);
        }
    }

    [Fact]
    public void Card_SavedByTheLibrary_LoadsAsTheSameCard()
    {
        var card = ModelPackage.Load(FixtureModelTests.Fixture("cancer-binary")).Card;
        Assert.Equal(TaskKind.BinaryClassification, card.Task);
        string path = Path.Combine(_root, "model.json");
        card.Save(path);
        var again = ModelCard.Load(path);
        Assert.Equal(card.ToJsonBytes(), again.ToJsonBytes());
    }
}
