namespace Kiosk.Testing;

/// <summary>
/// Waits for a condition that background work makes true (a sync, an upload), checking it again and
/// again until it holds or the deadline passes. The deadline is generous: it only bounds a failing test.
/// </summary>
public static class Eventually
{
    public static async Task<T> Async<T>(Func<Task<T>> probe, Func<T, bool> done, string what, int seconds = 30)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var last = await probe();
        while (!done(last))
        {
            if (deadline.IsCancellationRequested) Assert.Fail($"Timed out waiting for {what}; last seen: {last}");
            await Task.Delay(20);
            last = await probe();
        }
        return last;
    }
}
