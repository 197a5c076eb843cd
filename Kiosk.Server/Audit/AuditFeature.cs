namespace Kiosk.Server.Audit;

/// <summary>Who did what: the audit log every staff action writes to.</summary>
public static class AuditFeature
{
    public static IServiceCollection AddAudit(this IServiceCollection services) => services
        .AddScoped<AuditLog>();

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapAuditEndpoints();
        return app;
    }
}
