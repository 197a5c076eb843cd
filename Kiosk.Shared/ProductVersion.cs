using System.Reflection;

namespace Kiosk.Shared;

/// <summary>
/// The release of Kiosk this build belongs to (<c>Version</c> in Directory.Build.props, one for server, terminal
/// and shared): the server reports it at <c>/api/version</c>, the kiosk in every heartbeat.
/// </summary>
public static class ProductVersion
{
    public static string Current { get; } = Read();

    private static string Read()
    {
        var informational = typeof(ProductVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        // The SDK appends "+<commit>" when it knows the source revision; the release is what comes before.
        return informational?.Split('+')[0] is { Length: > 0 } version ? version : "0.0.0";
    }
}
