using System.Text;
using Nabla.Cli.Options;
using Nabla.Cli.Parsing;

namespace Nabla.Cli.Tests;

public class ConfigFileTests
{
    private static TrainOptions Parse(string? configPath, params string[] flags)
    {
        // Mirrors CommandBuilder: the file first, then the flags on top.
        var raw = new RawOptions();
        if (configPath is not null)
            foreach (var (key, value) in ConfigFile.Read(configPath, TrainOptions.Specs))
                raw.Set(key, value, $"config file '{configPath}', key '{key}'");
        for (int i = 0; i < flags.Length; i += 2) raw.Set(flags[i].TrimStart('-'), flags[i + 1], flags[i]);
        return TrainOptions.From(raw);
    }

    [Fact]
    public void JsonAndYaml_SameKeys_GiveSameOptions()
    {
        using var dir = new TempDir();
        string json = dir.File("run.json", """{ "layers": [64, 32], "optimizer": "sgd", "lr": 0.05, "batch-size": 16, "quiet": true }""");
        string yaml = dir.File("run.yaml", """
            # the same settings in YAML
            layers: [64, 32]
            optimizer: sgd
            lr: 0.05
            batch_size: 16
            quiet: yes
            """);
        var a = Parse(json);
        var b = Parse(yaml);
        Assert.Equal([64, 32], a.Layers);
        Assert.Equal("sgd", a.Optimizer);
        Assert.Equal(0.05f, a.Lr);
        Assert.Equal(16, a.BatchSize);
        Assert.True(a.Quiet);
        Assert.Equal(a with { Layers = b.Layers }, b);
        Assert.Equal(a.Layers, b.Layers);
    }

    [Fact]
    public void YamlBlockList_ReadsAsCommaList()
    {
        using var dir = new TempDir();
        string yaml = dir.File("run.yml", "layers:\n  - 128\n  - 64\nactivation: tanh\n");
        var o = Parse(yaml);
        Assert.Equal([128, 64], o.Layers);
        Assert.Equal("tanh", o.Activation);
    }

    [Fact]
    public void Flags_OverrideConfigFile()
    {
        using var dir = new TempDir();
        string yaml = dir.File("run.yaml", "epochs: 5\noptimizer: sgd\n");
        var o = Parse(yaml, "--epochs", "7");
        Assert.Equal(7, o.Epochs);
        Assert.Equal("sgd", o.Optimizer);
    }

    [Fact]
    public void BadValueInConfig_NamesFileAndKey()
    {
        using var dir = new TempDir();
        string yaml = dir.File("run.yaml", "optimizer: adamm\n");
        var e = Assert.Throws<UsageException>(() => Parse(yaml));
        Assert.Contains($"config file '{yaml}', key 'optimizer': 'adamm' is not allowed. Allowed values:", e.Message);
    }

    [Theory]
    [InlineData("run.yaml", "epochz: 5\n", "unknown key 'epochz'. Did you mean 'epochs'?")]
    [InlineData("run.json", """{"epochs": {"n": 5}}""", "key 'epochs': expected a number, text, true/false or a list of those; found Object.")]
    [InlineData("run.yaml", "epochs:\n  n: 5\n", "key 'epochs' (line 2): expected a number")]
    [InlineData("run.yaml", "layers: [[1, 2]]\n", "key 'layers'")]
    public void BadStructure_ThrowsUsageExceptionNamingTheKey(string name, string contents, string expected)
    {
        using var dir = new TempDir();
        string path = dir.File(name, contents);
        var e = Assert.Throws<UsageException>(() => Parse(path));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("run.json", "{ \"epochs\": 5,, }", "is not valid JSON: line 1")]
    [InlineData("run.json", "[1, 2]", "must hold a JSON object")]
    [InlineData("run.yaml", "epochs: [5\n", "is not valid YAML")]
    [InlineData("run.yaml", "- 5\n- 6\n", "must hold a YAML mapping")]
    public void MalformedFile_ThrowsCliExceptionWithPosition(string name, string contents, string expected)
    {
        using var dir = new TempDir();
        string path = dir.File(name, contents);
        var e = Assert.Throws<CliException>(() => Parse(path));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("run.yaml", new byte[] { (byte)'l', (byte)'r', (byte)':', (byte)' ', 0xFF, (byte)'1' }, "is not valid utf-8 text at byte 5")]
    [InlineData("run.json", new byte[] { 0xEF, 0xBB, 0xBF, (byte)'{', (byte)'"', 0xC3, (byte)'"', (byte)':', (byte)'1', (byte)'}' }, "is not valid utf-8 text at byte 6")]
    [InlineData("run.yaml", new byte[] { 0xFF, 0xFE, (byte)'e', 0, 0x00, 0xDC }, "is not valid utf-16 text")]
    public void UndecodableBytes_AreRefusedWithTheirOffset(string name, byte[] contents, string expected)
    {
        using var dir = new TempDir();
        string path = dir.File(name, "");
        File.WriteAllBytes(path, contents);
        var e = Assert.Throws<CliException>(() => Parse(path));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Utf16WithByteOrderMark_IsRead()
    {
        using var dir = new TempDir();
        string path = dir.File("run.yaml", "");
        File.WriteAllText(path, "epochs: 7\noptimizer: sgd\n", new UnicodeEncoding(bigEndian: false, byteOrderMark: true));
        var o = Parse(path);
        Assert.Equal(7, o.Epochs);
        Assert.Equal("sgd", o.Optimizer);
    }

    [Fact]
    public void EmptyYaml_GivesDefaults()
    {
        using var dir = new TempDir();
        var o = Parse(dir.File("run.yaml", "# nothing yet\n"));
        Assert.Equal(new TrainOptions() with { Layers = o.Layers }, o);
        Assert.Null(o.Layers);
    }

    // Issue #15, item 5: YAML aliases cannot expand a small file into gigabytes.
    [Fact]
    public void Yaml_AliasesExpandingPastTheLimit_Refused()
    {
        using var dir = new TempDir();
        string big = new('x', 20_000);
        string path = dir.File("laughs.yaml", $"optimizer: &a {big}\nlayers: [{string.Join(", ", Enumerable.Repeat("*a", 60))}]\n");
        var e = Assert.Throws<CliException>(() => Parse(path));
        Assert.Contains("expands to more than", e.Message);
    }

    [Fact]
    public void Yaml_TooManyAliases_Refused()
    {
        using var dir = new TempDir();
        string path = dir.File("many.yaml", $"optimizer: &a sgd\nlayers: [{string.Join(", ", Enumerable.Repeat("*a", 101))}]\n");
        var e = Assert.Throws<CliException>(() => Parse(path));
        Assert.Contains($"more than {ConfigFile.MaxYamlAliases} YAML aliases", e.Message);
    }
}
