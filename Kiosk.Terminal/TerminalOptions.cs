using System.ComponentModel.DataAnnotations;

namespace Kiosk.Terminal;

/// <summary>Section "Server": where the registration server is.</summary>
public sealed class ServerOptions
{
    public const string Section = "Server";

    /// <summary>Base address of Kiosk.Server, e.g. https://kiosk.example.org.</summary>
    [Required]
    public Uri Url { get; set; } = new("http://localhost:5080");

    /// <summary>How long one request to the server may take before the terminal treats it as unreachable.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 5;
}

/// <summary>Section "Terminal".</summary>
public sealed class TerminalOptions
{
    public const string Section = "Terminal";

    /// <summary>
    /// One-time code from the organizer; the key it yields is kept in the data folder. A different code later
    /// enrols the kiosk afresh (next event, or after a revocation).
    /// </summary>
    public string? EnrolmentCode { get; set; }

    /// <summary>
    /// Digits staff type on the out-of-order screen before they may enter a new enrolment code or export unsent
    /// scans; set at install time. Unset: those staff actions are off (the code then comes from configuration).
    /// </summary>
    [RegularExpression("^[0-9]{4,12}$")]
    public string? StaffPin { get; set; }

    /// <summary>lobby | room-entrance | room-exit | room-toggle | print-station (prints reprint orders and batches, never checks anyone in).</summary>
    [RegularExpression("^(lobby|room-entrance|room-exit|room-toggle|print-station)$")]
    public string Mode { get; set; } = "lobby";

    /// <summary>The room whose door this is, in the room modes (see GET /api/events/{id}/rooms).</summary>
    public int? RoomId { get; set; }

    /// <summary>Folder for the local database (roster copy, outbox, print jobs) and printed previews.</summary>
    [Required]
    public string DataDirectory { get; set; } = "terminal-data";

    /// <summary>Where the kiosk browser finds the UI; loopback only.</summary>
    [Required]
    public string Urls { get; set; } = "http://127.0.0.1:5180";

    /// <summary>How long a room door waits for the server's answer before deciding alone (default 800 ms: a person at a door does not wait longer).</summary>
    [Range(100, 30_000)]
    public int DoorAskMilliseconds { get; set; } = 800;

    /// <summary>Seconds without a touch before the screen offers "more time" and then returns to the start.</summary>
    [Range(10, 600)]
    public int IdleSeconds { get; set; } = 30;

    /// <summary>
    /// Seconds a result screen ("already checked in", a refusal) stays before the start returns (default 15); a venue
    /// whose visitors need longer to read sets more (WCAG 2.2.1). Any touch or key ends it sooner.
    /// </summary>
    [Range(5, 600)]
    public int ResultSeconds { get; set; } = 15;

    /// <summary>Name searches a minute this kiosk answers at most (no roster harvesting at the kiosk).</summary>
    [Range(1, 10_000)]
    public int SearchesPerMinute { get; set; } = 30;

    /// <summary>Name searches one visitor's screen session gets at most; the page starts a new session for every visitor.</summary>
    [Range(1, 10_000)]
    public int SearchesPerSession { get; set; } = 20;

    /// <summary>
    /// Seconds the kiosk shows the badge before it prints ("Drucken" prints at once, "Fehler auf dem Badge?" prints
    /// nothing and sends the visitor to the help desk). 0: no preview, the badge prints at once.
    /// </summary>
    [Range(0, 60)]
    public int BadgePreviewSeconds { get; set; } = 3;

    /// <summary>Where this kiosk's help desk is, in German: told and spoken when the visitor says the badge is wrong.</summary>
    [Required, MaxLength(300)]
    public string HelpDeskDirections { get; set; } = "Bitte gehen Sie zum Counter am Eingang – dort korrigieren wir Ihren Badge.";

    /// <summary>The same directions in English.</summary>
    [Required, MaxLength(300)]
    public string HelpDeskDirectionsEn { get; set; } = "Please go to the counter at the entrance – we will correct your badge there.";

    /// <summary>How often the roster is fetched when no push arrives, and the heartbeat interval.</summary>
    [Range(1, 3600)]
    public int SyncSeconds { get; set; } = 15;
}
