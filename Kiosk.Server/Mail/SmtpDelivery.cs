using MailKit.Net.Smtp;
using MailKit.Security;

namespace Kiosk.Server.Mail;

/// <summary>One SMTP conversation per message, through the server of <see cref="MailOptions"/>; every mail the server sends goes here.</summary>
public static class SmtpDelivery
{
    public static async Task SendAsync(MimeKit.MimeMessage message, MailOptions options, CancellationToken ct)
    {
        using var smtp = new SmtpClient();
        smtp.Timeout = 60_000;
        var security = options.Security switch
        {
            MailSecurity.None => SecureSocketOptions.None,
            MailSecurity.StartTls => SecureSocketOptions.StartTls,
            MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.Auto,
        };
        await smtp.ConnectAsync(options.Host!, options.Port, security, ct);
        if (!string.IsNullOrEmpty(options.User)) await smtp.AuthenticateAsync(options.User, options.Password ?? "", ct);
        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(quit: true, CancellationToken.None);
    }

    /// <summary>A short code for the row and the log (never the server's text, which may quote the address), and whether to give up.</summary>
    public static (string Code, bool Permanent)? Failure(Exception e) => e switch
    {
        SmtpCommandException c => ($"smtp-{(int)c.StatusCode}",
            (int)c.StatusCode >= 500 && c.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted),
        OperationCanceledException => null, // shutting down: the lease runs out and the sweep sends it after the restart
        _ => (e.GetType().Name, false),
    };
}
