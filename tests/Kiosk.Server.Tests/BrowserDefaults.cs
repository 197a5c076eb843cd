using System.Runtime.CompilerServices;

namespace Kiosk.Server.Tests;

/// <summary>
/// Browser expectations wait up to 15 s: long enough for a busy two-core CI machine running every test
/// project at once, and still short of the dashboard's 30 s poll, so a push is never mistaken for a poll.
/// </summary>
internal static class BrowserDefaults
{
    [ModuleInitializer]
    internal static void Apply() => Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(15_000);
}
