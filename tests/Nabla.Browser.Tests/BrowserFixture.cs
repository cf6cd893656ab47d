using Microsoft.Playwright;

namespace Nabla.Browser.Tests;

/// <summary>
/// One Playwright driver and one chromium process shared by the tests of a class (starting chromium costs
/// about a second). Started on first use, so a class whose tests are all skipped never looks for a browser.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    IPlaywright? _playwright;
    IBrowser? _browser;
    readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The running browser; throws with <see cref="Chromium.MissingMessage"/> when chromium is absent.</summary>
    public async Task<IBrowser> BrowserAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_browser is not null) return _browser;
            if (!Chromium.IsInstalled) throw new InvalidOperationException(Chromium.MissingMessage);
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium.ExecutablePath,
                Headless = true, // Playwright passes --headless itself
                Args = Chromium.Arguments,
                Timeout = 20_000,
            });
            return _browser;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        _gate.Dispose();
    }
}
