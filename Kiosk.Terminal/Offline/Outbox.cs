using System.Text.Json;
using Kiosk.Shared.Contracts;
using Microsoft.Data.Sqlite;

namespace Kiosk.Terminal.Offline;

public sealed record OutboxItem(long Seq, CheckInRequest Request, int Attempts);

/// <summary>
/// Scans waiting for the server. An item is written in the same transaction as the local decision, before
/// the screen answers, and stays until the server has answered it; its client scan id makes every resend
/// the same scan on the server.
/// </summary>
public sealed class Outbox(TerminalStore store)
{
    private readonly SemaphoreSlim _signal = new(0);

    public static async Task AddAsync(SqliteConnection c, SqliteTransaction tx, CheckInRequest request, DateTimeOffset now)
    {
        await using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "INSERT INTO outbox (client_scan_id, body, created_at) VALUES ($id, $body, $at)";
        command.Parameters.AddWithValue("$id", request.ClientScanId.ToString());
        command.Parameters.AddWithValue("$body", JsonSerializer.Serialize(request, TerminalJson.Options));
        command.Parameters.AddWithValue("$at", now.ToUniversalTime().ToString("O"));
        await command.ExecuteNonQueryAsync();
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
        command.CommandText = "SELECT count(*) FROM outbox WHERE sent_at IS NULL";
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    });

    public Task<List<OutboxItem>> PendingAsync(int max) => store.ReadAsync(async c =>
    {
        await using var command = c.CreateCommand();
        command.CommandText = "SELECT seq, body, attempts FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT $max";
        command.Parameters.AddWithValue("$max", max);
        await using var reader = await command.ExecuteReaderAsync();
        var items = new List<OutboxItem>();
        while (await reader.ReadAsync())
            items.Add(new OutboxItem(reader.GetInt64(0), JsonSerializer.Deserialize<CheckInRequest>(reader.GetString(1), TerminalJson.Options)!, reader.GetInt32(2)));
        return items;
    });

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
