using Kiosk.Shared.Printing.EscPos;

namespace Kiosk.Terminal.Printing;

/// <summary>How bytes reach the printer. Two-way transports can also ask the printer how it is (DLE EOT).</summary>
public interface IPrinterTransport : IAsyncDisposable
{
    /// <summary>For logs and the staff view, e.g. "tcp://10.0.0.7:9100".</summary>
    string Describe { get; }

    bool CanReadStatus { get; }

    Task SendAsync(ReadOnlyMemory<byte> job, CancellationToken ct);

    /// <summary>Unknown when the transport is write-only.</summary>
    Task<PrinterStatus> ReadStatusAsync(CancellationToken ct);
}
