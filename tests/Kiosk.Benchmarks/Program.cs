// dotnet run -c Release --project tests/Kiosk.Benchmarks -- terminal [people] [scans]
using Kiosk.Benchmarks;

var what = args.FirstOrDefault() ?? "terminal";
return what switch
{
    "terminal" => await TerminalBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 50_000, args.Length > 2 ? int.Parse(args[2]) : 1_000),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Kiosk.Benchmarks terminal [people=50000] [scans=1000]");
    return 2;
}
