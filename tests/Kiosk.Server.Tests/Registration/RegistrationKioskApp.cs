using Kiosk.Server.Tests.Mail;
using Kiosk.Testing;

namespace Kiosk.Server.Tests.Registration;

/// <summary>A server whose registration mails go to a real SMTP sink, with a generous limit per client address (every test posts from 127.0.0.1).</summary>
public class RegistrationKioskApp : MailKioskApp
{
    public RegistrationKioskApp() : this(Engine.Sqlite) { }

    protected RegistrationKioskApp(Engine engine) : base(engine, new Dictionary<string, string?>
    {
        ["Registration:PerClientPerMinute"] = "10000",
        ["Registration:PublicUrl"] = "https://anmeldung.dikomm.example/",
    })
    { }
}

public sealed class PostgresRegistrationKioskApp() : RegistrationKioskApp(Engine.Postgres);
