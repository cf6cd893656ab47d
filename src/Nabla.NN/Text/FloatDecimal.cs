using System.Globalization;

namespace Nabla.NN.Text;

/// <summary>The decimal a float was written as: one home for "the shortest digits that round-trip".</summary>
public static class FloatDecimal
{
    /// <summary>
    /// The double with the same shortest round-trip decimal as <paramref name="value"/>: 0.01f becomes 0.01, not
    /// 0.009999999776. Transcripts then print what the user typed, and scalars derived from it (<c>1 - beta1</c>) are
    /// computed as Python computes them for the literal; the double rounds back to the same float. Non-finite values
    /// pass through.
    /// </summary>
    /// <remarks>Formats into a stack buffer, so it allocates nothing (it runs inside every optimizer step).</remarks>
    public static double Shortest(float value)
    {
        if (!float.IsFinite(value)) return value;
        Span<char> text = stackalloc char[32];
        value.TryFormat(text, out int length, "R", CultureInfo.InvariantCulture);
        return double.Parse(text[..length], CultureInfo.InvariantCulture);
    }
}
