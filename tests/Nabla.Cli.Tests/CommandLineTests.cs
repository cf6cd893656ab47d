namespace Nabla.Cli.Tests;

public class CommandLineTests
{
    [Fact]
    public void Version_Flag_PrintsNameAndVersion()
    {
        var r = CliRunner.Run("--version");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"^nabla \d+\.\d+\.\d+\s*$", r.Stdout);
    }

    [Fact]
    public void NoArguments_ShowsOverviewListingEveryCommand()
    {
        var r = CliRunner.Run();
        Assert.Equal(0, r.ExitCode);
        foreach (var command in new[] { "train", "evaluate", "predict", "inspect", "compare", "explain", "explain-net", "descend" })
            Assert.Contains(command, r.Stdout);
    }

    [Theory]
    [InlineData("train", "--optimizer")]
    [InlineData("evaluate", "MODEL")]
    [InlineData("predict", "--data")]
    [InlineData("inspect", "MODEL")]
    [InlineData("compare", "--optimizers")]
    [InlineData("explain", "--at")]
    [InlineData("explain-net", "--layers")]
    [InlineData("descend", "--mode")]
    public void Help_EachCommand_ListsItsOptions(string command, string expected)
    {
        var r = CliRunner.Run(command, "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains(expected, r.Stdout);
        Assert.Contains("--config", r.Stdout);
        Assert.Contains("--verbose", r.Stdout);
    }

    [Theory]
    // A bad option value names the option, the value and the allowed values (and a near miss).
    [InlineData(new[] { "train", "--optimizer", "adamm" }, "--optimizer: 'adamm' is not allowed. Allowed values: sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw. Did you mean 'adam'?")]
    [InlineData(new[] { "train", "--activation", "gelu" }, "Allowed values: relu, sigmoid, tanh, leaky-relu, step, linear.")]
    [InlineData(new[] { "train", "--epochs", "abc" }, "--epochs: 'abc' is not a whole number.")]
    [InlineData(new[] { "train", "--epochs", "0" }, "--epochs: '0' is out of range: it must be between 1 and 1000000.")]
    [InlineData(new[] { "train", "--lr", "fast" }, "--lr: 'fast' is not a number.")]
    [InlineData(new[] { "train", "--layers", "64,,32" }, "--layers: '64,,32' has an empty item")]
    [InlineData(new[] { "train", "--layers", "64,x" }, "--layers: '64,x' contains 'x', which is not a whole number.")]
    [InlineData(new[] { "train", "--validation-split", "1.5" }, "--validation-split: '1.5' is out of range: it must be between 0 and 0.9.")]
    [InlineData(new[] { "train", "--mode", "sgd", "--batch-size", "8" }, "--batch-size 8 contradicts --mode sgd")]
    [InlineData(new[] { "train", "--data", "x.csv" }, "--data x.csv needs --target COLUMN")]
    [InlineData(new[] { "train", "--data", "x.csv", "--target", "y", "--dataset", "iris" }, "--data and --dataset both given")]
    [InlineData(new[] { "train", "--bogus" }, "Unrecognized command or argument '--bogus'")]
    [InlineData(new[] { "compare", "--optimizers", "sgd,adamx" }, "--optimizers: 'sgd,adamx' (item 'adamx') is not allowed.")]
    [InlineData(new[] { "compare" }, "Nothing to compare")]
    [InlineData(new[] { "predict", "model" }, "--data FILE is required")]
    [InlineData(new[] { "explain", "z = x*y", "--at", "x=3,y" }, "--at: 'x=3,y' contains 'y'; expected name=value pairs")]
    [InlineData(new[] { "explain", "z = x*y", "--loss", "squared" }, "--loss squared needs --target VALUE")]
    [InlineData(new[] { "explain", "z = x*y", "--format", "pdf" }, "Allowed values: text, markdown, json, dot, mermaid, svg, html.")]
    [InlineData(new[] { "explain-net", "--x", "1,2" }, "--y is required")]
    [InlineData(new[] { "explain-net", "--x", "1,2", "--y", "1" }, "--x has 2 values but --layers starts with 3 inputs.")]
    [InlineData(new[] { "frobnicate" }, "Unrecognized command or argument 'frobnicate'")]
    public void BadUsage_PrintsOneClearMessage_ExitsWithUsageCode(string[] args, string expected)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr); // no stack trace without --verbose
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void MissingConfigFile_NamesTheFile_ExitsWithFailureCode()
    {
        var r = CliRunner.Run("train", "--config", "/nonexistent/run.yaml");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("Config file '/nonexistent/run.yaml' does not exist.", r.Stderr);
    }
}
