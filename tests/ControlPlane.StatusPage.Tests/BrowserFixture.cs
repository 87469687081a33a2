using Microsoft.Playwright;

namespace ControlPlane.StatusPage.Tests;

/// <summary>A <see cref="StatusPageSilo"/> and Debian's chromium driven by Playwright, shared by the tests of one class.</summary>
/// <remarks>Playwright cannot download its own browsers here, so it drives <c>/usr/bin/chromium</c> (scripts/prereqs.d/50-chromium.sh installs it).</remarks>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public StatusPageSilo Scenario { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run scripts/prereqs.d/50-chromium.sh (apt-get install chromium)");
        }

        Scenario = await StatusPageSilo.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    /// <summary>A fresh page (own context) that records console errors, page errors and any request leaving the silo.</summary>
    public async Task<WatchedPage> OpenAsync(BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options ?? new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        return new WatchedPage(context, page, Scenario.Api);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Scenario is not null)
        {
            await Scenario.DisposeAsync();
        }
    }
}
