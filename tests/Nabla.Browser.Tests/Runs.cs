using System.Text.Json;
using Nabla.Cli;

namespace Nabla.Browser.Tests;

/// <summary>Runs the nabla tool in-process (as the CLI tests do) into a temporary folder deleted afterwards.</summary>
internal sealed class Runs : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("nabla-browser-tests-").FullName;

    /// <summary>Runs <c>nabla ARGS --json --out ROOT/NAME</c>; returns the output folder and the JSON summary.</summary>
    public (string Folder, JsonElement Summary) Run(string name, params string[] args)
    {
        string folder = Path.Combine(Root, name);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run([.. args, "--json", "--out", folder], stdout, stderr);
        Assert.True(code == 0, $"nabla {string.Join(' ', args)} exited {code}: {stderr}");
        using var json = JsonDocument.Parse(stdout.ToString());
        return (folder, json.RootElement.Clone());
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
