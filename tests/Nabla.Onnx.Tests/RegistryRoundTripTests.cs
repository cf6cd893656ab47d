using Nabla.NN;
using Nabla.NN.Registries;

namespace Nabla.Onnx.Tests;

/// <summary>Every activation row exports and imports through the ONNX operator its row names, parameter included.</summary>
public class RegistryRoundTripTests
{
    public static TheoryData<string> Rows => new(ActivationRegistry.All.Names);

    [Theory]
    [MemberData(nameof(Rows))]
    public void ExportThenImport_EachActivationRow_GivesTheSameModuleAndParameter(string name)
    {
        var row = ActivationRegistry.All[name];
        // A parameter other than the default, so the attribute really travels.
        var activation = row.CreateWith(row.Parameter is null ? 0f : 0.25f);
        var net = new Sequential(new Dense(2, 3, rng: new Rng(1)), activation, new Dense(3, 1, rng: new Rng(2)));

        byte[] onnx = OnnxExporter.ToBytes(new OnnxExportSource(net, null));

        // Without an operator of its own the row exports as primitives (step) or nothing (linear) and imports no module.
        if (row.OnnxOp is null) return;
        var back = OnnxImporter.FromBytes(onnx);
        var imported = Assert.Single(back.Children(), m => m.GetType() == row.ModuleType);
        Assert.Equal(row.ParameterOf?.Invoke(activation), row.ParameterOf?.Invoke(imported));
    }
}
