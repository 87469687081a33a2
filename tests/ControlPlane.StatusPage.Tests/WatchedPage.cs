using Microsoft.Playwright;

namespace ControlPlane.StatusPage.Tests;

/// <summary>A browser page on the status page that records what went wrong: console errors, uncaught errors, failed or foreign requests, main-frame navigations.</summary>
public sealed class WatchedPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _problems = [];
    private int _navigations;

    public WatchedPage(IBrowserContext context, IPage page, Uri silo)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Add($"console error: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => Add($"page error: {error}");
        page.RequestFailed += (_, request) => Add($"request failed: {request.Url} {request.Failure}");
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(silo.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal))
            {
                Add($"request outside the silo: {request.Url}");
            }
        };
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                Interlocked.Increment(ref _navigations);
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Main-frame navigations so far (1 after the first load; more means the page reloaded).</summary>
    public int Navigations => Volatile.Read(ref _navigations);

    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_problems)
            {
                return _problems.ToList();
            }
        }
    }

    /// <summary>Fails the test with every problem seen, one a line.</summary>
    public void AssertNoProblems()
    {
        var problems = Problems;
        Assert.True(problems.Count == 0, $"{problems.Count} problem(s) in the browser:\n{string.Join("\n", problems)}");
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    private void Add(string problem)
    {
        lock (_problems)
        {
            _problems.Add(problem);
        }
    }
}
