using Nabla.NN.Registries;

namespace Nabla.NN.Tests;

/// <summary>calculate_gain values and gradient clipping against PyTorch (init.json, clip.json).</summary>
public class InitAndClipGoldenTests
{
    public static TheoryData<int> GainRows => new(Enumerable.Range(0, Golden.Load("init.json").GetProperty("gains").GetArrayLength()));

    [Theory]
    [MemberData(nameof(GainRows))]
    public void CalculateGain_EachNonlinearity_MatchesPyTorch(int row)
    {
        var g = Golden.Load("init.json").GetProperty("gains")[row];
        string nl = g.GetProperty("nonlinearity").GetString()!;
        var param = g.GetProperty("param");
        float? slope = param.ValueKind == System.Text.Json.JsonValueKind.Number ? param.GetSingle() : null;
        float gain = nl switch
        {
            "conv2d" => Init.CalculateGain(ActivationRegistry.All["linear"], slope),
            "selu" => Init.SeluGain,
            _ => Init.CalculateGain(ActivationRegistry.All[nl.Replace('_', '-')], slope),
        };
        Close.Scalar(g.GetProperty("gain").GetDouble(), gain, 1e-6, $"gain of {nl}({slope})");
    }

    private static List<Parameter> ParametersWithGrads()
    {
        var grads = Golden.Load("clip.json").GetProperty("input_grads").EnumerateArray().Select(Golden.Tensor).ToList();
        return grads.Select(g =>
        {
            var p = new Parameter(Tensor.Zeros(g.Shape.Dims));
            p.Grad = Tensor.FromArray(g.ToArray(), g.Shape.Dims);
            return p;
        }).ToList();
    }

    public static TheoryData<int> ClipRows => new(Enumerable.Range(0, Golden.Load("clip.json").GetProperty("cases").GetArrayLength()));

    [Theory]
    [MemberData(nameof(ClipRows))]
    public void Clip_FixedGradients_MatchesPyTorch(int row)
    {
        var c = Golden.Load("clip.json").GetProperty("cases")[row];
        var ps = ParametersWithGrads();
        if (c.GetProperty("kind").GetString() == "norm")
        {
            var nt = c.GetProperty("norm_type");
            float normType = nt.ValueKind == System.Text.Json.JsonValueKind.String ? float.PositiveInfinity : nt.GetSingle();
            float total = GradClip.ClipGradNorm(ps, c.GetProperty("max_norm").GetSingle(), normType);
            Close.Scalar(c.GetProperty("total_norm").GetSingle(), total, 1e-6, $"total {normType}-norm");
        }
        else
        {
            GradClip.ClipGradValue(ps, c.GetProperty("clip_value").GetSingle());
        }
        var expected = c.GetProperty("grads").EnumerateArray().ToList();
        for (int i = 0; i < ps.Count; i++)
        {
            Close.All(Golden.Floats(expected[i].GetProperty("data")), ps[i].Grad!, 1e-6, $"case {row}: gradient {i}");
        }
    }
}
