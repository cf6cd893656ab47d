using Nabla.NN.Registries;

namespace Nabla.Whiteboard.Networks;

/// <summary>The losses <c>nabla explain-net</c> knows by name: the one table its <c>--loss</c> and the interactive page read.</summary>
public static class NetLossRegistry
{
    /// <summary>The rows, in help order.</summary>
    public static Registry<ValueRow<NetLoss>> All { get; } = new("loss",
    [
        new("squared", "sum (a - y)^2", NetLoss.Squared),
        new("half-squared", "sum (a - y)^2 / 2", NetLoss.HalfSquared),
        new("abs", "sum |a - y|", NetLoss.Abs),
        new("bce", "binary cross-entropy", NetLoss.Bce),
    ]);

    /// <summary>The name of <paramref name="loss"/>.</summary>
    public static string NameOf(NetLoss loss) => All.Rows.First(r => r.Value == loss).Name;
}
