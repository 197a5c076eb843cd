using Kiosk.Server.Jobs;

namespace Kiosk.Server.Mail;

/// <summary>Confirmation mails with the badge QR code, sent by background jobs.</summary>
public static class MailFeature
{
    public static IServiceCollection AddMail(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ConfirmationMails>();
        services.AddSingleton<IRecurringWork, ConfirmationMailSchedule>();
        services.AddSingleton<IStartupSweep, ConfirmationMailSweep>();
        return services;
    }

    public static IEndpointRouteBuilder MapMail(this IEndpointRouteBuilder app)
    {
        app.MapMailEndpoints();
        return app;
    }
}
