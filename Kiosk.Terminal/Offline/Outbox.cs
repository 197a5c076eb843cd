using System.Text.Json;
using Kiosk.Shared.Contracts;
using Microsoft.Data.Sqlite;

namespace Kiosk.Terminal.Offline;

/// <summary>What an outbox item asks of the server.</summary>
public static class OutboxKind
{
    /// <summary>A <see cref="CheckInRequest"/> for POST /api/checkins.</summary>
    public const string CheckIn = "checkin";
    /// <summary>A <see cref="WalkInRegistration"/> for POST /api/terminal/walkins.</summary>
    public const string WalkIn = "walkin";
    /// <summary>A <see cref="PresenceRequest"/> for POST /api/presence.</summary>
    public const string Presence = "presence";
    /// <summary>A staff reprint order printed here: POST /api/terminal/reprints/{order}/printed.</summary>
    public const string Reprinted = "reprinted";
    /// <summary>A <see cref="SelfReprintNotice"/>: the visitor printed their badge once more here.</summary>
    public const string SelfReprinted = "selfreprint";
    /// <summary>A <see cref="CorrectionRequestNotice"/>: the visitor said the badge preview is wrong; nothing printed.</summary>
    public const string CorrectionRequest = "correction";
}

public sealed record OrphanedScan(string Kind, Guid ClientScanId, JsonElement Request, string RecordedAt);

public sealed record OutboxItem(long Seq, string Kind, Guid ClientScanId, string Body, int Attempts, KioskTime Recorded);

/// <summary>
/// Scans waiting for the server. An item is written in the same transaction as the local decision, before
/// the screen answers, and stays until the server has answered it; its client scan id makes every resend
/// the same scan on the server. Answered items stay too (with the answer, for staff), so that they can be sent
/// again when the server's database lost them; only an erasure removes them.
/// </summary>
public sealed class Outbox(TerminalStore store)
{
    private readonly SemaphoreSlim _signal = new(0);

    public static Task AddAsync(SqliteConnection c, SqliteTransaction tx, CheckInRequest request, KioskTime now) =>
        AddAsync(c, tx, OutboxKind.CheckIn, request.ClientScanId, request, now);

    public static Task AddAsync(SqliteConnection c, SqliteTransaction tx, WalkInRegistration walkIn, KioskTime now) =>
        AddAsync(c, tx, OutboxKind.WalkIn, walkIn.ClientScanId, walkIn, now);

    public static Task AddAsync(SqliteConnection c, SqliteTransaction tx, PresenceRequest presence, KioskTime now) =>
        AddAsync(c, tx, OutboxKind.Presence, presence.ClientScanId, presence, now);

    /// <summary>Tells the server a reprint order was printed; keyed by the order id, so it is sent once.</summary>
    public static Task AddReprintedAsync(SqliteConnection c, SqliteTransaction tx, Guid orderId, KioskTime now) =>
        AddAsync(c, tx, OutboxKind.Reprinted, orderId, new { }, now);

    public static Task AddAsync(SqliteConnection c, SqliteTransaction tx, SelfReprintNotice notice, KioskTime now) =>
        AddAsync(c, tx, OutboxKind.SelfReprinted, notice.ReprintId, notice, now);

    public static Task AddAsync(SqliteConnection c, SqliteTransaction tx, CorrectionRequestNotice request, KioskTime now) =>
        AddAsync(c, tx, OutboxKind.CorrectionRequest, request.ClientId, request, now);

    /// <summary>
    /// A door scan about to be asked of the server directly: in the outbox already, so that it can be sent again should
    /// the server's database lose it, but not sent by the sender while the door waits (<see cref="Asking"/>). The door
    /// then records the answer (<see cref="MarkSentAsync"/>) or puts it in line (<see cref="PutInLineAsync"/>).
    /// </summary>
    public Task<OutboxPlace> AddAskingAsync(PresenceRequest presence, KioskTime now, CancellationToken ct) => store.WriteAsync(async (c, tx) =>
    {
        var seq = await AddAsync(c, tx, OutboxKind.Presence, presence.ClientScanId, presence, now, Asking);
        return new OutboxPlace(seq, await AfterAsync(c, tx, seq));
    }, ct);

    /// <summary>In sent_at: asked of the server right now by the door, neither waiting for the sender nor answered.</summary>
    public const string Asking = "asking";

    public Task PutInLineAsync(long seq, CancellationToken ct) => store.WriteAsync(async (c, tx) =>
    {
        await using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"UPDATE outbox SET sent_at = NULL WHERE seq = $seq AND sent_at = '{Asking}'";
        command.Parameters.AddWithValue("$seq", seq);
        await command.ExecuteNonQueryAsync();
    }, ct);

    /// <summary>Where <paramref name="seq"/> stands (see <see cref="OutboxPlace"/>), as the sender sends it.</summary>
    public Task<OutboxPlace> PlaceAsync(long seq) => store.ReadAsync(async c => new OutboxPlace(seq, await AfterAsync(c, null, seq)));

    /// <summary>
    /// The item before <paramref name="seq"/> (0: none) when every item before it has been answered; else null. Scans kept
    /// aside from an earlier identity (orphaned) are not this identity's: the server's mark for it never covers them.
    /// </summary>
    private static async Task<long?> AfterAsync(SqliteConnection c, SqliteTransaction? tx, long seq)
    {
        await using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"""
            SELECT CASE WHEN EXISTS (SELECT 1 FROM outbox WHERE seq < $seq AND orphaned = 0 AND (sent_at IS NULL OR sent_at = '{Asking}')) THEN NULL
                   ELSE (SELECT coalesce(max(seq), 0) FROM outbox WHERE seq < $seq AND orphaned = 0) END
            """;
        command.Parameters.AddWithValue("$seq", seq);
        return await command.ExecuteScalarAsync() is long after ? after : null;
    }

    private static async Task<long> AddAsync<T>(SqliteConnection c, SqliteTransaction tx, string kind, Guid clientScanId, T body, KioskTime now, string? sentAt = null)
    {
        await using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            INSERT INTO outbox (kind, client_scan_id, body, created_at, clock_run, clock_stamp, sent_at)
            VALUES ($kind, $id, $body, $at, $run, $stamp, $sent) RETURNING seq
            """;
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$id", clientScanId.ToString());
        command.Parameters.AddWithValue("$body", JsonSerializer.Serialize(body, TerminalJson.Options));
        command.Parameters.AddWithValue("$sent", (object?)sentAt ?? DBNull.Value);
        now.Bind(command);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>Wakes the sender after a commit.</summary>
    public void Poke()
    {
        if (_signal.CurrentCount == 0) _signal.Release();
    }

    public Task WaitForWorkAsync(TimeSpan max, CancellationToken ct) => _signal.WaitAsync(max, ct);

    public Task<int> PendingCountAsync() => store.ReadAsync(async c =>
    {
        await using var command = c.CreateCommand();
        command.CommandText = "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND orphaned = 0";
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    });

    /// <summary>Scans confirmed here under an identity the server no longer accepts (see <see cref="KioskTrust"/>).</summary>
    public Task<int> OrphanedCountAsync() => store.ReadAsync(async c =>
    {
        await using var command = c.CreateCommand();
        command.CommandText = "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND orphaned = 1";
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    });

    /// <summary>The orphaned scans as the help desk gets them: what was sent, and when it was recorded here.</summary>
    public Task<List<OrphanedScan>> OrphanedAsync() => store.ReadAsync(async c =>
    {
        await using var command = c.CreateCommand();
        command.CommandText = "SELECT kind, client_scan_id, body, created_at FROM outbox WHERE sent_at IS NULL AND orphaned = 1 ORDER BY seq";
        await using var reader = await command.ExecuteReaderAsync();
        var scans = new List<OrphanedScan>();
        while (await reader.ReadAsync())
            scans.Add(new OrphanedScan(reader.GetString(0), Guid.Parse(reader.GetString(1)), JsonDocument.Parse(reader.GetString(2)).RootElement.Clone(), reader.GetString(3)));
        return scans;
    });

    public Task<List<OutboxItem>> PendingAsync(int max) => store.ReadAsync(async c =>
    {
        await using var command = c.CreateCommand();
        command.CommandText = """
            SELECT seq, kind, client_scan_id, body, attempts, created_at, clock_run, clock_stamp
            FROM outbox WHERE sent_at IS NULL AND orphaned = 0 ORDER BY seq LIMIT $max
            """;
        command.Parameters.AddWithValue("$max", max);
        await using var reader = await command.ExecuteReaderAsync();
        var items = new List<OutboxItem>();
        while (await reader.ReadAsync())
            items.Add(new OutboxItem(reader.GetInt64(0), reader.GetString(1), Guid.Parse(reader.GetString(2)), reader.GetString(3), reader.GetInt32(4), KioskTime.Read(reader, 5)));
        return items;
    });

    /// <summary>The highest outbox number the server has answered; 0 when none.</summary>
    public Task<long> AnsweredUpToAsync() => store.ReadAsync(async c =>
    {
        await using var command = c.CreateCommand();
        command.CommandText = "SELECT coalesce(max(seq), 0) FROM outbox WHERE sent_at IS NOT NULL";
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    });

    /// <summary>
    /// Puts the answered items from <paramref name="fromSeq"/> on back in line, for a server whose database lost
    /// them (see <see cref="LostAnswers"/>); their client scan ids make the server store each once. Returns how many.
    /// </summary>
    public Task<int> SendAgainFromAsync(long fromSeq, CancellationToken ct) => store.WriteAsync(async (c, tx) =>
    {
        await using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "UPDATE outbox SET sent_at = NULL WHERE sent_at IS NOT NULL AND seq >= $from";
        command.Parameters.AddWithValue("$from", fromSeq);
        return await command.ExecuteNonQueryAsync();
    }, ct);

    /// <summary>The server has the scan; <paramref name="answer"/> is what it said (kept for staff, not resent).</summary>
    public Task MarkSentAsync(long seq, string answer, DateTimeOffset now) => store.WriteAsync(async (c, tx) =>
    {
        await using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "UPDATE outbox SET sent_at = $at, answer = $answer, attempts = attempts + 1 WHERE seq = $seq";
        command.Parameters.AddWithValue("$at", now.ToUniversalTime().ToString("O"));
        command.Parameters.AddWithValue("$answer", answer);
        command.Parameters.AddWithValue("$seq", seq);
        await command.ExecuteNonQueryAsync();
    });

    public Task CountAttemptAsync(long seq) => store.WriteAsync(async (c, tx) =>
    {
        await using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "UPDATE outbox SET attempts = attempts + 1 WHERE seq = $seq";
        command.Parameters.AddWithValue("$seq", seq);
        await command.ExecuteNonQueryAsync();
    });
}
