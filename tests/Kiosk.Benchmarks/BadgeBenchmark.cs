using System.Diagnostics;
using Kiosk.Shared.Badges;
using Kiosk.Shared.Printing;
using Kiosk.Terminal.Printing;

namespace Kiosk.Benchmarks;

/// <summary>
/// Time to turn one badge into printer bytes as the print queue does (layout, pictures of the lines the code page
/// cannot hold, ESC/POS), for names the code page holds and for names it does not; and the bytes each badge takes.
/// </summary>
public static class BadgeBenchmark
{
    private const string Token = "KB0123456789ABCDEFGHIJKLMNOPQRSTUV0123456789ABCDEFGHIJKLMNOPQRSTUV0123456789ABCDEFGHIJKLMNOPQRSTUV0123456789ABCDEFGHIJKLMNOPQRSTUV0123456789ABCDEFGHIJKLMNOPQRST";

    private static readonly (string Title, BadgePrint Badge)[] Badges =
    [
        ("Dr. Anna Müller (PC858)", new("Dr.", "Anna", "Müller", "Stadt Essen", AttendeeCategory.Visitor, "dikomm 2026", Token)),
        ("Ömer Yılmaz", new(null, "Ömer", "Yılmaz", "İstanbul Büyükşehir Belediyesi", AttendeeCategory.Visitor, "dikomm 2026", Token)),
        ("Žaneta Nováková-Łukasiewicz", new(null, "Žaneta", "Nováková-Łukasiewicz", "Uniwersytet Łódzki", AttendeeCategory.Speaker, "dikomm 2026", Token)),
        ("李 小龍", new(null, "李", "小龍", "香港特別行政區政府", AttendeeCategory.Press, "dikomm 2026", Token)),
        ("محمد عبد الله", new(null, "محمد", "عبد الله", "بلدية دبي", AttendeeCategory.Visitor, "dikomm 2026", Token)),
        ("שרה לוי", new(null, "שרה", "לוי", "עיריית תל אביב", AttendeeCategory.Exhibitor, "dikomm 2026", Token)),
        ("longest names (all lines pictures)", new("Dr. hab. Dr. hab. Dr. hab. Dr. hab. Dr. hab. Dr. ha", string.Concat(Enumerable.Repeat("Żółć-Łękawa ", 9))[..100],
            string.Concat(Enumerable.Repeat("Łółć-Łękawa ", 9))[..100], string.Concat(Enumerable.Repeat("香港特別行政區政府 ", 20))[..200], AttendeeCategory.Speaker, "Międzynarodowy Kongres Łódź 2026", Token)),
    ];

    public static int Run(int rounds)
    {
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}; Release; {rounds} badges each after one cold run.");
        var pictures = new TextPictures();
        foreach (var (title, badge) in Badges)
        {
            var cold = Stopwatch.StartNew();
            var bytes = Encode(pictures, badge);
            cold.Stop();
            var times = new double[rounds];
            for (var i = 0; i < rounds; i++)
            {
                var watch = Stopwatch.StartNew();
                Encode(pictures, badge);
                times[i] = watch.Elapsed.TotalMilliseconds;
            }
            Array.Sort(times);
            Console.WriteLine($"{title,-36} {bytes.Length,6:N0} bytes  median {times[rounds / 2],7:0.000} ms  p95 {times[rounds * 95 / 100],7:0.000} ms  first {cold.Elapsed.TotalMilliseconds,7:0.0} ms");
        }
        return 0;
    }

    private static byte[] Encode(TextPictures pictures, BadgePrint badge) => BadgeEscPos.Encode(pictures.Apply(BadgeLayout.For(badge)));
}
