namespace Kiosk.Terminal.Printing;

/// <summary>Turns a badge order into printer bytes (and, for the virtual printer, a preview). TEMPORARY until the encoder lands.</summary>
public sealed class BadgeRendering
{
    public ReadOnlyMemory<byte> Render(PrintJob job) => System.Text.Encoding.UTF8.GetBytes($"{job.Badge.FirstName} {job.Badge.LastName}\n{job.Badge.Token}\n");
}
