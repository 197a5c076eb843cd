using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kiosk.Terminal.Printing;

namespace Kiosk.Terminal.Tests;

/// <summary>
/// scripts/install-terminal.ps1 under PowerShell 7 on Linux: what this machine can prove of the Windows install is
/// that the script parses, that its -WhatIf plan says what it would do (account, ACLs, configuration, Edge) with the
/// secrets masked, that the plan changes nothing, and that wrong parameters stop it before any step.
/// </summary>
public sealed partial class InstallScriptTests : IDisposable
{
    private const string Code = "ABCDE-FGHJK";
    private const string Pin = "2468135";

    private static readonly string? Pwsh = Environment.GetEnvironmentVariable("KIOSK_TEST_PWSH") is { Length: > 0 } p && File.Exists(p) ? p : null;
    private static readonly string Script = Path.Combine(FindRoot(), "scripts", "install-terminal.ps1");
    private readonly string _temp = Directory.CreateTempSubdirectory("kiosk-install-").FullName;

    private static void SkipWithoutPwsh() =>
        Assert.SkipWhen(Pwsh is null, "PowerShell 7 is not set up: scripts/test.sh installs the PowerShell .NET tool and sets KIOSK_TEST_PWSH.");

    [Fact]
    public async Task The_script_parses_without_errors()
    {
        SkipWithoutPwsh();
        var run = await RunAsync(["-NoProfile", "-NonInteractive", "-Command",
            "$errors = $null; $null = [System.Management.Automation.Language.Parser]::ParseFile($env:KIOSK_SCRIPT, [ref]$null, [ref]$errors); " +
            "$errors | ForEach-Object { \"$($_.Extent.StartLineNumber): $($_.Message)\" }; exit $errors.Count"]);
        Assert.True(run.ExitCode == 0, $"parse errors:\n{run.Output}{run.Errors}");
    }

    [Fact]
    public async Task The_plan_shows_account_acls_configuration_and_edge_with_secrets_masked_and_changes_nothing()
    {
        SkipWithoutPwsh();
        var install = Path.Combine(_temp, "Program Files", "Kiosk.Terminal");
        var data = Path.Combine(_temp, "ProgramData", "Kiosk.Terminal");
        var run = await PlanAsync("-ServerUrl", "https://kiosk.example.org", "-EnrolmentCode", "abcde fghjk", "-StaffPin", Pin,
            "-PrinterHost", "10.0.0.7", "-ScannerPort", "COM4", "-InstallDir", install, "-DataDir", data);

        Assert.True(run.ExitCode == 0, run.Errors);
        var plan = run.Output;
        Assert.Contains($"Stop the service 'Kiosk.Terminal' if it is installed", plan);
        Assert.Contains($"running \"{Path.Combine(install, "Kiosk.Terminal.exe")}\" as NT SERVICE\\Kiosk.Terminal", plan);
        Assert.Contains($"Create the data folder {data}; ACL without inherited rights: NT AUTHORITY\\SYSTEM and BUILTIN\\Administrators FullControl, NT SERVICE\\Kiosk.Terminal Modify, Users and 'Kiosk' no access", plan);
        Assert.Contains("NT SERVICE\\Kiosk.Terminal Read, Users no access", plan);
        Assert.Contains("--kiosk http://127.0.0.1:5180/ --edge-kiosk-type=fullscreen --no-first-run", plan);
        Assert.Contains("the kiosk UI listens on http://127.0.0.1:5180/", plan);
        Assert.Contains("nothing was changed", plan);
        // Windows knows the virtual account only once its service exists, so the ACLs naming it come after; start comes last.
        Assert.True(plan.IndexOf("Install (or update) the service", StringComparison.Ordinal) < plan.IndexOf("Create the data folder", StringComparison.Ordinal), plan);
        Assert.True(plan.IndexOf("Write the configuration", StringComparison.Ordinal) < plan.IndexOf("Start the service", StringComparison.Ordinal), plan);

        var config = PlannedConfiguration(plan);
        Assert.Equal("https://kiosk.example.org", config.GetProperty("Server").GetProperty("Url").GetString());
        var terminal = config.GetProperty("Terminal");
        Assert.Equal("http://127.0.0.1:5180", terminal.GetProperty("Urls").GetString());
        Assert.Equal(data, terminal.GetProperty("DataDirectory").GetString());
        Assert.Equal("ABCDE-*****", terminal.GetProperty("EnrolmentCode").GetString());
        Assert.Equal(new string('*', Pin.Length), terminal.GetProperty("StaffPin").GetString());
        Assert.Equal("10.0.0.7", config.GetProperty("Printer").GetProperty("Host").GetString());
        Assert.Equal(9100, config.GetProperty("Printer").GetProperty("Port").GetInt32());
        Assert.Equal("COM4", config.GetProperty("Scanner").GetProperty("SerialPort").GetString());

        // Every key the script writes is one the terminal reads (a typo would silently fall back to a default).
        foreach (var (section, options) in new[] { ("Server", typeof(ServerOptions)), ("Terminal", typeof(TerminalOptions)), ("Printer", typeof(PrinterOptions)), ("Scanner", typeof(Kiosk.Terminal.Scanning.ScannerOptions)) })
            foreach (var key in config.GetProperty(section).EnumerateObject())
                Assert.True(options.GetProperty(key.Name, BindingFlags.Public | BindingFlags.Instance) is not null, $"{section}:{key.Name} is not a terminal setting");

        foreach (var secret in new[] { Code, "FGHJK", "fghjk", Pin })
            Assert.DoesNotContain(secret, run.Output + run.Errors);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("-ServerUrl must be an https:// address", "-ServerUrl", "http://kiosk.example.org", "-PrinterKind", "Virtual")]
    [InlineData("-ServerUrl must be an https:// address", "-ServerUrl", "kiosk.example.org", "-PrinterKind", "Virtual")]
    [InlineData("-EnrolmentCode must look like ABCDE-FGHJK", "-ServerUrl", "https://kiosk.example.org", "-EnrolmentCode", "ABCDE-FGHJ0", "-PrinterKind", "Virtual")]
    [InlineData("-StaffPin must be 4 to 12 digits", "-ServerUrl", "https://kiosk.example.org", "-StaffPin", "12a4", "-PrinterKind", "Virtual")]
    [InlineData("-RoomId is required in mode 'room-entrance'", "-ServerUrl", "https://kiosk.example.org", "-Mode", "room-entrance", "-PrinterKind", "Virtual")]
    [InlineData("-PrinterHost is required for a network printer", "-ServerUrl", "https://kiosk.example.org")]
    public async Task A_wrong_parameter_stops_the_script_with_a_clear_message_before_any_step(string message, params string[] arguments)
    {
        SkipWithoutPwsh();
        var run = await PlanAsync([.. arguments, "-InstallDir", Path.Combine(_temp, "program"), "-DataDir", Path.Combine(_temp, "data")]);

        Assert.NotEqual(0, run.ExitCode);
        // PowerShell wraps a long error message over lines starting with "|"; read it as one line.
        Assert.Contains(message, WrappedLine().Replace(run.Errors, " "));
        Assert.DoesNotContain("What if:", run.Output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp));
    }

    [Fact]
    public async Task Without_WhatIf_off_Windows_the_script_stops_before_any_step()
    {
        SkipWithoutPwsh();
        var run = await RunAsync(["-NoProfile", "-NonInteractive", "-File", Script, "-ServerUrl", "https://kiosk.example.org", "-PrinterKind", "Virtual",
            "-InstallDir", Path.Combine(_temp, "program"), "-DataDir", Path.Combine(_temp, "data")]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("installs on Windows only", WrappedLine().Replace(run.Errors, " "));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp));
    }

    [Fact]
    public async Task A_room_door_is_planned_with_its_room_a_virtual_printer_and_the_Windows_default_folders()
    {
        SkipWithoutPwsh();
        var run = await PlanAsync("-ServerUrl", "http://localhost:5080", "-Mode", "room-entrance", "-RoomId", "7", "-PrinterKind", "Virtual");

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Contains(@"running ""C:\Program Files\Kiosk.Terminal\Kiosk.Terminal.exe"" as NT SERVICE\Kiosk.Terminal", run.Output);
        var config = PlannedConfiguration(run.Output);
        Assert.Equal(@"C:\ProgramData\Kiosk.Terminal", config.GetProperty("Terminal").GetProperty("DataDirectory").GetString());
        Assert.Equal(7, config.GetProperty("Terminal").GetProperty("RoomId").GetInt32());
        Assert.False(config.GetProperty("Terminal").TryGetProperty("EnrolmentCode", out _));
        Assert.Equal(["Kind"], config.GetProperty("Printer").EnumerateObject().Select(p => p.Name));
    }

    /// <summary>The JSON block the plan shows under "Write the configuration …".</summary>
    private static JsonElement PlannedConfiguration(string plan)
    {
        var start = plan.IndexOf("What if: Write the configuration", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no configuration step in the plan:\n{plan}");
        var open = plan.IndexOf('{', start);
        var end = plan.IndexOf("\nWhat if:", open, StringComparison.Ordinal);
        return JsonDocument.Parse(plan[open..end]).RootElement.Clone();
    }

    private Task<(int ExitCode, string Output, string Errors)> PlanAsync(params string[] arguments) =>
        RunAsync(["-NoProfile", "-NonInteractive", "-File", Script, .. arguments, "-WhatIf"]);

    private async Task<(int ExitCode, string Output, string Errors)> RunAsync(string[] arguments)
    {
        var start = new ProcessStartInfo(Pwsh!, arguments)
        {
            WorkingDirectory = _temp,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["KIOSK_SCRIPT"] = Script;
        start.Environment["NO_COLOR"] = "1";
        start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        start.Environment["POWERSHELL_UPDATECHECK"] = "Off";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await output).Replace("\r", ""), (await errors).Replace("\r", ""));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Kiosk.sln"))) return dir.FullName;
        throw new InvalidOperationException("The tests do not run inside the repository.");
    }

    [GeneratedRegex(@"\s*\n\s*\|\s*")]
    private static partial Regex WrappedLine();

    public void Dispose()
    {
        try { Directory.Delete(_temp, recursive: true); } catch (IOException) { }
    }
}
