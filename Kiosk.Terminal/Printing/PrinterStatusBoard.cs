using Kiosk.Shared.Printing.EscPos;

namespace Kiosk.Terminal.Printing;

/// <summary>The printer's last known state, for the screen ("out of order") and the heartbeat.</summary>
public sealed class PrinterStatusBoard
{
    private volatile PrinterStatus _current = new(PrinterState.Unknown);

    public PrinterStatus Current => _current;

    /// <summary>Visitors cannot be served: the badge would not come out.</summary>
    public bool OutOfOrder => _current.State is not (PrinterState.Ready or PrinterState.Unknown);

    /// <summary>Raised when the state changes (paper out, paper back): the server hears of it at once, not at the next heartbeat.</summary>
    public event Action? StateChanged;

    public void Set(PrinterStatus status)
    {
        var before = _current.State;
        _current = status;
        if (status.State != before) StateChanged?.Invoke();
    }
}
