using System.ComponentModel.DataAnnotations;

namespace Kiosk.Server.Hosting;

/// <summary>Section "Storage".</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Folder for the SQLite database, data protection keys and import uploads; relative to the working directory. Default "data".</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// The data folder as an absolute path, created if missing. Read while the services are registered, because
    /// the SQLite connection and the import folder are derived from it.
    /// </summary>
    public static string ResolveDataDirectory(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration.GetSection(Section).Get<StorageOptions>() ?? new StorageOptions();
        var path = Path.GetFullPath(string.IsNullOrWhiteSpace(configured.DataDirectory) ? "data" : configured.DataDirectory, contentRoot);
        Directory.CreateDirectory(path);
        return path;
    }
}
