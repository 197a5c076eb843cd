using System.Diagnostics;

namespace Kiosk.EndToEnd.Tests.FrontDoor;

/// <summary>
/// A fresh copy of the repository as a newcomer's clone has it: the tracked files and the ones not yet
/// committed, without anything built (no bin, obj, data). Deleted when the test class is done.
/// </summary>
public sealed class RepositoryCopy : IDisposable
{
    public RepositoryCopy()
    {
        Source = FindRoot();
        Root = Directory.CreateTempSubdirectory("kiosk-newcomer-").FullName;
        var files = Run("git", Source, "ls-files", "-z", "--cached", "--others", "--exclude-standard").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        foreach (var file in files)
        {
            var from = Path.Combine(Source, file);
            if (!File.Exists(from)) continue; // deleted in the working tree
            var to = Path.Combine(Root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(to, File.GetUnixFileMode(from));
        }
    }

    /// <summary>The repository the tests were built from.</summary>
    public string Source { get; }

    /// <summary>The copy.</summary>
    public string Root { get; }

    /// <summary>
    /// A command as a person would type it in the copy. The test runner's own MSBuild settings are not passed
    /// on: a newcomer's shell has none of them.
    /// </summary>
    public ProcessStartInfo Command(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DOTNET_HOST_PATH", StringComparison.Ordinal) || k.StartsWith("VSTEST", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        return start;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Kiosk.sln"))) return dir.FullName;
        throw new InvalidOperationException("The tests do not run inside the repository.");
    }

    private static string Run(string file, string directory, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { WorkingDirectory = directory, RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed with {process.ExitCode}.");
        return output;
    }
}
