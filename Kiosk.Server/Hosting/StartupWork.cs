using Kiosk.Server.Data;
using Kiosk.Server.Demo;
using Kiosk.Server.Staff;
using Microsoft.Extensions.Options;

namespace Kiosk.Server.Hosting;

/// <summary>
/// Runs before the server accepts requests: migrates, creates the first organizer, and seeds the demo
/// event when asked (--seed-demo or Demo:Seed). Each step is safe to repeat on every start.
/// Registered as the first hosted service, so the others start only after it is done.
/// </summary>
internal sealed class StartupWork(IServiceProvider services, IOptions<DemoOptions> demo) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await DatabaseSetup.MigrateAsync(services, cancellationToken);
        await AdminBootstrap.EnsureAdminAsync(services);
        if (demo.Value.Seed) await DemoEvent.SeedAsync(services);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
