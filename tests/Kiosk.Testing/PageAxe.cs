using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Kiosk.Testing;

/// <summary>axe-core in the page: the WCAG 2.1 A and AA rules, and the 7:1 contrast rule for the kiosk's high-contrast mode.</summary>
public static class PageAxe
{
    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    private static readonly AxeRunOptions EnhancedContrast = new()
    {
        RunOnly = new RunOnlyOptions { Type = "rule", Values = ["color-contrast-enhanced"] },
    };

    /// <summary>Fails with the findings when axe reports any violation; returns how many rules passed (for the note).</summary>
    public static async Task<int> AssertNoViolationsAsync(IPage page, string screen, bool enhancedContrast = false)
    {
        var result = await page.RunAxe(enhancedContrast ? EnhancedContrast : WcagAa);
        // Each node with what axe's checks found (for contrast: the colours and the ratio it measured).
        var findings = string.Join("\n", result.Violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} — " +
            string.Join(" | ", v.Nodes.Take(3).Select(n => $"{n.Target} ({string.Join("; ", (n.Any ?? []).Concat(n.All ?? []).Concat(n.None ?? []).Select(c => c.Message))})"))));
        Assert.True(result.Violations.Length == 0, $"axe-core on {screen}:\n{findings}");
        return result.Passes.Length;
    }
}
