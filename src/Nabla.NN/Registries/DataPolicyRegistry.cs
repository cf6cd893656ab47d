using Nabla.NN.Data;

namespace Nabla.NN.Registries;

/// <summary>The preprocessing policies a training run and a prediction know by name (<see cref="PreprocessorOptions"/>).</summary>
public static class DataPolicyRegistry
{
    /// <summary>What to do with a category not seen while fitting (<see cref="PreprocessorOptions.UnknownCategories"/>).</summary>
    public static Registry<ValueRow<UnknownCategoryPolicy>> UnknownCategories { get; } = new("unknown-category policy",
    [
        new("error", "refuse it", UnknownCategoryPolicy.Error),
        new("ignore", "encode it as all zeros", UnknownCategoryPolicy.Ignore),
    ]);

    /// <summary>What to do with a date column (<see cref="PreprocessorOptions.Dates"/>).</summary>
    public static Registry<ValueRow<DateColumnPolicy>> Dates { get; } = new("date-column policy",
    [
        new("expand", "year, month, day, weekday (hour, minute) as numbers", DateColumnPolicy.Expand),
        new("drop", "leave it out", DateColumnPolicy.Drop),
        new("categorical", "one-hot encode its values", DateColumnPolicy.Categorical),
    ]);
}
