using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Kiosk.Testing;

/// <summary>
/// A thermal printer on a real loopback TCP port: answers DLE EOT status requests with whatever state
/// the test sets, and collects everything else as print jobs, one per cut command.
/// </summary>
public sealed class CapturingPrinter : IAsyncDisposable
{
    private static readonly byte[] Cut = [0x1D, 0x56, 0x41, 0x00];
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<byte[]> _jobs = Channel.CreateUnbounded<byte[]>();
    private readonly Channel<(byte[] Job, long At)> _timed = Channel.CreateUnbounded<(byte[], long)>();
    private volatile byte[] _status = Ready;
    private volatile bool _paperRunsOut;
    private int _outAfterJobs = -1, _roundsBeforeOut = -1;

    public static readonly byte[] Ready = [0x12, 0x12, 0x12];
    public static readonly byte[] PaperOut = [0x1A, 0x32, 0x72];
    public static readonly byte[] CoverOpen = [0x1A, 0x16, 0x12];

    public CapturingPrinter()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public int JobsPrinted { get; private set; }

    /// <summary>The next job stops after a few lines: the paper runs out (status says so from then on) and the badge is not finished.</summary>
    public void RunOutOfPaperDuringNextJob() => _paperRunsOut = true;

    /// <summary>
    /// The roll ends right after badge <paramref name="jobs"/> (counted from now): that badge comes out whole and the
    /// status round asked after it still says ready; from the next round on the printer reports paper out.
    /// </summary>
    public void RunOutOfPaperAfterJobs(int jobs) => _outAfterJobs = JobsPrinted + jobs;

    /// <summary>Answers to DLE EOT 1, 2 and 4 from now on.</summary>
    public void SetStatus(byte[] answers) => _status = answers;

    public async Task<byte[]> NextJobAsync(int seconds = 10) =>
        await _jobs.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(seconds));

    public bool TryTakeJob(out byte[] job) => _jobs.Reader.TryRead(out job!);

    /// <summary>The next job with the <see cref="System.Diagnostics.Stopwatch"/> timestamp of its last byte (benchmarks).</summary>
    public async Task<(byte[] Job, long At)> NextTimedJobAsync(int seconds = 10) =>
        await _timed.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(seconds));

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try { _ = ServeAsync(await _listener.AcceptTcpClientAsync(_stop.Token)); }
            catch (Exception) { return; }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var job = new List<byte>();
        var torn = false;
        var data = 0;
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var n = await stream.ReadAsync(buffer, _stop.Token);
                if (n == 0) return;
                for (var i = 0; i < n; i++)
                {
                    job.Add(buffer[i]);
                    // Image and QR data are bytes of any value: as a printer does, they are read as data, not commands.
                    if (data > 0) { data--; continue; }
                    data = DataFollowing(job);
                    if (data > 0) continue;
                    if (EndsWith(job, [0x10, 0x04, 0x01]) || EndsWith(job, [0x10, 0x04, 0x02]) || EndsWith(job, [0x10, 0x04, 0x04]))
                    {
                        var kind = job[^1];
                        job.RemoveRange(job.Count - 3, 3);
                        if (kind == 1 && _roundsBeforeOut == 0) (_status, _roundsBeforeOut) = (PaperOut, -1);
                        if (kind == 4 && _roundsBeforeOut > 0) _roundsBeforeOut--;
                        var status = _status;
                        await stream.WriteAsync(new[] { kind switch { 1 => status[0], 2 => status[1], _ => status[2] } }, _stop.Token);
                    }
                    else if (_paperRunsOut && job.Count >= 64)
                    {
                        _paperRunsOut = false;
                        _status = PaperOut;
                        torn = true;
                        job.Clear();
                    }
                    else if (EndsWith(job, Cut) && torn)
                    {
                        torn = false; // the rest of the torn badge: nothing comes out
                        job.Clear();
                    }
                    else if (EndsWith(job, Cut))
                    {
                        JobsPrinted++;
                        if (JobsPrinted == _outAfterJobs) (_outAfterJobs, _roundsBeforeOut) = (-1, 1);
                        byte[] done = [.. job];
                        _timed.Writer.TryWrite((done, System.Diagnostics.Stopwatch.GetTimestamp()));
                        _jobs.Writer.TryWrite(done);
                        job.Clear();
                    }
                }
            }
        }
        catch (Exception) { }
    }

    /// <summary>How many data bytes follow the command that <paramref name="job"/> ends with: GS v 0 images, GS ( k.</summary>
    private static int DataFollowing(List<byte> job)
    {
        var n = job.Count;
        if (n >= 8 && job[n - 8] == 0x1D && job[n - 7] == (byte)'v' && job[n - 6] == (byte)'0' && job[n - 5] <= 3)
            return (job[n - 4] | job[n - 3] << 8) * (job[n - 2] | job[n - 1] << 8);
        if (n >= 5 && job[n - 5] == 0x1D && job[n - 4] == (byte)'(' && job[n - 3] == (byte)'k')
            return job[n - 2] | job[n - 1] << 8;
        return 0;
    }

    private static bool EndsWith(List<byte> data, byte[] tail)
    {
        if (data.Count < tail.Length) return false;
        for (var i = 0; i < tail.Length; i++)
            if (data[data.Count - tail.Length + i] != tail[i]) return false;
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
    }
}
