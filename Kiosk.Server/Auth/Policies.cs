namespace Kiosk.Server.Auth;

public static class Policies
{
    public const string Organizer = nameof(Organizer);
    public const string Staff = nameof(Staff);
    public const string Terminal = nameof(Terminal);

    /// <summary>Terminals and staff may record check-ins and search attendees.</summary>
    public const string Desk = nameof(Desk);
}

public static class KioskClaims
{
    public const string TerminalRole = "Terminal";
    public const string TerminalId = "kiosk:terminal";
    public const string EventId = "kiosk:event";
    public const string UserId = "kiosk:user";
}
