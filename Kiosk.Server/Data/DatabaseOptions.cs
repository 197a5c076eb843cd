using System.ComponentModel.DataAnnotations;

namespace Kiosk.Server.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    Postgres,
}

/// <summary>Section "Database". The connection string itself is ConnectionStrings:Kiosk.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    [Required]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations at start-up (default true; turn off where a DBA applies scripts).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
