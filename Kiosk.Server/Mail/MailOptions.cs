using System.ComponentModel.DataAnnotations;

namespace Kiosk.Server.Mail;

public enum MailSecurity
{
    None,
    StartTls,
    SslOnConnect,
    /// <summary>TLS on connect for port 465, STARTTLS when the server offers it otherwise.</summary>
    Auto,
}

/// <summary>Section "Mail": the SMTP server confirmation mails go through. No host means mail is off.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>SMTP host. Empty: mails are recorded as waiting and nothing is sent (until a host is set).</summary>
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public MailSecurity Security { get; set; } = MailSecurity.Auto;

    /// <summary>SMTP user; empty for a relay that does not authenticate.</summary>
    public string? User { get; set; }

    /// <summary>From user-secrets or the environment (Mail__Password), never from a file in the repository.</summary>
    public string? Password { get; set; }

    [EmailAddress]
    public string From { get; set; } = "kiosk@localhost";

    public string FromName { get; set; } = "Kiosk";

    /// <summary>Attempts before a mail is given up (default 8: about two hours of backoff).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Mails one recurring pass enqueues at most (default 200), so one large event cannot crowd out the others.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>Wait before the first retry (default 60 s); each further retry waits twice as long, at most an hour.</summary>
    [Range(1, 3600)]
    public int FirstRetrySeconds { get; set; } = 60;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
