namespace Nabla.NN.Schedules;

internal static class ScheduleCheck
{
    public static void Factor(string who, string name, float value)
    {
        if (!(value > 0f) || !float.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{who}: {name} must be a positive number, got {value}");
        }
    }
}
