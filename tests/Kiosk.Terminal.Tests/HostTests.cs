using Microsoft.AspNetCore.Mvc.Testing;

namespace Kiosk.Terminal.Tests;

public sealed class HostTests
{
    [Fact]
    public async Task Terminal_host_answers_its_health_check()
    {
        await using var factory = new WebApplicationFactory<Kiosk.Terminal.TerminalOptions>();
        var client = factory.CreateClient();
        Assert.Contains("ok", await client.GetStringAsync("/healthz"));
    }
}
