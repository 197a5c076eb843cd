using Kiosk.Testing;

namespace Kiosk.Server.Tests.Mail;

/// <summary>A test server whose confirmation mails go to a real SMTP sink on loopback (or, with <c>mailOn: false</c>, nowhere yet).</summary>
public class MailKioskApp : KioskApp
{
    public MailKioskApp() : this(Engine.Sqlite, mailOn: true) { }

    protected MailKioskApp(Engine engine, bool mailOn) : this(engine, mailOn, new SmtpSink(), []) { }

    /// <summary>Mail on, with more settings of the test's own.</summary>
    protected MailKioskApp(Engine engine, Dictionary<string, string?> settings) : this(engine, true, new SmtpSink(), settings) { }

    private MailKioskApp(Engine engine, bool mailOn, SmtpSink sink, Dictionary<string, string?> settings)
        : base(engine, (mailOn ? MailSettings(sink) : new() { ["Mail:FirstRetrySeconds"] = "1" }).Concat(settings).ToDictionary()) =>
        Sink = sink;

    public SmtpSink Sink { get; }

    public static Dictionary<string, string?> MailSettings(SmtpSink sink) => new()
    {
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Security"] = "None",
        ["Mail:From"] = "einlass@dikomm.example",
        ["Mail:FromName"] = "dikomm Einlaß",
        ["Mail:FirstRetrySeconds"] = "1",
        ["Jobs:PollMilliseconds"] = "200",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Sink.DisposeAsync();
    }
}

public sealed class PostgresMailKioskApp() : MailKioskApp(Engine.Postgres, mailOn: true);

/// <summary>Mail off (no Mail:Host) until a test restarts it with the sink's settings.</summary>
public sealed class MailOffKioskApp() : MailKioskApp(Engine.Sqlite, mailOn: false);

public sealed class PostgresMailOffKioskApp() : MailKioskApp(Engine.Postgres, mailOn: false);
