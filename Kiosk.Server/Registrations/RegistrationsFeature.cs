using System.Threading.RateLimiting;
using Hangfire;
using Kiosk.Server.Jobs;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Kiosk.Server.Registrations;

/// <summary>Online registration: the public form, double opt-in, its mails, and the deletion of unconfirmed sign-ups.</summary>
public static class RegistrationsFeature
{
    public const string RateLimit = "registration";

    public static IServiceCollection AddRegistrations(this IServiceCollection services)
    {
        services.AddOptions<RegistrationOptions>().BindConfiguration(RegistrationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Registrations>();
        services.AddScoped<RegistrationForms>();
        services.AddScoped<MyRegistration>();
        services.AddScoped<RegistrationMails>();
        services.AddSingleton<RegistrationLinks>();
        services.AddSingleton<IRecurringWork, RegistrationSchedule>();
        services.AddSingleton<IStartupSweep, RegistrationMailSweep>();
        // Per client address; the per-address limit on mails is the service's (RegistrationOptions.MailsPerAddressPerHour).
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(RateLimit, ctx => RateLimitPartition.GetFixedWindowLimiter(
            $"registration:{ctx.Connection.RemoteIpAddress}",
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = ctx.RequestServices.GetRequiredService<IOptions<RegistrationOptions>>().Value.PerClientPerMinute,
                Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
            })));
        return services;
    }

    public static IEndpointRouteBuilder MapRegistrations(this IEndpointRouteBuilder app)
    {
        app.MapRegistrationEndpoints();
        return app;
    }
}

/// <summary>Every minute the mails that are due; every hour the unconfirmed registrations whose window has passed.</summary>
internal sealed class RegistrationSchedule : IRecurringWork
{
    public const string MailJobId = "registration-mails";
    public const string CleanupJobId = "registration-cleanup";

    public void Register(IRecurringJobManager recurring)
    {
        recurring.AddOrUpdate<RegistrationMails>(MailJobId, m => m.SendDueAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<Registrations>(CleanupJobId, r => r.DeleteUnconfirmedAsync(CancellationToken.None), "23 * * * *");
    }
}

/// <summary>At start, one pass over the mails still waiting (a queue in memory did not survive the restart).</summary>
internal sealed class RegistrationMailSweep : IStartupSweep
{
    public Task SweepAsync(IBackgroundJobClient jobs, CancellationToken cancellationToken)
    {
        jobs.Enqueue<RegistrationMails>(m => m.SendDueAsync(CancellationToken.None));
        return Task.CompletedTask;
    }
}
