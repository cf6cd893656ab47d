using Nabla.NN.Training;

namespace Nabla.Distributed.Tests;

/// <summary>Open MPI's reduce-scatter and all-gather through <see cref="MpiCommunicator"/>: this assembly run as 3 ranks.</summary>
public sealed class MpiCollectivesTests
{
    [MpiFact]
    public void ReduceScatterAndAllGather_ThreeRanks_MatchTheInProcessGroup()
    {
        Assert.True(OpenMpi.IsInstalled, OpenMpi.MissingMessage);
        var (code, stdout, stderr) = OpenMpi.Finish(
            OpenMpi.Start(3, ["dotnet", typeof(MpiCollectivesTests).Assembly.Location, MpiCollectives.Argument]), TimeSpan.FromSeconds(60));
        Assert.True(code == 0, $"mpirun exited with {code}:\n{stdout}\n{stderr}");
        Assert.Equal(3, stdout.Split("collectives ok on rank").Length - 1);   // one line per rank (after any terminal codes)
    }

    [Fact]
    public void Checks_InProcessGroup_Pass() =>
        Assert.All(InProcessCommunicator.Run(3, MpiCollectives.Check), failure => Assert.Null(failure));
}

/// <summary>The checks each rank runs; under mpirun through <see cref="TestAssemblyEntry"/>, in the test run on threads.</summary>
internal static class MpiCollectives
{
    public const string Argument = "--mpi-collectives";

    /// <summary>Runs the checks on <paramref name="c"/>; returns null when they pass, else what differed.</summary>
    public static string? Check(ICommunicator c)
    {
        const int block = 5;
        // Rank r sends i + 100 r for element i: the sum of block r is known in closed form.
        float[] values = [.. Enumerable.Range(0, block * c.Size).Select(i => (float)(i + 100 * c.Rank))];
        var mine = new float[block];
        c.ReduceScatterSum(values, mine);
        float rankSum = 100f * c.Size * (c.Size - 1) / 2;
        float[] expected = [.. Enumerable.Range(c.Rank * block, block).Select(i => c.Size * i + rankSum)];
        if (!mine.SequenceEqual(expected)) return $"reduce-scatter on rank {c.Rank}: [{string.Join(", ", mine)}], expected [{string.Join(", ", expected)}]";

        var gathered = new float[block * c.Size];
        for (int i = 0; i < block; i++) gathered[c.Rank * block + i] = -(c.Rank * block + i) - 0.5f;
        c.AllGather(gathered);
        float[] all = [.. Enumerable.Range(0, block * c.Size).Select(i => -i - 0.5f)];
        return gathered.SequenceEqual(all) ? null : $"all-gather on rank {c.Rank}: [{string.Join(", ", gathered)}]";
    }
}

/// <summary>
/// The test assembly's entry point (GenerateProgramFile is off): under mpirun, <c>dotnet Nabla.Distributed.Tests.dll
/// --mpi-collectives</c> runs <see cref="MpiCollectives.Check"/> on <see cref="MpiCommunicator.World"/> and prints one
/// line per rank; the test runner never calls it.
/// </summary>
internal static class TestAssemblyEntry
{
    public static int Main(string[] args)
    {
        if (args is not [MpiCollectives.Argument]) return 0;
        var world = MpiCommunicator.World;
        string? failure = MpiCollectives.Check(world);
        Console.WriteLine(failure ?? $"collectives ok on rank {world.Rank}");
        world.Dispose();
        return failure is null ? 0 : 1;
    }
}
