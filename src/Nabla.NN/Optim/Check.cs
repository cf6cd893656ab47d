using System.Globalization;

namespace Nabla.NN.Optim;

/// <summary>Validation of hyper-parameters with messages that name the optimizer, the option and the bad value.</summary>
internal static class Check
{
    public static void NonNegative(string who, string name, float value)
    {
        if (!(value >= 0f) || !float.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{who}: {name} must be a finite number >= 0, got {Format(value)}");
        }
    }

    public static void Positive(string who, string name, float value)
    {
        if (!(value > 0f) || !float.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{who}: {name} must be a finite number > 0, got {Format(value)}");
        }
    }

    public static void InRange(string who, string name, float value, float low, float high, bool upperInclusive = true)
    {
        bool ok = value >= low && (upperInclusive ? value <= high : value < high);
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value,
                $"{who}: {name} must be in [{Format(low)}, {Format(high)}{(upperInclusive ? "]" : ")")}, got {Format(value)}");
        }
    }

    private static string Format(float v) => v.ToString(CultureInfo.InvariantCulture);
}
