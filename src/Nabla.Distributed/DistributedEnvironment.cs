using System.Globalization;
using Nabla.NN.Training;

namespace Nabla.Distributed;

/// <summary>
/// Finds out whether this process is one rank of a distributed run, from the environment its launcher set:
/// <c>mpirun</c> (Open MPI) sets <c>OMPI_COMM_WORLD_SIZE</c> and <c>OMPI_COMM_WORLD_RANK</c> in every rank.
/// </summary>
public static class DistributedEnvironment
{
    /// <summary>Open MPI's variable holding the number of ranks.</summary>
    public const string SizeVariable = "OMPI_COMM_WORLD_SIZE";

    /// <summary>Open MPI's variable holding this process's rank.</summary>
    public const string RankVariable = "OMPI_COMM_WORLD_RANK";

    /// <summary>Open MPI's variable holding the number of ranks on this machine.</summary>
    public const string LocalSizeVariable = "OMPI_COMM_WORLD_LOCAL_SIZE";

    /// <summary>Set to 1 to let ranks other than 0 print their output and warnings too (they are quiet by default).</summary>
    public const string VerboseVariable = "NABLA_DIST_VERBOSE";

    /// <summary>This process's rank according to the launcher, without loading MPI (0 outside mpirun).</summary>
    public static int Rank => ReadInt(RankVariable) ?? 0;

    /// <summary>The number of ranks according to the launcher, without loading MPI (1 outside mpirun).</summary>
    public static int Size => ReadInt(SizeVariable) ?? 1;

    /// <summary>
    /// The communicator of this run: <see cref="MpiCommunicator.World"/> when started by <c>mpirun</c> with two or more
    /// ranks (Open MPI's library is loaded only then), else null (train in one process).
    /// </summary>
    /// <exception cref="DllNotFoundException">Started by mpirun but Open MPI's library is missing.</exception>
    public static ICommunicator? Detect() => Size > 1 ? MpiCommunicator.World : null;

    /// <summary>
    /// Runs a program's <paramref name="main"/> as one rank of an mpirun job (or just runs it outside mpirun). Ranks other
    /// than 0 print nothing unless <see cref="VerboseVariable"/> is 1; each rank's kernels use its share of the machine's
    /// cores unless <c>NABLA_NUM_THREADS</c> says otherwise. When MPI was started and main fails on any rank, that rank
    /// prints its error and ends the whole job (MPI_Abort), so no rank waits for it; on success MPI is finalised.
    /// </summary>
    /// <returns>main's exit code.</returns>
    public static int RunAsRank(Func<int> main)
    {
        ArgumentNullException.ThrowIfNull(main);
        if (Size <= 1) return main();
        var stderr = Console.Error;
        var captured = new StringWriter();
        bool quiet = Rank != 0 && Environment.GetEnvironmentVariable(VerboseVariable) != "1";
        if (quiet)
        {
            Console.SetOut(TextWriter.Null);
            Console.SetError(captured);
        }
        if (BoundToOneCore())
            Console.Error.WriteLine("nabla: warning: this rank is bound to one core (Open MPI's default binding); one-thread ranks train 20-40% faster with `mpirun --bind-to none` (docs/DISTRIBUTED.md).");
        if (Environment.GetEnvironmentVariable(Nabla.Kernels.Threading.EnvironmentVariable) is null)
            Nabla.Kernels.Threading.MaxThreads = Math.Max(1, Environment.ProcessorCount / Math.Max(1, ReadInt(LocalSizeVariable) ?? 1));
        int code = main();
        // Before MPI started (a usage error, a missing file) every rank fails alike and mpirun reports the exit codes.
        if (!MpiCommunicator.Started) return code;
        if (code == 0)
        {
            MpiCommunicator.World.Dispose();
            return code;
        }
        Console.SetError(stderr);
        string reason = captured.ToString().Trim();
        MpiCommunicator.World.Abort(reason.Length > 0 ? reason.ReplaceLineEndings(" ") : $"failed with exit code {code}; see rank 0's message above.");
        return code;
    }

    /// <summary>
    /// Whether this process may run on one CPU only while the machine has more online: Open MPI binds each rank to one
    /// core by default, and a .NET process confined to one core ran 20-40% slower (its runtime threads share the core).
    /// Reads Linux's <c>/proc/self/status</c> and <c>/sys/devices/system/cpu/online</c>; false elsewhere.
    /// </summary>
    internal static bool BoundToOneCore()
    {
        try
        {
            string? allowed = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
            return allowed is not null && CountCpus(allowed["Cpus_allowed_list:".Length..]) == 1
                && CountCpus(File.ReadAllText("/sys/devices/system/cpu/online")) > 1;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    /// <summary>The number of CPUs in a Linux CPU list such as <c>0-3,8,10-11</c> (0 when it cannot be read).</summary>
    internal static int CountCpus(string list)
    {
        int count = 0;
        foreach (string part in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string[] ends = part.Split('-');
            if (!int.TryParse(ends[0], NumberStyles.None, CultureInfo.InvariantCulture, out int first)) return 0;
            int last = first;
            if (ends.Length == 2 && !int.TryParse(ends[1], NumberStyles.None, CultureInfo.InvariantCulture, out last)) return 0;
            count += last - first + 1;
        }
        return count;
    }

    private static int? ReadInt(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : null;
}
