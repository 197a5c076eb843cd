using Kiosk.Shared.Printing.EscPos;
using Kiosk.Terminal.Printing;
using Kiosk.Testing;

namespace Kiosk.Terminal.Tests.Printing;

public sealed class NetworkPrinterTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_job_arrives_byte_for_byte()
    {
        await using var listener = new CapturingPrinter();
        await using var printer = new NetworkPrinter("127.0.0.1", listener.Port, Timeout);
        byte[] job = [.. EscPos.Initialize(), .. EscPos.Line("Jürgen Groß"), .. EscPos.FeedAndCut()];

        await printer.SendAsync(job, CancellationToken.None);

        Assert.Equal(job, await listener.NextJobAsync());
    }

    [Theory]
    [InlineData("ready", PrinterState.Ready)]
    [InlineData("paper", PrinterState.PaperOut)]
    [InlineData("cover", PrinterState.CoverOpen)]
    public async Task Status_is_read_over_the_same_connection(string state, PrinterState expected)
    {
        await using var listener = new CapturingPrinter();
        listener.SetStatus(state switch { "paper" => CapturingPrinter.PaperOut, "cover" => CapturingPrinter.CoverOpen, _ => CapturingPrinter.Ready });
        await using var printer = new NetworkPrinter("127.0.0.1", listener.Port, Timeout);

        Assert.Equal(expected, (await printer.ReadStatusAsync(CancellationToken.None)).State);
    }

    [Fact]
    public async Task A_printer_that_is_not_there_reads_as_offline()
    {
        int port;
        await using (var gone = new CapturingPrinter()) port = gone.Port;
        await using var printer = new NetworkPrinter("127.0.0.1", port, Timeout);

        Assert.Equal(PrinterState.Offline, (await printer.ReadStatusAsync(CancellationToken.None)).State);
    }
}
