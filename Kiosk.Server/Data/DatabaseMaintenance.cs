namespace Kiosk.Server.Data;

/// <summary>Engine-specific housekeeping that features ask for without writing SQL themselves.</summary>
public static class DatabaseMaintenance
{
    /// <summary>
    /// Makes deleted and overwritten values unrecoverable from the database file: on SQLite a VACUUM and a WAL
    /// truncation (<see cref="SqliteEngine"/>). Server engines (PostgreSQL, SQL Server) keep old row versions until
    /// their own vacuum/ghost cleanup and in their logs and backups; those follow the operator's retention
    /// (README, privacy), so nothing is done for them here.
    /// </summary>
    /// <returns>False when SQLite could not truncate the WAL because a reader held it; the next compaction catches up.</returns>
    public static Task<bool> CompactAsync(KioskDb db, WriteGate writes, CancellationToken ct) => db.Engine.CompactAsync(db, writes, ct);
}
