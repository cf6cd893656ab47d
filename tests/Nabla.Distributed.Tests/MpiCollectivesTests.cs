using Nabla.NN.Training;

namespace Nabla.Distributed.Tests;

/// <summary>Open MPI's reduce-scatter (MPI's and the shared-memory window's) and all-gather through <see cref="MpiCommunicator"/>: this assembly run as 3 ranks.</summary>
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
        // All ranks run on this machine: the large reduce-scatters went through the shared-memory window.
        Assert.Equal(3, stdout.Split("shared memory True").Length - 1);
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
        // Small (MPI's own reduce-scatter), then large enough for the shared-memory window on one machine
        // (MpiCommunicator.SharedMemoryMinFloats), three times in a row and growing: no round may see another's values.
        foreach (var (block, shift) in (ReadOnlySpan<(int, int)>)[(5, 0), (2000, 1), (2000, 2), (5000, 3)])
            if (ReduceScatterFails(c, block, shift) is { } failure) return failure;

        const int n = 5;
        var gathered = new float[n * c.Size];
        for (int i = 0; i < n; i++) gathered[c.Rank * n + i] = -(c.Rank * n + i) - 0.5f;
        c.AllGather(gathered);
        float[] all = [.. Enumerable.Range(0, n * c.Size).Select(i => -i - 0.5f)];
        return gathered.SequenceEqual(all) ? null : $"all-gather on rank {c.Rank}: [{string.Join(", ", gathered)}]";
    }

    /// <summary>Rank r sends i + 100 r + shift for element i: the sum of each block is known in closed form (and exact in floats).</summary>
    private static string? ReduceScatterFails(ICommunicator c, int block, int shift)
    {
        float[] values = [.. Enumerable.Range(0, block * c.Size).Select(i => (float)(i + 100 * c.Rank + shift))];
        var mine = new float[block];
        c.ReduceScatterSum(values, mine);
        float rankSum = 100f * c.Size * (c.Size - 1) / 2 + c.Size * shift;
        float[] expected = [.. Enumerable.Range(c.Rank * block, block).Select(i => c.Size * i + rankSum)];
        int wrong = mine.AsSpan().CommonPrefixLength(expected);
        return wrong == block ? null
            : $"reduce-scatter of {block}-float blocks on rank {c.Rank}: element {wrong} is {mine[wrong]}, expected {expected[wrong]}";
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
        Console.WriteLine(failure ?? $"collectives ok on rank {world.Rank}, shared memory {world.UsesSharedMemory}");
        world.Dispose();
        return failure is null ? 0 : 1;
    }
}
