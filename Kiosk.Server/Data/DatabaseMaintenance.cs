using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Data;

/// <summary>Engine-specific housekeeping that features ask for without writing SQL themselves.</summary>
public static class DatabaseMaintenance
{
    /// <summary>
    /// Makes deleted and overwritten values unrecoverable from the database file. SQLite keeps old page
    /// contents in free pages, in the unused parts of pages and in the WAL until they happen to be reused:
    /// VACUUM rewrites the file from the live rows only, and the TRUNCATE checkpoint copies that into the
    /// main file and cuts the WAL to zero bytes. PRAGMA secure_delete was not chosen: it zeroes what a delete
    /// frees, but not the superseded page copies in the WAL, and it costs on every delete all event long,
    /// while personal data is only ever removed here, after a purge or an erasure. Server engines (PostgreSQL,
    /// SQL Server) keep old row versions until their own vacuum/ghost cleanup and in their logs and backups;
    /// those follow the operator's retention (README, privacy), so nothing is done for them here.
    /// </summary>
    /// <returns>False when SQLite could not truncate the WAL because a reader held it; the next compaction catches up.</returns>
    public static async Task<bool> CompactAsync(KioskDb db, WriteGate writes, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return true;
        using (await writes.EnterAsync(ct))
        {
            var connection = db.Database.GetDbConnection();
            var wasOpen = connection.State == System.Data.ConnectionState.Open;
            if (!wasOpen) await connection.OpenAsync(ct);
            try
            {
                await using (var vacuum = connection.CreateCommand())
                {
                    vacuum.CommandText = "VACUUM;";
                    await vacuum.ExecuteNonQueryAsync(ct);
                }
                await using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                await using var result = await checkpoint.ExecuteReaderAsync(ct);
                // One row: busy (1 when a reader or writer kept the checkpoint from finishing), log frames, checkpointed frames.
                return await result.ReadAsync(ct) && result.GetInt32(0) == 0;
            }
            finally
            {
                if (!wasOpen) await connection.CloseAsync();
            }
        }
    }
}
