using System.Diagnostics;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ControlPlane.StatusPage.Tests;

/// <summary>The status page of a real silo in headless chromium: loads clean, follows a failover in place, fits a phone, works from the keyboard.</summary>
[Collection(StatusPageCollection.Name)]
public sealed class StatusPageBrowserTests(BrowserFixture fixture, ITestOutputHelper output)
{
    /// <summary>Checks run every second with fall 2, the page reads every 2 s; a loaded shared machine gets generous room.</summary>
    private static readonly LocatorAssertionsToHaveAttributeOptions Soon = new() { Timeout = 20_000 };

    private StatusPageSilo Scenario => fixture.Scenario;

    [Fact]
    public async Task Page_loads_without_errors_and_shows_services_endpoints_regions_and_cluster()
    {
        await using var watched = await fixture.OpenAsync();
        var page = watched.Page;
        await page.GotoAsync(Scenario.Api.ToString());

        await Expect(page.Locator("#service-web")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(page.Locator("#service-api")).ToBeVisibleAsync();
        foreach (var id in StatusPageSilo.EndpointIds)
        {
            await Expect(page.Locator($"#endpoint-{id}")).ToHaveAttributeAsync("data-health", "healthy", Soon);
        }

        await Expect(page.Locator("#endpoint-web-a td.verdict[data-key='v-eu-central']")).ToHaveAttributeAsync("data-verdict", "up", Soon);
        await Expect(page.Locator("#service-web thead th", new() { HasText = "eu-central" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=published-web]")).ToHaveTextAsync(Scenario.AddressOf("web-a"), new() { Timeout = 20_000 });
        await Expect(page.Locator("#endpoint-web-a .uptime-cell svg rect")).ToHaveCountAsync(96, new() { Timeout = 20_000 });
        await Expect(page.Locator("#endpoint-web-a .spark-cell polyline")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await Expect(page.Locator("#cluster-body")).ToContainTextAsync("silo-status");
        await Expect(page.Locator("#cluster-body")).ToContainTextAsync("active");

        watched.AssertNoProblems();
    }

    [Fact]
    public async Task A_failover_shows_within_seconds_without_a_reload()
    {
        await using var watched = await fixture.OpenAsync();
        var page = watched.Page;
        await page.GotoAsync(Scenario.Api.ToString());
        var webA = page.Locator("#endpoint-web-a");
        var published = page.Locator("[data-testid=published-web]");
        await Expect(webA).ToHaveAttributeAsync("data-health", "healthy", Soon);
        await Expect(published).ToHaveTextAsync(Scenario.AddressOf("web-a"), new() { Timeout = 20_000 });
        await page.EvaluateAsync("() => { window.__sameDocument = 'still here'; }");
        var navigationsBefore = watched.Navigations;

        var clock = Stopwatch.StartNew();
        await Scenario.SetTargetAsync("web-a", down: true);
        try
        {
            await Expect(webA.Locator("td.verdict")).ToHaveAttributeAsync("data-verdict", "down", Soon);
            await Expect(webA).ToHaveAttributeAsync("data-health", "unhealthy", Soon);
            await Expect(published).ToHaveTextAsync(Scenario.AddressOf("web-b"), new() { Timeout = 20_000 });
            var seen = clock.Elapsed;
            await Expect(webA).ToHaveAttributeAsync("data-in-dns", "false");
            await Expect(page.Locator("#endpoint-web-b")).ToHaveAttributeAsync("data-in-dns", "true");
            await Expect(page.Locator("#decision-list details[data-kind=healthChanged]", new() { HasText = "web-a" }).First).ToContainTextAsync("healthy \u2192 unhealthy");
            await Expect(page.Locator("#dns-list")).ToContainTextAsync(Scenario.AddressOf("web-b"));
            output.WriteLine($"failover shown on the page {seen.TotalSeconds:0.0} s after the target failed");
            await File.AppendAllTextAsync(Artifacts.PathOf("failover-seconds.txt"), FormattableString.Invariant($"{DateTimeOffset.UtcNow:O} {seen.TotalSeconds:0.00}\n"));

            Assert.Equal("still here", await page.EvaluateAsync<string>("() => window.__sameDocument"));
            Assert.Equal(navigationsBefore, watched.Navigations);
            await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("desktop-after-failover.png"), FullPage = true });

            // Evidence: the decision opens with each region's verdict and the quorum numbers.
            var decision = page.Locator("#decision-list details[data-kind=healthChanged]", new() { HasText = "healthy \u2192 unhealthy" }).First;
            await decision.Locator("summary").ClickAsync();
            await Expect(decision.Locator(".evidence")).ToContainTextAsync("eu-central");
            await Expect(decision.Locator(".evidence")).ToContainTextAsync("fall 2, rise 2");
        }
        finally
        {
            await Scenario.SetTargetAsync("web-a", down: false);
        }

        await Expect(webA).ToHaveAttributeAsync("data-health", "healthy", Soon);
        await Expect(published).ToHaveTextAsync(Scenario.AddressOf("web-a"), new() { Timeout = 20_000 });
        Assert.Equal(navigationsBefore, watched.Navigations);
        watched.AssertNoProblems();
    }

    [Fact]
    public async Task On_a_phone_the_page_fits_the_screen()
    {
        await using var watched = await fixture.OpenAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
        });
        var page = watched.Page;
        await page.GotoAsync(Scenario.Api.ToString());
        await Expect(page.Locator("#endpoint-web-a")).ToHaveAttributeAsync("data-health", "healthy", Soon);
        await Expect(page.Locator("#endpoint-web-a .uptime-cell svg")).ToBeVisibleAsync(new() { Timeout = 20_000 });

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page scrolls sideways by {overflow} px on a 390 px wide screen");
        var row = await page.Locator("#endpoint-web-a").BoundingBoxAsync();
        Assert.NotNull(row);
        Assert.True(row.X >= 0 && row.X + row.Width <= 390, $"endpoint row spans {row.X}..{row.X + row.Width} px, wider than the screen");
        Assert.Equal("block", await page.Locator("#endpoint-web-a").EvaluateAsync<string>("e => getComputedStyle(e).display"));

        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("phone.png") });
        await page.Locator("#service-web").ScreenshotAsync(new() { Path = Artifacts.PathOf("phone-service-web.png") });
        watched.AssertNoProblems();
    }

    [Fact]
    public async Task Keyboard_reaches_every_control_with_a_visible_focus_and_updates_keep_it()
    {
        await using var watched = await fixture.OpenAsync();
        var page = watched.Page;
        await page.GotoAsync(Scenario.Api.ToString());
        await Expect(page.Locator("#endpoint-web-a")).ToHaveAttributeAsync("data-health", "healthy", Soon);
        await Expect(page.Locator("#decision-list details.decision").First).ToBeVisibleAsync(new() { Timeout = 20_000 });

        var reached = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var fields = (await page.EvaluateAsync<string>(
                """
                () => {
                  const e = document.activeElement;
                  const style = getComputedStyle(e);
                  return [e.id || e.getAttribute('href') || e.tagName.toLowerCase(), e.tagName.toLowerCase(), style.outlineStyle, parseFloat(style.outlineWidth) || 0].join('\n');
                }
                """)).Split('\n');
            var focused = new FocusedElement(fields[0], fields[1], fields[2], double.Parse(fields[3], System.Globalization.CultureInfo.InvariantCulture));
            if (focused.Tag == "body")
            {
                break; // past the last control: the browser's own UI would be next
            }

            Assert.True(focused.Outline != "none" && focused.Width >= 2, $"focus on {focused.Name} is not visible (outline {focused.Outline} {focused.Width}px) after {string.Join(" | ", reached)}");
            reached.Add(focused.Tag == "summary" ? "summary" : focused.Name);
        }

        output.WriteLine("tab order: " + string.Join(" | ", reached));
        foreach (var control in new[] { "#services", "filter", "pause", "#decisions", "#cluster", "/api/v1/endpoints/web-a", "summary" })
        {
            Assert.Contains(control, reached);
        }

        // Pause and resume with the keyboard.
        var pause = page.Locator("#pause");
        await pause.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(pause).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Keyboard.PressAsync("Enter");
        await Expect(pause).ToHaveAttributeAsync("aria-pressed", "false");

        // A decision opened from the keyboard stays open, and keeps focus, across later updates.
        var summary = page.Locator("#decision-list details.decision summary").First;
        await summary.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var details = page.Locator("#decision-list details.decision").First;
        await Expect(details).ToHaveAttributeAsync("open", "");
        var updated = await page.Locator("#updated").TextContentAsync();
        await Expect(page.Locator("#updated")).Not.ToHaveTextAsync(updated!, new() { Timeout = 20_000 });
        await Expect(page.Locator("#updated")).Not.ToHaveTextAsync(await page.Locator("#updated").TextContentAsync() ?? string.Empty, new() { Timeout = 20_000 });
        await Expect(details).ToHaveAttributeAsync("open", "");
        Assert.True(await summary.EvaluateAsync<bool>("e => e === document.activeElement"), "focus left the decision after an update");

        // The filter narrows the services from the keyboard.
        await page.Locator("#filter").FocusAsync();
        await page.Keyboard.TypeAsync("api-b");
        await Expect(page.Locator("#service-web")).ToBeHiddenAsync();
        await Expect(page.Locator("#endpoint-api-b")).ToBeVisibleAsync();
        await Expect(page.Locator("#endpoint-api-a")).ToBeHiddenAsync();
        watched.AssertNoProblems();
    }

    private sealed record FocusedElement(string Name, string Tag, string Outline, double Width);
}
