using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Testing;

/// <summary>Searches the raw bytes of a SQLite database and its WAL/SHM files for text, as someone with the disk would.</summary>
public static class DatabaseFile
{
    public static async Task<string> PathAsync(KioskApp app) =>
        await app.WithDbAsync(db => Task.FromResult(((SqliteConnection)db.Database.GetDbConnection()).DataSource));

    /// <summary>The markers found in the files, in UTF-8 or UTF-16LE, ASCII letters compared without case.</summary>
    public static List<string> Find(string databasePath, IEnumerable<string> markers)
    {
        var files = new[] { "", "-wal", "-shm", "-journal" }.Select(s => databasePath + s).Where(File.Exists).Select(ReadShared).ToList();
        return markers.Where(m => files.Any(bytes => Contains(bytes, m))).ToList();
    }

    public static bool Contains(byte[] haystack, string marker)
    {
        var lowered = Lower(haystack);
        var needle = string.Concat(marker.Select(c => c is >= 'A' and <= 'Z' ? (char)(c + 32) : c));
        return lowered.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0
            || lowered.AsSpan().IndexOf(Lower(Encoding.Unicode.GetBytes(needle))) >= 0;
    }

    private static byte[] Lower(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        for (var i = 0; i < copy.Length; i++)
            if (copy[i] is >= (byte)'A' and <= (byte)'Z') copy[i] += 32;
        return copy;
    }

    // The server keeps the files open; read them the way another process on the machine could.
    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
