using System.Diagnostics;

namespace Nabla.Distributed.Tests;

/// <summary>Open MPI on this machine, for the end-to-end tests: <c>mpirun</c> and the built <c>nabla.dll</c>.</summary>
internal static class OpenMpi
{
    /// <summary>Set to 1 to make a missing Open MPI a failure instead of a skip (.ci/run sets it; CI=true does the same).</summary>
    public const string RequireVariable = "NABLA_REQUIRE_MPI";

    public const string Mpirun = "/usr/bin/mpirun";

    public static bool IsInstalled => File.Exists(Mpirun) && File.Exists("/usr/lib/x86_64-linux-gnu/libmpi.so.40");

    /// <summary>In CI Open MPI is installed by .ci/run, so its absence is an error there, never a silent skip.</summary>
    public static bool IsRequired =>
        Environment.GetEnvironmentVariable(RequireVariable) == "1"
        || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public const string MissingMessage =
        "Open MPI not found (mpirun, libmpi.so.40): install it (apt-get install openmpi-bin libopenmpi-dev).";

    /// <summary>The CLI built next to the tests (the test project references it).</summary>
    public static string NablaDll => Path.Combine(AppContext.BaseDirectory, "nabla.dll");

    /// <summary>Starts <c>mpirun -n <paramref name="ranks"/></c> on <paramref name="command"/> (root allowed, more ranks than cores allowed).</summary>
    public static Process Start(int ranks, params string[] command)
    {
        var info = new ProcessStartInfo(Mpirun)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in (string[])["--allow-run-as-root", "--oversubscribe", "--mca", "btl", "self,vader", "-n", ranks.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            info.ArgumentList.Add(a);
        foreach (string a in command) info.ArgumentList.Add(a);
        info.Environment["NABLA_NUM_THREADS"] = "1";
        return Process.Start(info)!;
    }

    /// <summary>Waits for <paramref name="process"/> at most <paramref name="limit"/>; kills it (and fails) if it takes longer.</summary>
    public static (int Code, string Stdout, string Stderr) Finish(Process process, TimeSpan limit)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"mpirun did not finish within {limit.TotalSeconds} s: a rank hangs.");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>
/// A test that needs Open MPI: skipped with the reason when it is missing on a developer machine, but run (and then
/// failing with the same reason) when <see cref="OpenMpi.IsRequired"/>.
/// </summary>
internal sealed class MpiFactAttribute : FactAttribute
{
    public MpiFactAttribute()
    {
        if (!OpenMpi.IsInstalled && !OpenMpi.IsRequired)
            Skip = OpenMpi.MissingMessage + $" (Skipped; set {OpenMpi.RequireVariable}=1 or CI=true to fail instead.)";
    }
}
