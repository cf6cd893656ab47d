namespace Nabla.Browser.Tests;

/// <summary>
/// Where the browser is, and what to do when it is not there. The tests drive the system chromium (Debian's
/// package) instead of a browser Playwright would download: downloads are impossible on the build machines.
/// </summary>
internal static class Chromium
{
    /// <summary>Overrides the browser path (any Chromium build), e.g. on a developer machine with chromium elsewhere.</summary>
    public const string PathVariable = "NABLA_CHROMIUM";

    /// <summary>Set to 1 to make a missing browser a failure instead of a skip (.ci/run sets it; CI=true does the same).</summary>
    public const string RequireVariable = "NABLA_REQUIRE_BROWSER";

    /// <summary>The chromium executable: $NABLA_CHROMIUM, else /usr/bin/chromium.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } custom ? custom : "/usr/bin/chromium";

    public static bool IsInstalled => File.Exists(ExecutablePath);

    /// <summary>In CI the browser is installed by .ci/run, so its absence is an error there, never a silent skip.</summary>
    public static bool IsRequired =>
        Environment.GetEnvironmentVariable(RequireVariable) == "1"
        || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string MissingMessage =>
        $"chromium not found at {ExecutablePath}: install it (apt-get install chromium) or set {PathVariable} to a Chromium executable.";

    /// <summary>
    /// Headless without a GPU or a sandbox (the sandbox refuses to start as root, which CI containers are),
    /// and without the background traffic a first start makes (updates, sync, first-run pages): the page
    /// under test must be the only thing the browser loads.
    /// </summary>
    public static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];
}

/// <summary>
/// A test that needs chromium: skipped with the reason when the browser is missing on a developer machine,
/// but run (and then failing with the same reason) when <see cref="Chromium.IsRequired"/>.
/// </summary>
internal sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Chromium.IsInstalled && !Chromium.IsRequired)
            Skip = Chromium.MissingMessage + $" (Skipped; set {Chromium.RequireVariable}=1 or CI=true to fail instead.)";
    }
}
