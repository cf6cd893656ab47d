using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Nabla.Cli.Tests.Reliability;

/// <summary>A real <c>nabla</c> process (<c>dotnet nabla.dll ...</c>) that a test can kill or interrupt.</summary>
internal sealed partial class NablaProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _stdout = new(), _stderr = new();

    public NablaProcess(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "nabla.dll"));
        foreach (string a in args) start.ArgumentList.Add(a);
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_stdout) _stdout.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }

    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>Waits for the process to end; returns its exit code, or throws after <paramref name="timeout"/>.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill();
            throw new TimeoutException($"nabla did not exit within {timeout.TotalSeconds} s. stderr:\n{Stderr}");
        }
        _process.WaitForExit(); // drains the output handlers
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: the process ends at once, wherever it is (mid-epoch, mid-write).</summary>
    public void Kill()
    {
        try { _process.Kill(); } catch (InvalidOperationException) { /* already exited */ }
        _process.WaitForExit();
    }

    /// <summary>SIGINT, as Ctrl-C in a terminal sends.</summary>
    public void Interrupt()
    {
        if (SendSignal(_process.Id, 2) != 0) throw new InvalidOperationException($"kill({_process.Id}, SIGINT) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}
