using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Kiosk.Server.Hosting;

/// <summary>Section "DataProtection": where the keys that protect sign-in cookies live.</summary>
public sealed class KeyStorageOptions
{
    public const string Section = "DataProtection";

    /// <summary>Folder for the key ring; default "keys" in the data folder. Instances behind one proxy must share it.</summary>
    public string? KeysDirectory { get; set; }
}

public static class KeyStorage
{
    /// <summary>Cookies survive restarts and are accepted by every instance that shares the key folder.</summary>
    public static IServiceCollection AddKeyStorage(this IServiceCollection services, string dataDirectory)
    {
        services.AddOptions<KeyStorageOptions>().BindConfiguration(KeyStorageOptions.Section).ValidateOnStart();
        services.AddDataProtection().SetApplicationName("Kiosk");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<KeyStorageOptions>, ILoggerFactory>((keys, storage, logs) =>
        {
            var folder = storage.Value.KeysDirectory is { Length: > 0 } configured ? Path.GetFullPath(configured) : Path.Combine(dataDirectory, "keys");
            keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(folder), logs);
        });
        return services;
    }
}
