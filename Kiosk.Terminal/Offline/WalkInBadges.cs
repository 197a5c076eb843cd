using Kiosk.Shared.Contracts;
using Microsoft.Data.Sqlite;

namespace Kiosk.Terminal.Offline;

/// <summary>The terminal's stock of badges the server signed in advance for walk-ins (see <see cref="RosterSync"/>).</summary>
public sealed class WalkInBadges(TerminalStore store)
{
    /// <summary>Topped up to this many whenever the server is reachable.</summary>
    public const int Stock = 20;

    public Task<int> UnusedAsync() => store.ReadAsync(async c =>
    {
        await using var command = c.CreateCommand();
        command.CommandText = "SELECT count(*) FROM walkin_badges WHERE used_at IS NULL";
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    });

    public Task AddAsync(IEnumerable<WalkInBadgeGrant> grants, CancellationToken ct) => store.WriteAsync(async (c, tx) =>
    {
        await using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "INSERT OR IGNORE INTO walkin_badges (badge_id, token) VALUES ($id, $token)";
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var token = command.Parameters.Add("$token", SqliteType.Text);
        foreach (var grant in grants)
        {
            id.Value = grant.BadgeId.ToString();
            token.Value = grant.Token;
            await command.ExecuteNonQueryAsync();
        }
    }, ct);

    /// <summary>Takes one unused badge inside the walk-in's transaction; null when the stock is empty.</summary>
    public static async Task<WalkInBadgeGrant?> TakeAsync(SqliteConnection c, SqliteTransaction tx, DateTimeOffset now)
    {
        await using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "UPDATE walkin_badges SET used_at = $at WHERE badge_id = (SELECT badge_id FROM walkin_badges WHERE used_at IS NULL LIMIT 1) RETURNING badge_id, token";
        command.Parameters.AddWithValue("$at", now.ToUniversalTime().ToString("O"));
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new WalkInBadgeGrant(Guid.Parse(reader.GetString(0)), reader.GetString(1)) : null;
    }
}
