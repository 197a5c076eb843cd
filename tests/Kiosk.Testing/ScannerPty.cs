using System.Diagnostics;

namespace Kiosk.Testing;

/// <summary>
/// A barcode scanner in serial mode on a real pseudo-terminal pair made by Debian's socat: the terminal opens
/// <see cref="PortPath"/> as its Scanner:SerialPort, and the test "scans" by writing to the other end, as the
/// scanner's USB-COM interface would. <see cref="Unplug"/> ends socat and removes the port, as pulling the USB
/// cable removes /dev/ttyACM0; <see cref="PlugIn"/> brings a new one under the same name.
/// </summary>
public sealed class ScannerPty : IAsyncDisposable
{
    public const string Socat = "/usr/bin/socat";
    private readonly string _folder = Directory.CreateTempSubdirectory("kiosk-scanner-").FullName;
    private Process? _socat;
    private FileStream? _scanner;

    private ScannerPty() { }

    /// <summary>The kiosk's end: what Scanner:SerialPort names.</summary>
    public string PortPath => Path.Combine(_folder, "kiosk");
    private string ScannerPath => Path.Combine(_folder, "scanner");

    public static bool Available => File.Exists(Socat) && !OperatingSystem.IsWindows();

    public static async Task<ScannerPty> StartAsync()
    {
        var pty = new ScannerPty();
        await pty.PlugInAsync();
        return pty;
    }

    public async Task PlugInAsync()
    {
        if (_socat is not null) throw new InvalidOperationException("The scanner is plugged in already.");
        var start = new ProcessStartInfo(Socat, ["pty,raw,echo=0,link=" + ScannerPath, "pty,raw,echo=0,link=" + PortPath]) { RedirectStandardError = true };
        _socat = Process.Start(start)!;
        await Eventually.Async(() => Task.FromResult(File.Exists(ScannerPath) && File.Exists(PortPath)), x => x, "socat's pseudo-terminals", seconds: 10);
        _scanner = new FileStream(ScannerPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
    }

    /// <summary>Pulls the cable: socat ends and both ends of the pair are gone.</summary>
    public async Task UnplugAsync()
    {
        _scanner?.Dispose();
        _scanner = null;
        if (_socat is { } socat)
        {
            socat.Kill();
            await socat.WaitForExitAsync();
            socat.Dispose();
        }
        _socat = null;
        File.Delete(ScannerPath);
        File.Delete(PortPath);
    }

    /// <summary>What the scanner sends, in one piece.</summary>
    public async Task SendAsync(string text) => await SendAsync(System.Text.Encoding.ASCII.GetBytes(text));

    public async Task SendAsync(byte[] bytes)
    {
        var scanner = _scanner ?? throw new InvalidOperationException("The scanner is unplugged.");
        await scanner.WriteAsync(bytes);
        await scanner.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await UnplugAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
