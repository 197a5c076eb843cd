// dotnet run -c Release --project tests/Kiosk.Benchmarks -- terminal [people] [scans] | live [dashboards] [scans/s] [seconds] | badge [rounds] | scanner [scans] | registration [registrations] [bookings] [seconds] [sqlite|postgres]
using Kiosk.Benchmarks;

var what = args.FirstOrDefault() ?? "terminal";
return what switch
{
    "terminal" => await TerminalBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 50_000, args.Length > 2 ? int.Parse(args[2]) : 1_000),
    "morning" => await MorningLoad.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 5_000, args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10),
    "badge" => BadgeBenchmark.Run(args.Length > 1 ? int.Parse(args[1]) : 200),
    "scanner" => await ScannerBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 200),
    "registration" => await RegistrationBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 2_000, args.Length > 2 ? int.Parse(args[2]) : 500,
        args.Length > 3 ? int.Parse(args[3]) : 60, args.Length > 4 ? args[4] : "sqlite"),
    "live" => await LiveBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 100, args.Length > 2 ? int.Parse(args[2]) : 200, args.Length > 3 ? int.Parse(args[3]) : 30),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Kiosk.Benchmarks terminal [people=50000] [scans=1000] | live [dashboards=100] [scans/s=200] [seconds=30] | morning [arrivals=5000] [minutes=10] | badge [rounds=200] | scanner [scans=200] | registration [registrations=2000] [bookings=500] [seconds=60] [sqlite|postgres]");
    return 2;
}
