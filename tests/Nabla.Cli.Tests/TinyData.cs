using System.Globalization;
using System.Text;

namespace Nabla.Cli.Tests;

/// <summary>Small seeded CSV files for command tests: people with height, weight, a pet, BMI and a BMI class.</summary>
internal static class TinyData
{
    public const string Header = "height,weight,pet,bmi,class";

    /// <summary><paramref name="rows"/> rows; bmi = weight / (height/100)^2, class from BMI bands, so both tasks are learnable.</summary>
    public static string People(int rows, int seed = 1)
    {
        var random = new Random(seed);
        string[] pets = ["cat", "dog", "bird"];
        var csv = new StringBuilder(Header + "\n");
        for (int i = 0; i < rows; i++)
        {
            double h = 150 + 50 * random.NextDouble(), w = 45 + 65 * random.NextDouble();
            double bmi = w / Math.Pow(h / 100, 2);
            string band = bmi > 30 ? "obese" : bmi > 25 ? "over" : "normal";
            csv.Append(string.Create(CultureInfo.InvariantCulture, $"{h:F1},{w:F1},{pets[random.Next(3)]},{bmi:F2},{band}\n"));
        }
        return csv.ToString();
    }
}
