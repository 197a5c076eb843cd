namespace Kiosk.Server.Certificates;

/// <summary>Attendance confirmations for sessions.</summary>
public static class CertificatesFeature
{
    public static IServiceCollection AddCertificates(this IServiceCollection services)
    {
        services.AddOptions<CertificateOptions>().BindConfiguration(CertificateOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    public static IEndpointRouteBuilder MapCertificates(this IEndpointRouteBuilder app)
    {
        app.MapCertificateEndpoints();
        return app;
    }
}
