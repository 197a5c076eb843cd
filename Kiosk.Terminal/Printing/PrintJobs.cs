using Kiosk.Shared.Badges;
using System.Text.Json;
using Kiosk.Terminal.Offline;
using Microsoft.Data.Sqlite;

namespace Kiosk.Terminal.Printing;

public enum PrintJobState
{
    /// <summary>Waiting for the printer; sent when it is ready.</summary>
    Queued,
    /// <summary>Being sent. Found like this after a crash, nobody knows whether it printed: staff decide.</summary>
    Sending,
    Printed,
    /// <summary>Sending failed part-way; not resent on its own, so a badge is never printed twice.</summary>
    Uncertain,
    /// <summary>Held for the badge preview and stopped by the visitor ("Fehler auf dem Badge?"): never printed.</summary>
    Cancelled,
}

/// <summary>A badge job shown on the screen before it prints: it waits until <paramref name="Until"/> unless released or cancelled by <paramref name="Ref"/>.</summary>
public sealed record BadgeHold(DateTimeOffset Until, string Ref);

public sealed record PrintJob(long Id, Guid ClientScanId, BadgePrint Badge, Guid? ReprintOrder = null);

/// <summary>Durable print jobs. A job is added in the scan's transaction, so a confirmed check-in always has its badge job.</summary>
public sealed class PrintJobs(TerminalStore store, KioskClock clock)
{
    public static async Task<long> AddAsync(SqliteConnection c, SqliteTransaction tx, Guid clientScanId, BadgePrint badge, KioskTime now,
        Guid? reprintOrder = null, int? attendeeId = null, bool selfReprint = false, BadgeHold? hold = null)
    {
        await using var command = c.CreateCommand();
        command.Transaction = tx;
        // A reprint order already taken is not taken again (the server repeats pending orders until confirmed),
        // nor a second self-service reprint for the same visitor.
        command.CommandText = """
            INSERT INTO print_jobs (client_scan_id, created_at, clock_run, clock_stamp, state, badge, reprint_order, attendee_id, self_reprint, hold_until, print_ref)
            VALUES ($scan, $at, $run, $stamp, 'Queued', $badge, $order, $attendee, $self, $hold, $ref) ON CONFLICT DO NOTHING RETURNING id
            """;
        command.Parameters.AddWithValue("$hold", (object?)hold?.Until.ToUniversalTime().ToString("O") ?? DBNull.Value);
        command.Parameters.AddWithValue("$ref", (object?)hold?.Ref ?? DBNull.Value);
        command.Parameters.AddWithValue("$order", (object?)reprintOrder?.ToString() ?? DBNull.Value);
        command.Parameters.AddWithValue("$attendee", (object?)attendeeId ?? DBNull.Value);
        command.Parameters.AddWithValue("$self", selfReprint ? 1 : 0);
        command.Parameters.AddWithValue("$scan", clientScanId.ToString());
        now.Bind(command);
        command.Parameters.AddWithValue("$badge", JsonSerializer.Serialize(badge, TerminalJson.Options));
        return await command.ExecuteScalarAsync() is { } id ? Convert.ToInt64(id) : 0;
    }

    /// <summary>The oldest queued job not held for its preview past <paramref name="now"/>.</summary>
    public Task<PrintJob?> NextQueuedAsync(DateTimeOffset now) => store.ReadAsync(async c =>
    {
        await using var command = c.CreateCommand();
        command.CommandText = """
            SELECT id, client_scan_id, badge, reprint_order FROM print_jobs
            WHERE state = 'Queued' AND (hold_until IS NULL OR hold_until <= $now) ORDER BY id LIMIT 1
            """;
        command.Parameters.AddWithValue("$now", now.ToUniversalTime().ToString("O"));
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new PrintJob(reader.GetInt64(0), Guid.Parse(reader.GetString(1)), JsonSerializer.Deserialize<BadgePrint>(reader.GetString(2), TerminalJson.Options)!,
                reader.IsDBNull(3) ? null : Guid.Parse(reader.GetString(3)))
            : null;
    });

    /// <summary>When the next held job is due (it prints then unless released sooner or cancelled); null when none is held.</summary>
    public Task<DateTimeOffset?> NextReleaseAsync() => store.ReadAsync(async c =>
    {
        await using var command = c.CreateCommand();
        command.CommandText = "SELECT min(hold_until) FROM print_jobs WHERE state = 'Queued' AND hold_until IS NOT NULL";
        return await command.ExecuteScalarAsync() is string at ? DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture) : (DateTimeOffset?)null;
    });

    /// <summary>"Drucken": the held job prints now. False when <paramref name="printRef"/> names no job.</summary>
    public Task<bool> ReleaseAsync(string printRef) => store.WriteAsync(async (c, tx) =>
    {
        await using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            UPDATE print_jobs SET hold_until = CASE WHEN state = 'Queued' THEN NULL ELSE hold_until END WHERE print_ref = $ref RETURNING id
            """;
        command.Parameters.AddWithValue("$ref", printRef);
        return await command.ExecuteScalarAsync() is not null;
    });

    /// <summary>The visitor is still deciding (marking what is wrong, or listening): the held job waits until <paramref name="until"/>.</summary>
    public Task<bool> HoldAsync(string printRef, DateTimeOffset until) => store.WriteAsync(async (c, tx) =>
    {
        await using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "UPDATE print_jobs SET hold_until = max(hold_until, $until) WHERE print_ref = $ref AND state = 'Queued' AND hold_until IS NOT NULL";
        command.Parameters.AddWithValue("$ref", printRef);
        command.Parameters.AddWithValue("$until", until.ToUniversalTime().ToString("O"));
        return await command.ExecuteNonQueryAsync() == 1;
    });

    /// <summary>
    /// "Fehler auf dem Badge?": the job is cancelled if it has not started printing, and its content goes. The first
    /// correction of a job records <paramref name="correction"/>; later ones find it already there. Null: no such job.
    /// </summary>
    public static async Task<(int AttendeeId, bool Cancelled, bool First)?> CancelForCorrectionAsync(SqliteConnection c, SqliteTransaction tx, string printRef, Guid correction)
    {
        await using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            UPDATE print_jobs SET
                state = CASE WHEN state = 'Queued' THEN 'Cancelled' ELSE state END,
                badge = CASE WHEN state = 'Queued' THEN '{}' ELSE badge END,
                correction = coalesce(correction, $correction)
            WHERE print_ref = $ref AND attendee_id IS NOT NULL
            RETURNING attendee_id, state, correction
            """;
        command.Parameters.AddWithValue("$ref", printRef);
        command.Parameters.AddWithValue("$correction", correction.ToString());
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return null;
        return (reader.GetInt32(0), reader.GetString(1) == nameof(PrintJobState.Cancelled), reader.GetString(2) == correction.ToString());
    }

    /// <summary>The badge of a job still held for its preview (the screen's picture of it); null once printed or cancelled.</summary>
    public Task<BadgePrint?> HeldBadgeAsync(long id) => store.ReadAsync(async c =>
    {
        await using var command = c.CreateCommand();
        command.CommandText = "SELECT badge FROM print_jobs WHERE id = $id AND state = 'Queued' AND print_ref IS NOT NULL";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteScalarAsync() is string badge ? JsonSerializer.Deserialize<BadgePrint>(badge, TerminalJson.Options) : null;
    });

    public Task<int> CountAsync(PrintJobState state) => store.ReadAsync(async c =>
    {
        await using var command = c.CreateCommand();
        command.CommandText = "SELECT count(*) FROM print_jobs WHERE state = $state";
        command.Parameters.AddWithValue("$state", state.ToString());
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    });

    /// <summary>
    /// When this kiosk first printed the attendee's badge at check-in (with the monotonic clock of that moment,
    /// so its age survives a change of the PC's time), and whether it has printed a self-service reprint since. A badge
    /// cancelled on its preview ("Fehler auf dem Badge?") was never printed: the desk prints the corrected one.
    /// </summary>
    public Task<(KioskTime? FirstPrint, bool SelfReprinted)> HistoryAsync(int attendeeId) => store.ReadAsync(async c =>
    {
        await using var command = c.CreateCommand();
        command.CommandText = """
            SELECT created_at, clock_run, clock_stamp,
                   EXISTS (SELECT 1 FROM print_jobs WHERE attendee_id = $attendee AND self_reprint = 1)
            FROM print_jobs WHERE attendee_id = $attendee AND self_reprint = 0 AND reprint_order IS NULL AND state <> 'Cancelled'
            ORDER BY id LIMIT 1
            """;
        command.Parameters.AddWithValue("$attendee", attendeeId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return ((KioskTime?)null, false);
        return (KioskTime.Read(reader, 0), reader.GetInt64(3) == 1);
    });

    public Task<PrintJobState?> StateAsync(long id) => store.ReadAsync(async c =>
    {
        await using var command = c.CreateCommand();
        command.CommandText = "SELECT state FROM print_jobs WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteScalarAsync() is string s ? Enum.Parse<PrintJobState>(s) : (PrintJobState?)null;
    });

    /// <summary>Printed jobs lose their content: names do not linger on the kiosk PC. A printed reprint order is confirmed to the server.</summary>
    public Task SetStateAsync(long id, PrintJobState state, DateTimeOffset now, string? note = null, Guid? reprintOrder = null) => store.WriteAsync(async (c, tx) =>
    {
        if (state == PrintJobState.Printed && reprintOrder is { } order) await Outbox.AddReprintedAsync(c, tx, order, clock.At(now));
        await using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = state == PrintJobState.Printed
            ? "UPDATE print_jobs SET state = $state, printed_at = $at, badge = '{}', note = $note WHERE id = $id"
            : "UPDATE print_jobs SET state = $state, note = $note WHERE id = $id";
        command.Parameters.AddWithValue("$state", state.ToString());
        command.Parameters.AddWithValue("$at", now.ToUniversalTime().ToString("O"));
        command.Parameters.AddWithValue("$note", (object?)note ?? DBNull.Value);
        command.Parameters.AddWithValue("$id", id);
        await command.ExecuteNonQueryAsync();
    });

    /// <summary>Marks a queued job as being sent; false when it is no longer queued (cancelled from its preview).</summary>
    public Task<bool> StartSendingAsync(long id) => store.WriteAsync(async (c, tx) =>
    {
        await using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "UPDATE print_jobs SET state = 'Sending' WHERE id = $id AND state = 'Queued'";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteNonQueryAsync() == 1;
    });

    /// <summary>After a restart: a job that was being sent when the process died may or may not have printed.</summary>
    public Task<int> MarkInterruptedAsync() => store.WriteAsync(async (c, tx) =>
    {
        await using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "UPDATE print_jobs SET state = 'Uncertain', note = 'interrupted while sending' WHERE state = 'Sending'";
        return await command.ExecuteNonQueryAsync();
    });
}
