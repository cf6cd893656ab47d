using System.Globalization;

namespace Nabla.Cli.Execution;

/// <summary>Numbers the option parser read as float, handed to the whiteboard as the decimals the user typed.</summary>
internal static class CliNumbers
{
    /// <summary>
    /// The shortest decimal that round-trips <paramref name="value"/> as a double: 0.01f becomes 0.01, not
    /// 0.009999999776, so transcripts print what was typed (the engine rounds it back to the same float).
    /// </summary>
    public static double Decimal(float value) =>
        double.Parse(value.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
