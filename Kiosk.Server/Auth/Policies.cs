namespace Kiosk.Server.Auth;

public static class Policies
{
    public const string Organizer = nameof(Organizer);
    public const string Staff = nameof(Staff);
    public const string Terminal = nameof(Terminal);

    /// <summary>Terminals and staff (organizers too) may record check-ins and door scans and search attendees.</summary>
    public const string TerminalOrStaff = nameof(TerminalOrStaff);
}

public static class KioskClaims
{
    public const string TerminalRole = "Terminal";
    public const string TerminalId = "kiosk:terminal";
    public const string EventId = "kiosk:event";
    public const string UserId = "kiosk:user";
}
