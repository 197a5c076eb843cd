using Kiosk.Shared.Badges;
using Kiosk.Shared.Contracts;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Kiosk.Terminal.Offline;

/// <summary>One attendee as the terminal knows them, with the sessions they booked (start order).</summary>
public sealed record RosterPerson(
    int Id, Guid BadgeId, int BadgeVersion, string? Title, string FirstName, string LastName, string? Organization,
    AttendeeCategory Category, bool Cancelled, DateTimeOffset? CheckedInAt, string? EmailProof, string? RegistrationNumberProof, string Token,
    bool BadgeAtCounter = false, IReadOnlyList<BookedSession>? Sessions = null)
{
    public string DisplayName => Kiosk.Shared.Text.PersonNameRules.DisplayName(Title, FirstName, LastName);
}

/// <summary>The terminal's copy of the event's attendees, kept current by <see cref="RosterSync"/>.</summary>
public sealed class Roster(TerminalStore store)
{
    private const string Columns = "id, badge_id, badge_version, title, first_name, last_name, organization, category, cancelled, checked_in_at, email_proof, registration_number_proof, token, badge_at_counter, sessions";

    public Task<RosterPerson?> FindByBadgeAsync(Guid badgeId) => FindAsync("badge_id = $v", badgeId.ToString());

    public Task<RosterPerson?> FindAsync(int id) => FindAsync("id = $v", id);

    public Task<int> CountAsync() => store.ReadAsync(async c =>
    {
        await using var command = c.CreateCommand();
        command.CommandText = "SELECT count(*) FROM roster";
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    });

    /// <summary>Everyone, for the in-memory name index.</summary>
    public Task<List<RosterPerson>> AllAsync() => store.ReadAsync(async c =>
    {
        await using var command = c.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM roster";
        await using var reader = await command.ExecuteReaderAsync();
        var people = new List<RosterPerson>();
        while (await reader.ReadAsync()) people.Add(Read(reader));
        return people;
    });

    /// <summary>
    /// Applies a page from the server. While this terminal still has check-ins to send, its own check-ins
    /// are kept (the server has not heard of them yet); otherwise the server's arrival is the truth, so a
    /// check-in that staff undid at the help desk is undone here too and the person can check in again.
    /// </summary>
    public static async Task UpsertAsync(SqliteConnection c, SqliteTransaction tx, IEnumerable<RosterEntry> entries)
    {
        await using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"""
            INSERT INTO roster ({Columns}, seq) VALUES ($id, $badge, $version, $title, $first, $last, $org, $cat, $cancelled, $checkedIn, $email, $regno, $token, $atCounter, $sessions, $seq)
            ON CONFLICT (id) DO UPDATE SET badge_id = excluded.badge_id, badge_version = excluded.badge_version, title = excluded.title,
                first_name = excluded.first_name, last_name = excluded.last_name, organization = excluded.organization,
                category = excluded.category, cancelled = excluded.cancelled, checked_in_at = CASE WHEN EXISTS (SELECT 1 FROM outbox WHERE sent_at IS NULL AND kind = '{OutboxKind.CheckIn}')
                    THEN coalesce(roster.checked_in_at, excluded.checked_in_at) ELSE excluded.checked_in_at END,
                email_proof = excluded.email_proof, registration_number_proof = excluded.registration_number_proof, token = excluded.token,
                badge_at_counter = excluded.badge_at_counter, sessions = excluded.sessions, seq = excluded.seq
            """;
        var p = new Dictionary<string, SqliteParameter>();
        foreach (var name in new[] { "$id", "$badge", "$version", "$title", "$first", "$last", "$org", "$cat", "$cancelled", "$checkedIn", "$email", "$regno", "$token", "$atCounter", "$sessions", "$seq" })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            p[name] = parameter;
        }
        // A walk-in registered here has a local (negative) id until the server's row for the same badge
        // arrives and takes its place. Most pages meet no such row: the check is then one query, not one per row.
        await using var replaced = c.CreateCommand();
        replaced.Transaction = tx;
        replaced.CommandText = "SELECT EXISTS (SELECT 1 FROM roster WHERE id < 0)";
        var localWalkIns = Convert.ToInt64(await replaced.ExecuteScalarAsync()) == 1;
        replaced.CommandText = "DELETE FROM roster WHERE badge_id = $badge AND id < 0 AND id <> $id";
        var replacedBadge = replaced.Parameters.Add("$badge", SqliteType.Text);
        var replacedId = replaced.Parameters.Add("$id", SqliteType.Integer);
        foreach (var e in entries)
        {
            if (localWalkIns)
            {
                replacedBadge.Value = e.BadgeId.ToString();
                replacedId.Value = e.Id;
                await replaced.ExecuteNonQueryAsync();
            }
            p["$id"].Value = e.Id;
            p["$badge"].Value = e.BadgeId.ToString();
            p["$version"].Value = e.BadgeVersion;
            p["$title"].Value = (object?)e.Title ?? DBNull.Value;
            p["$first"].Value = e.FirstName;
            p["$last"].Value = e.LastName;
            p["$org"].Value = (object?)e.Organization ?? DBNull.Value;
            p["$cat"].Value = (int)e.Category;
            p["$cancelled"].Value = e.Cancelled ? 1 : 0;
            p["$checkedIn"].Value = (object?)e.CheckedInAt?.ToUniversalTime().ToString("O") ?? DBNull.Value;
            p["$email"].Value = (object?)e.EmailProof ?? DBNull.Value;
            p["$regno"].Value = (object?)e.RegistrationNumberProof ?? DBNull.Value;
            p["$token"].Value = e.BadgeToken;
            p["$atCounter"].Value = e.BadgeAtCounter ? 1 : 0;
            p["$sessions"].Value = e.Sessions is { Count: > 0 } sessions ? JsonSerializer.Serialize(sessions, TerminalJson.Options) : DBNull.Value;
            p["$seq"].Value = e.Seq;
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// Before <see cref="UpsertAsync"/> overwrites rows the server erased (retention or Art. 17): removes
    /// what this kiosk kept about those people besides the roster row itself, i.e. outbox entries (their
    /// bodies carry the scanned token, the attendee id or the walk-in's name, the server's answers carry
    /// the name; pending ones go too, the server no longer knows that badge), print jobs and walk-in stock.
    /// Returns the ids of the print jobs removed, whose preview files the caller deletes. The file still
    /// holds the old bytes until <see cref="TerminalStore.CompactAsync"/>.
    /// </summary>
    public static async Task<List<long>> ForgetErasedAsync(SqliteConnection c, SqliteTransaction tx, IEnumerable<RosterEntry> entries)
    {
        var people = new List<(int Id, Guid OldBadge)>();
        foreach (var e in entries.Where(e => e.Erased))
        {
            await using var old = c.CreateCommand();
            old.Transaction = tx;
            old.CommandText = "SELECT badge_id FROM roster WHERE id = $id AND badge_id <> $badge";
            old.Parameters.AddWithValue("$id", e.Id);
            old.Parameters.AddWithValue("$badge", e.BadgeId.ToString());
            // Nothing to do when this kiosk never had the row or forgot it already.
            if (await old.ExecuteScalarAsync() is string badge) people.Add((e.Id, Guid.Parse(badge)));
        }
        if (people.Count == 0) return [];
        // Tokens are signed afresh each time (the scanned one differs from the roster's), so rows are
        // matched on what the token says, not on its text.
        bool Mentions(string json) => people.Any(p => OfflineRecords.Mentions(json, p.Id, p.OldBadge));

        var outbox = await ReadAsync(c, tx, "SELECT seq, client_scan_id, body FROM outbox");
        var doomedOutbox = outbox.Where(r => Mentions(r.Text)).ToList();
        var scans = doomedOutbox.Select(r => r.Key).ToHashSet();
        var printJobs = (await ReadAsync(c, tx, "SELECT id, client_scan_id, badge FROM print_jobs"))
            .Where(r => scans.Contains(r.Key) || Mentions(r.Text)).Select(r => r.Id).ToList();
        await DeleteAsync(c, tx, "DELETE FROM outbox WHERE seq = $v", doomedOutbox.Select(r => (object)r.Id));
        await DeleteAsync(c, tx, "DELETE FROM print_jobs WHERE id = $v", printJobs.Select(id => (object)id));
        var badges = people.Select(p => (object)p.OldBadge.ToString()).ToList();
        await DeleteAsync(c, tx, "DELETE FROM walkin_badges WHERE badge_id = $v", badges);
        await DeleteAsync(c, tx, "DELETE FROM roster WHERE id < 0 AND badge_id = $v", badges);
        return printJobs;
    }

    private static async Task<List<(long Id, string Key, string Text)>> ReadAsync(SqliteConnection c, SqliteTransaction tx, string sql)
    {
        await using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, string, string)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        return rows;
    }

    private static async Task DeleteAsync(SqliteConnection c, SqliteTransaction tx, string sql, IEnumerable<object> values)
    {
        await using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        var value = command.Parameters.Add("$v", SqliteType.Text);
        foreach (var v in values)
        {
            value.Value = v;
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// A walk-in registered here, under a local id (negative) until the server's roster brings the real one
    /// on the same badge; <see cref="UpsertAsync"/> then replaces it.
    /// </summary>
    public static async Task<int> AddWalkInAsync(SqliteConnection c, SqliteTransaction tx, RosterPerson person)
    {
        await using var next = c.CreateCommand();
        next.Transaction = tx;
        next.CommandText = "SELECT min(0, coalesce(min(id), 0)) - 1 FROM roster";
        var id = Convert.ToInt32(await next.ExecuteScalarAsync());
        await UpsertAsync(c, tx, [new RosterEntry(id, person.BadgeId, person.BadgeVersion, person.Title, person.FirstName, person.LastName,
            person.Organization, person.Category, false, person.CheckedInAt, null, null, person.Token, 0)]);
        return id;
    }

    /// <summary>Marks the attendee as checked in here, unless already; true when this call did it.</summary>
    public static async Task<bool> MarkCheckedInAsync(SqliteConnection c, SqliteTransaction tx, int id, DateTimeOffset at)
    {
        await using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "UPDATE roster SET checked_in_at = $at WHERE id = $id AND checked_in_at IS NULL";
        command.Parameters.AddWithValue("$at", at.ToUniversalTime().ToString("O"));
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    private Task<RosterPerson?> FindAsync(string where, object value) => store.ReadAsync(async c =>
    {
        await using var command = c.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM roster WHERE {where}";
        command.Parameters.AddWithValue("$v", value);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader) : null;
    });

    private static RosterPerson Read(SqliteDataReader r) => new(
        r.GetInt32(0), Guid.Parse(r.GetString(1)), r.GetInt32(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), r.GetString(5),
        r.IsDBNull(6) ? null : r.GetString(6), (AttendeeCategory)r.GetInt32(7), r.GetInt32(8) == 1,
        r.IsDBNull(9) ? null : DateTimeOffset.Parse(r.GetString(9), System.Globalization.CultureInfo.InvariantCulture),
        r.IsDBNull(10) ? null : r.GetString(10), r.IsDBNull(11) ? null : r.GetString(11), r.GetString(12), r.GetInt32(13) == 1,
        r.IsDBNull(14) ? null : JsonSerializer.Deserialize<List<BookedSession>>(r.GetString(14), TerminalJson.Options));
}
