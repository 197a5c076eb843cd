using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kiosk.Server.Data;

/// <summary>
/// /healthz answers "Healthy" only when the database answers a query. A plain SELECT on a pooled
/// connection, because the stock EF check's CanConnect opens a fresh, unpooled connection each time.
/// </summary>
internal sealed class DatabaseHealthCheck(KioskDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await db.Database.ExecuteSqlRawAsync("SELECT 1", cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", e);
        }
    }
}
