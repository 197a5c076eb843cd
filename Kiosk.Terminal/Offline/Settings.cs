using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Kiosk.Terminal.Offline;

/// <summary>Small named values the terminal keeps across restarts: its key, profile, badge keys, roster cursor.</summary>
public sealed class Settings(TerminalStore store)
{
    public const string TerminalKey = "terminal-key";

    /// <summary>The key this kiosk proposes at enrolment, kept before it asks: a lost answer is asked again with the same key.</summary>
    public const string ProposedKey = "proposed-terminal-key";
    /// <summary>Hash of the enrolment code <see cref="ProposedKey"/> was made for: a new code gets a new key.</summary>
    public const string ProposedForCode = "proposed-for-code";

    /// <summary>Hash of the enrolment code the current identity was enrolled with; another code enrols afresh.</summary>
    public const string EnrolledWithCode = "enrolled-with-code";

    /// <summary>A code staff typed on the out-of-order screen (after the staff PIN); wins over the configured one.</summary>
    public const string TypedCode = "typed-enrolment-code";

    /// <summary>Hash of the last enrolment code the server refused: not asked again.</summary>
    public const string RefusedCode = "refused-enrolment-code";

    /// <summary>Set while the server refuses this kiosk (see <see cref="KioskTrust"/>).</summary>
    public const string Withdrawn = "withdrawn";
    public const string Profile = "profile";
    public const string BadgeKeys = "badge-keys";
    public const string RosterCursor = "roster-cursor";

    /// <summary>The generation of the server's database this kiosk last saw (see <see cref="LostAnswers"/>).</summary>
    public const string ServerGeneration = "server-generation";

    /// <summary>True from the sync that applied an erasure until the file has been compacted (survives a crash in between).</summary>
    public const string CompactionOwed = "compaction-owed";

    public Task<T?> GetAsync<T>(string key) => store.ReadAsync(async c =>
    {
        await using var command = c.CreateCommand();
        command.CommandText = "SELECT value FROM settings WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return await command.ExecuteScalarAsync() is string json ? JsonSerializer.Deserialize<T>(json, TerminalJson.Options) : default;
    });

    public Task SetAsync<T>(string key, T value, CancellationToken ct = default) =>
        store.WriteAsync((c, tx) => SetAsync(c, tx, key, value), ct);

    public static async Task SetAsync<T>(SqliteConnection c, SqliteTransaction tx, string key, T value)
    {
        await using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "INSERT INTO settings (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", JsonSerializer.Serialize(value, TerminalJson.Options));
        await command.ExecuteNonQueryAsync();
    }
}

public static class TerminalJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}

/// <summary>Where the terminal's roster copy stands: changes after (Since, After) are not yet here.</summary>
public sealed record RosterCursor(long Since, int After);
