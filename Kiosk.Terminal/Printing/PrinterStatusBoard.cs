using Kiosk.Shared.Printing.EscPos;

namespace Kiosk.Terminal.Printing;

/// <summary>The printer's last known state, for the screen ("out of order") and the heartbeat.</summary>
public sealed class PrinterStatusBoard
{
    private volatile PrinterStatus _current = new(PrinterState.Unknown);

    public PrinterStatus Current => _current;

    /// <summary>Visitors cannot be served: the badge would not come out.</summary>
    public bool OutOfOrder => _current.State is not (PrinterState.Ready or PrinterState.Unknown);

    public void Set(PrinterStatus status) => _current = status;
}
