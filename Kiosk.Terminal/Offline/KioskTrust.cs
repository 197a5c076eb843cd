using Microsoft.Data.Sqlite;

namespace Kiosk.Terminal.Offline;

/// <summary>
/// Whether the server still trusts this kiosk. When it refuses the terminal key (revoked, or a server or
/// database that never knew this kiosk) the kiosk is withdrawn: it stops admitting and printing, and forgets
/// everything it held about the event's people (roster copy, tokens, print jobs and previews, walk-in badges,
/// answered outbox items). Scans it already confirmed to visitors but has not uploaded are facts and stay,
/// counted on the screen; a new enrolment uploads them only under the identity they were made with
/// (see <see cref="RosterSync"/>), otherwise they can be exported for the help desk.
/// </summary>
public sealed class KioskTrust(TerminalStore store, Settings settings, TerminalState state, ILogger<KioskTrust> log)
{
    private readonly SemaphoreSlim _once = new(1, 1);
    private Withdrawal? _withdrawal;

    public sealed record Withdrawal(DateTimeOffset At, string Reason);

    /// <summary>Set while the kiosk is out of order because the server refused it; survives restarts.</summary>
    public Withdrawal? Withdrawn => _withdrawal;

    public async Task LoadAsync() => _withdrawal = await settings.GetAsync<Withdrawal>(Settings.Withdrawn);

    /// <summary>The server refused the key: stand down and forget the event's people.</summary>
    public async Task WithdrawAsync(string reason, DateTimeOffset now, CancellationToken ct)
    {
        // The roster sync and the outbox sender may both meet the refusal at once: one withdrawal.
        await _once.WaitAsync(ct);
        try
        {
            if (_withdrawal is not null) return;
            var withdrawal = new Withdrawal(now, reason);
            await store.WriteAsync(async (c, tx) =>
            {
                await ForgetEventAsync(c, tx);
                await Settings.SetAsync(c, tx, Settings.Withdrawn, withdrawal);
            }, ct);
            // Admissions stop at once (no profile, no keys); the screen says "withdrawn" once the copies are gone too.
            state.Forget();
            await AfterForgettingAsync(ct);
            _withdrawal = withdrawal;
            log.LogWarning("The server refused this kiosk's key ({Reason}); out of order until it is enrolled again. Roster copy deleted.", reason);
        }
        finally
        {
            _once.Release();
        }
    }

    /// <summary>A new enrolment took: the kiosk starts afresh for the event of its new identity.</summary>
    public async Task StartAfreshAsync(CancellationToken ct)
    {
        await _once.WaitAsync(ct);
        try
        {
            await store.WriteAsync(async (c, tx) =>
        {
            await ForgetEventAsync(c, tx);
            await Run(c, tx, "DELETE FROM settings WHERE key = $k", Settings.Withdrawn);
        }, ct);
            state.Forget();
            await AfterForgettingAsync(ct);
            _withdrawal = null;
        }
        finally
        {
            _once.Release();
        }
    }

    /// <summary>Unsent scans of an identity the server no longer accepts: never sent under another one.</summary>
    public static Task OrphanPendingAsync(SqliteConnection c, SqliteTransaction tx) =>
        Run(c, tx, "UPDATE outbox SET orphaned = 1 WHERE sent_at IS NULL AND orphaned = 0");

    private static async Task ForgetEventAsync(SqliteConnection c, SqliteTransaction tx)
    {
        await Run(c, tx, "DELETE FROM roster");
        await Run(c, tx, "DELETE FROM walkin_badges");
        await Run(c, tx, "DELETE FROM print_jobs");
        await Run(c, tx, "DELETE FROM outbox WHERE sent_at IS NOT NULL");
        foreach (var key in new[] { Settings.Profile, Settings.BadgeKeys, Settings.RosterCursor })
            await Run(c, tx, "DELETE FROM settings WHERE key = $k", key);
        await Settings.SetAsync(c, tx, Settings.CompactionOwed, true);
    }

    /// <summary>
    /// Rewrites the file if a forgetting left old bytes in it. Owed until done: a failure (the file busy) only
    /// delays it to the next round, and never stops the round that asked.
    /// </summary>
    public async Task CompactIfOwedAsync(CancellationToken ct)
    {
        if (!await settings.GetAsync<bool>(Settings.CompactionOwed)) return;
        try
        {
            await store.CompactAsync(ct);
            await settings.SetAsync(Settings.CompactionOwed, false, ct);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            log.LogInformation("Compacting the kiosk's file waits for the next round ({Error}).", e.SqliteErrorCode);
        }
    }

    private async Task AfterForgettingAsync(CancellationToken ct)
    {
        DeletePictures();
        state.OnRosterChanged();
        // Deleted rows stay readable in free pages and the WAL until the file is rewritten.
        await CompactIfOwedAsync(ct);
        // A badge the printer was rendering while its job was deleted may have left its picture since.
        DeletePictures();
    }

    /// <summary>Badge pictures of the virtual printer show names; the folder itself stays for the printer.</summary>
    private void DeletePictures()
    {
        var prints = Path.Combine(store.DataDirectory, "prints");
        if (Directory.Exists(prints)) foreach (var file in Directory.GetFiles(prints)) File.Delete(file);
    }

    private static async Task Run(SqliteConnection c, SqliteTransaction tx, string sql, string? key = null)
    {
        await using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        if (key is not null) command.Parameters.AddWithValue("$k", key);
        await command.ExecuteNonQueryAsync();
    }
}
