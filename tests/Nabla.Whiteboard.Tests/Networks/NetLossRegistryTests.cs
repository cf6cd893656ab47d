using Nabla.Whiteboard.Networks;

namespace Nabla.Whiteboard.Tests.Networks;

public class NetLossRegistryTests
{
    [Fact]
    public void EveryNetLoss_HasOneNameThatLeadsBackToIt()
    {
        Assert.Equal(Enum.GetValues<NetLoss>().Order(), NetLossRegistry.All.Rows.Select(r => r.Value).Order());
        Assert.All(Enum.GetValues<NetLoss>(), loss => Assert.Equal(loss, NetLossRegistry.All[NetLossRegistry.NameOf(loss)].Value));
        Assert.Equal("half-squared", NetLossRegistry.NameOf(NetLoss.HalfSquared));
    }
}
