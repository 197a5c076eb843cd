using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Kiosk.Shared.Contracts;
using Kiosk.Shared.Printing.EscPos;

namespace Kiosk.Server.Operations;

/// <summary>
/// The server's own meter, "Kiosk.Server": answers at the entrance and the doors, how long a scan takes
/// here, and what each kiosk last said about its outbox and printer. Labels are outcomes, event and terminal
/// ids: never a name, a badge or anything else about a person.
/// </summary>
public sealed class KioskMetrics
{
    public const string MeterName = "Kiosk.Server";

    /// <summary>A kiosk silent for longer drops out of the gauges (its last word is no longer news).</summary>
    public static readonly TimeSpan HeartbeatShelfLife = TimeSpan.FromMinutes(5);

    private readonly Counter<long> _checkIns;
    private readonly Counter<long> _doorScans;
    private readonly Histogram<double> _scanDuration;
    private readonly UpDownCounter<int> _connections;
    private readonly ConcurrentDictionary<int, TerminalReport> _terminals = new();
    private readonly TimeProvider _time;

    private sealed record TerminalReport(int EventId, int Outbox, PrinterState Printer, KioskFigures? Figures, DateTimeOffset At);

    public KioskMetrics(IMeterFactory meters, TimeProvider time)
    {
        _time = time;
        var meter = meters.Create(MeterName);
        _checkIns = meter.CreateCounter<long>("kiosk.checkins", "{answer}", "Answers to entrance scans (POST /api/checkins), by outcome; a resend is answered again.");
        _doorScans = meter.CreateCounter<long>("kiosk.door.scans", "{answer}", "Answers to door scans (POST /api/presence), by decision.");
        _scanDuration = meter.CreateHistogram("kiosk.scan.duration", "s", "Time the server took to answer a scan, by kind (checkin, door).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        _connections = meter.CreateUpDownCounter<int>("kiosk.signalr.connections", "{connection}", "Open SignalR connections, by hub (live: dashboards, terminal: kiosks).");
        meter.CreateObservableGauge("kiosk.terminal.outbox", ReadOutboxes, "{scan}", "Scans waiting in a kiosk's outbox, from its last heartbeat.");
        meter.CreateObservableGauge("kiosk.terminal.printer", ReadPrinters, "{printer}", "1 for the printer state a kiosk last reported (Ready, PaperOut, CoverOpen, Offline, Unknown).");
        meter.CreateObservableGauge("kiosk.terminal.roster", () => Figures(f => f.RosterSize), "{attendee}", "Entries in a kiosk's roster copy, from its last heartbeat.");
        meter.CreateObservableGauge("kiosk.terminal.orphaned", () => Figures(f => f.OrphanedScans), "{scan}", "Confirmed scans a kiosk keeps aside from an identity the server no longer accepts.");
        meter.CreateObservableCounter("kiosk.terminal.scans", () => Figures(f => f.Scans), "{scan}", "Scans a kiosk answered since it started.");
        meter.CreateObservableGauge("kiosk.terminal.scan.p95", () => Figures(f => f.ScanP95Milliseconds), "ms", "95th percentile of a kiosk's own answer time over its last 200 scans (local decision, printing not included).");
    }

    public void CheckIn(CheckInOutcome outcome, TimeSpan took)
    {
        _checkIns.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString()));
        _scanDuration.Record(took.TotalSeconds, new KeyValuePair<string, object?>("kind", "checkin"));
    }

    public void DoorScan(PresenceDecision decision, TimeSpan took)
    {
        _doorScans.Add(1, new KeyValuePair<string, object?>("decision", decision.ToString()));
        _scanDuration.Record(took.TotalSeconds, new KeyValuePair<string, object?>("kind", "door"));
    }

    /// <summary>
    /// What a kiosk said in its heartbeat. Per server instance: with several, each reports the kiosks whose
    /// heartbeats it received (take the newest per terminal).
    /// </summary>
    public void Heartbeat(int terminalId, int eventId, TerminalHeartbeat heartbeat) =>
        // Free text from a device becomes one of five states: a label must not take arbitrary values.
        _terminals[terminalId] = new TerminalReport(eventId, Math.Max(0, heartbeat.Outbox),
            Enum.TryParse<PrinterState>(heartbeat.PrinterState, ignoreCase: true, out var state) && Enum.IsDefined(state) ? state : PrinterState.Unknown,
            Sane(heartbeat.Figures), _time.GetUtcNow());

    public void Connected(string hub, int change) => _connections.Add(change, new KeyValuePair<string, object?>("hub", hub));

    /// <summary>Starts a scan's stopwatch.</summary>
    public static long Start() => Stopwatch.GetTimestamp();

    private IEnumerable<Measurement<int>> ReadOutboxes() =>
        Fresh().Select(t => new Measurement<int>(t.Value.Outbox, Labels(t.Key, t.Value)));

    private IEnumerable<Measurement<int>> ReadPrinters() =>
        Fresh().Select(t => new Measurement<int>(1, [.. Labels(t.Key, t.Value), new("state", t.Value.Printer.ToString())]));

    private IEnumerable<Measurement<T>> Figures<T>(Func<KioskFigures, T> read) where T : struct =>
        Fresh().Where(t => t.Value.Figures is not null).Select(t => new Measurement<T>(read(t.Value.Figures!), Labels(t.Key, t.Value)));

    private IEnumerable<Measurement<double>> Figures(Func<KioskFigures, double?> read) =>
        Fresh().Where(t => t.Value.Figures is not null && read(t.Value.Figures) is not null)
            .Select(t => new Measurement<double>(read(t.Value.Figures!)!.Value, Labels(t.Key, t.Value)));

    /// <summary>A device's numbers, kept within sense (never negative, never absurd).</summary>
    private static KioskFigures? Sane(KioskFigures? f) => f is null ? null : new KioskFigures(
        Math.Clamp(f.RosterSize, 0, 10_000_000), Math.Clamp(f.OrphanedScans, 0, 10_000_000), Math.Max(0, f.Scans),
        f.ScanP50Milliseconds is >= 0 and < 3_600_000 ? f.ScanP50Milliseconds : null, f.ScanP95Milliseconds is >= 0 and < 3_600_000 ? f.ScanP95Milliseconds : null);

    private IEnumerable<KeyValuePair<int, TerminalReport>> Fresh()
    {
        var oldest = _time.GetUtcNow() - HeartbeatShelfLife;
        return _terminals.Where(t => t.Value.At >= oldest);
    }

    private static KeyValuePair<string, object?>[] Labels(int terminalId, TerminalReport report) =>
        [new("terminal", terminalId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("event", report.EventId.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}

/// <summary>Counts every hub's connections, without each hub having to remember to.</summary>
internal sealed class SignalRConnections(KioskMetrics metrics) : Microsoft.AspNetCore.SignalR.IHubFilter
{
    public async Task OnConnectedAsync(Microsoft.AspNetCore.SignalR.HubLifetimeContext context, Func<Microsoft.AspNetCore.SignalR.HubLifetimeContext, Task> next)
    {
        await next(context);
        metrics.Connected(Hub(context), +1);
    }

    public async Task OnDisconnectedAsync(Microsoft.AspNetCore.SignalR.HubLifetimeContext context, Exception? exception, Func<Microsoft.AspNetCore.SignalR.HubLifetimeContext, Exception?, Task> next)
    {
        metrics.Connected(Hub(context), -1);
        await next(context, exception);
    }

    private static string Hub(Microsoft.AspNetCore.SignalR.HubLifetimeContext context) => context.Hub is Terminals.TerminalHub ? "terminal" : "live";
}
