using System.Collections.Concurrent;

namespace Kiosk.Server.Attendees.Import;

/// <summary>
/// Where uploads wait for their import run: (Storage:DataDirectory)/imports/{run id}.csv. They hold personal
/// data, so each is deleted as soon as its run is over.
/// </summary>
public sealed class ImportFiles(string folder)
{
    public string Folder { get; } = folder;

    public string PathOf(Guid runId) => Path.Combine(Folder, $"{runId:N}.csv");

    public void Delete(Guid runId) => File.Delete(PathOf(runId));
}

/// <summary>
/// Rows done of the runs this instance is importing right now. The import writes in one transaction; on
/// SQLite that transaction holds the only write lock, so progress cannot go to the database while it runs
/// and is read from here instead.
/// </summary>
public sealed class ImportProgress
{
    private readonly ConcurrentDictionary<Guid, int> _done = new();

    public void Report(Guid runId, int rows) => _done[runId] = rows;

    public int? Of(Guid runId) => _done.TryGetValue(runId, out var rows) ? rows : null;

    public void Forget(Guid runId) => _done.TryRemove(runId, out _);
}
