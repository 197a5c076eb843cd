using System.ComponentModel.DataAnnotations;

namespace Kiosk.Server.Jobs;

/// <summary>Section "Jobs": the Hangfire background job server of this instance.</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>Run jobs in this instance (default true). Off for an instance that should only serve requests.</summary>
    public bool RunServer { get; set; } = true;

    /// <summary>Parallel workers (default 4): mail, imports and reports are I/O-bound, snapshots are tiny.</summary>
    [Range(1, 64)]
    public int Workers { get; set; } = 4;

    /// <summary>How often a server engine's job queue is polled, in milliseconds (default 1000). SQLite uses in-memory storage and needs none.</summary>
    [Range(50, 60_000)]
    public int PollMilliseconds { get; set; } = 1000;
}
