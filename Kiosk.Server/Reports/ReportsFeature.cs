namespace Kiosk.Server.Reports;

/// <summary>Session, room and timeline reports (CSV, XLSX, JSON).</summary>
public static class ReportsFeature
{
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        app.MapReportEndpoints();
        return app;
    }
}
