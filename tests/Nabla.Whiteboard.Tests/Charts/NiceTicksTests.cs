using Nabla.Whiteboard.Charts;

namespace Nabla.Whiteboard.Tests.Charts;

public class NiceTicksTests
{
    [Theory]
    [InlineData(0.13, 0.2)]
    [InlineData(1.0, 1.0)]
    [InlineData(1.01, 2.0)]
    [InlineData(3.0, 5.0)]
    [InlineData(7.0, 10.0)]
    [InlineData(0.0021, 0.005)]
    [InlineData(4200.0, 5000.0)]
    public void NiceStep_RoughStep_RoundsUpTo125(double rough, double expected) =>
        Assert.Equal(expected, NiceTicks.NiceStep(rough), 12);

    [Theory]
    [InlineData(0.0, 1.0, "0|0.2|0.4|0.6|0.8|1.0")]
    [InlineData(0.0, 9.3, "0|2|4|6|8|10")]
    [InlineData(0.1, 0.7, "0|0.2|0.4|0.6|0.8")]
    [InlineData(-3.0, 2.0, "-3|-2|-1|0|1|2")]
    [InlineData(2.3, 2.3, "2.0|2.1|2.2|2.3|2.4|2.5|2.6")]
    [InlineData(0.0, 0.0, "-1.0|-0.5|0|0.5|1.0")]
    public void Linear_Range_LabelsAreNiceAndCoverData(double min, double max, string expected)
    {
        var ticks = NiceTicks.Linear(min, max);
        Assert.Equal(expected, string.Join("|", ticks.Ticks.Select(t => t.Label)));
        Assert.True(ticks.Min <= min && ticks.Max >= max && ticks.Max > ticks.Min);
    }

    [Fact]
    public void Linear_MinStepOne_NoFractionalEpochs()
    {
        var ticks = NiceTicks.Linear(1, 3, 8, minStep: 1);
        Assert.Equal(["1", "2", "3"], ticks.Ticks.Select(t => t.Label));
    }

    [Theory]
    [InlineData(0.003, 2.5, "0.001|0.01|0.1|1|10")]
    [InlineData(0.01, 1.0, "0.01|0.1|1")]
    [InlineData(5.0, 5.0, "1|10")]
    [InlineData(1.0, 1.0, "0.1|1|10")]
    [InlineData(2e-6, 3e5, "1e-6|1e-4|0.01|1|100|1e4|1e6")]
    public void Log10_Range_LabelsDecades(double min, double max, string expected)
    {
        var ticks = NiceTicks.Log10(min, max);
        Assert.Equal(expected, string.Join("|", ticks.Ticks.Where(t => t.IsMajor).Select(t => t.Label)));
        Assert.True(ticks.Min <= min && ticks.Max >= max);
    }

    [Fact]
    public void Log10_FewDecades_HasMinorTicksWithoutLabels()
    {
        var minor = NiceTicks.Log10(1, 100).Ticks.Where(t => !t.IsMajor).ToArray();
        Assert.Equal(16, minor.Length);
        Assert.All(minor, t => Assert.Equal("", t.Label));
    }

    [Fact]
    public void Log10_NonPositiveMin_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NiceTicks.Log10(0, 1));
}
