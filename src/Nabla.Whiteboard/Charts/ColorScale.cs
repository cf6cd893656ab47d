using System.Globalization;

namespace Nabla.Whiteboard.Charts;

/// <summary>A sequential white-to-dark-blue colour scale for heat maps: light for small values, dark for large.</summary>
public static class ColorScale
{
    // End points of the scale as RGB; colours in between are interpolated linearly per channel.
    static readonly (int R, int G, int B) Low = (0xf7, 0xfb, 0xff), High = (0x08, 0x30, 0x6b);

    /// <summary>The #rrggbb colour at position <paramref name="t"/> in [0, 1] (clamped; NaN gives grey).</summary>
    public static string At(double t)
    {
        if (double.IsNaN(t)) return "#cccccc";
        t = Math.Clamp(t, 0, 1);
        int r = Lerp(Low.R, High.R, t), g = Lerp(Low.G, High.G, t), b = Lerp(Low.B, High.B, t);
        return string.Create(CultureInfo.InvariantCulture, $"#{r:x2}{g:x2}{b:x2}");
    }

    /// <summary>Whether text drawn on the colour at <paramref name="t"/> should be white rather than dark.</summary>
    public static bool NeedsLightText(double t) => t > 0.5;

    static int Lerp(int a, int b, double t) => (int)Math.Round(a + (b - a) * t);
}
