using Microsoft.Playwright;

namespace Kiosk.EndToEnd.Tests.FrontDoor;

/// <summary>
/// What a newcomer would notice on a page: a missing file (404), a server error, a script error, an
/// unhandled promise rejection. Collected per page and asserted empty.
/// </summary>
public sealed class PageWatch
{
    private readonly List<string> _problems = [];

    public PageWatch(IPage page)
    {
        page.Response += (_, r) => { if (r.Status == 404 || r.Status >= 500) Add($"{r.Status} {r.Url}"); };
        page.Console += (_, m) => { if (m.Type == "error") Add($"console: {m.Text} ({m.Location})"); };
        page.PageError += (_, e) => Add($"page error: {e}");
    }

    private void Add(string problem)
    {
        lock (_problems) _problems.Add(problem);
    }

    /// <summary>Fails with every problem seen since the last check, naming the page.</summary>
    public void AssertClean(string where)
    {
        lock (_problems)
        {
            Assert.True(_problems.Count == 0, $"{where}:\n{string.Join('\n', _problems)}");
            _problems.Clear();
        }
    }
}
