using Kiosk.Shared.Badges;

namespace Kiosk.Shared.Contracts;

/// <summary>
/// What a terminal keeps of one attendee: enough to greet, decide and print, nothing more. The e-mail
/// address and registration number are not copied; only proofs of them, to check a visitor's answer
/// to the second factor after a name search. The signed badge token is included so a kiosk can print a
/// valid badge for someone who found themselves by name. <see cref="Erased"/>: the person's data was
/// deleted (retention or Art. 17); the kiosk drops what it kept about the row's previous badge and compacts its file.
/// <see cref="BadgeAtCounter"/>: the badge was printed in advance (a print batch) and waits at the counter, so the
/// kiosk checks the visitor in without printing.
/// <see cref="Sessions"/>: the sessions (master classes) the attendee booked, in start order, for the welcome
/// screen's handout notes and the badge's programme block; null from servers before them (read as none).
/// </summary>
public sealed record RosterEntry(
    int Id,
    Guid BadgeId,
    int BadgeVersion,
    string? Title,
    string FirstName,
    string LastName,
    string? Organization,
    AttendeeCategory Category,
    bool Cancelled,
    DateTimeOffset? CheckedInAt,
    string? EmailProof,
    string? RegistrationNumberProof,
    string BadgeToken,
    long Seq,
    bool Erased = false,
    bool BadgeAtCounter = false,
    IReadOnlyList<BookedSession>? Sessions = null);

/// <summary>A session an attendee booked: what the badge lists and the welcome screen says (its handout note, if any).</summary>
public sealed record BookedSession(string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Room, string? HandoutNote = null);

/// <summary>What the attendees of one category are told at check-in ("Bitte Lanyard ‚Referent' am Counter 2 abholen").</summary>
public sealed record CategoryHandout(AttendeeCategory Category, string Note);

/// <summary>
/// One page of roster changes, ordered by change sequence then id. Ask again with <see cref="NextSince"/>
/// and <see cref="NextAfter"/> until <see cref="Complete"/>; keep both to ask for later changes only.
/// </summary>
public sealed record RosterPage(IReadOnlyList<RosterEntry> Attendees, long NextSince, int NextAfter, bool Complete);

/// <summary>
/// The event as a terminal needs it, with the terminal's own identity. <see cref="Handouts"/>: the organizer's note
/// per attendee category (an event-level setting, so changing one touches no roster row).
/// </summary>
public sealed record TerminalProfile(
    int TerminalId,
    string TerminalName,
    int EventId,
    string EventName,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string TimeZone,
    bool AllowsWalkIns,
    SecondFactorKind SecondFactor,
    string? AssignedMode = null,
    bool SelfServiceReprint = false,
    IReadOnlyList<CategoryHandout>? Handouts = null);

/// <summary>Sent by every terminal periodically (and over SignalR when connected).</summary>
public sealed record TerminalHeartbeat(string AppVersion, int Outbox, string PrinterState, string Mode, KioskFigures? Figures = null);

/// <summary>
/// A kiosk's own figures for the operators' metrics: how big its roster copy is, how many confirmed scans it keeps
/// aside from an earlier identity, and how fast it answered scans locally (since it started, last 200 scans).
/// Counts and durations only, nothing about a person.
/// </summary>
public sealed record KioskFigures(int RosterSize, int OrphanedScans, long Scans, double? ScanP50Milliseconds, double? ScanP95Milliseconds);

/// <summary>
/// The server's answer to a heartbeat: the newest roster change, so a terminal that missed a push catches up; the
/// identity of the server's database and the highest outbox number of this terminal it holds answered (see
/// <see cref="OutboxMarks"/>), so a terminal notices when the database lost what it was answered.
/// </summary>
public sealed record HeartbeatAnswer(long RosterSeq, DateTimeOffset ServerTime, Guid? DatabaseGeneration = null, long? OutboxMark = null);
