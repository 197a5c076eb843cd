using System.Net;
using Kiosk.Server.Events;
using Kiosk.Server.Mail;
using MimeKit;

namespace Kiosk.Server.Registrations;

/// <summary>The seat a <see cref="RegistrationMailKind.SeatOffered"/> mail offers, and until when.</summary>
public sealed record SeatOfferLetter(string Session, string Room, DateTimeOffset StartsAt, DateTimeOffset ExpiresAt);

/// <summary>The registration mails, in the registrant's language: plain text and HTML, a link and nothing loaded from elsewhere.</summary>
public static class RegistrationLetter
{
    public static MimeMessage Write(RegistrationMailKind kind, Event evt, string displayName, string address, string language, string? link,
        int confirmHours, MailOptions options, string messageId, SeatOfferLetter? offer = null, string? myRegistration = null)
    {
        var en = language == "en";
        var (dateDe, dateEn) = ConfirmationLetter.Dates(evt);
        string At(DateTimeOffset at) => RegistrationPage.Local(evt, at, language);
        var (subject, lines, button) = (kind, en) switch
        {
            (RegistrationMailKind.SeatOffered, false) => ($"Ein Platz ist frei: {offer!.Session}",
                new[] { $"Guten Tag {displayName},", $"in „{offer.Session}“ ({At(offer.StartsAt)}, {offer.Room}) bei {evt.Name} ist ein Platz frei geworden, und Sie stehen auf der Warteliste vorn. Der Platz ist bis {At(offer.ExpiresAt)} für Sie reserviert:",
                    "Wenn Sie ihn bis dahin nicht annehmen, geht er an die nächste Person auf der Warteliste. Unter dem Link können Sie ihn auch freigeben." }, "Platz annehmen"),
            (RegistrationMailKind.SeatOffered, true) => ($"A seat is free: {offer!.Session}",
                new[] { $"Hello {displayName},", $"a seat has become free in “{offer.Session}” ({At(offer.StartsAt)}, {offer.Room}) at {evt.Name}, and you are first on the waitlist. The seat is held for you until {At(offer.ExpiresAt)}:",
                    "If you do not take it by then, it goes to the next person on the waitlist. You can also give it up with the link." }, "Take the seat"),
            (RegistrationMailKind.ConfirmLink, false) => ($"Bitte bestätigen Sie Ihre Anmeldung: {evt.Name}",
                new[] { $"Guten Tag {displayName},", $"Sie haben sich für {evt.Name} ({dateDe}) angemeldet. Bitte bestätigen Sie die Anmeldung mit diesem Link (gültig {confirmHours} Stunden):",
                    "Erst nach der Bestätigung sind Sie angemeldet; Ihr Badge mit QR-Code kommt dann per E-Mail.",
                    "Wenn Sie sich nicht angemeldet haben, ignorieren Sie diese E-Mail: ohne Bestätigung wird die Anmeldung gelöscht." }, "Anmeldung bestätigen"),
            (RegistrationMailKind.ConfirmLink, true) => ($"Please confirm your registration: {evt.Name}",
                new[] { $"Hello {displayName},", $"you registered for {evt.Name} ({dateEn}). Please confirm your registration with this link (valid for {confirmHours} hours):",
                    "You are registered only once you have confirmed; your badge with its QR code then comes by e-mail.",
                    "If you did not register, ignore this e-mail: without confirmation the registration is deleted." }, "Confirm registration"),
            (RegistrationMailKind.Refused, false) => ($"Ihre Anmeldung: {evt.Name}",
                new[] { $"Guten Tag {displayName},", $"vielen Dank für Ihre Anmeldung zu {evt.Name} ({dateDe}). Leider können die Veranstalter sie in der gewählten Teilnahmeart nicht bestätigen.",
                    "Ihre Angaben aus dieser Anmeldung werden mit der Löschfrist der Veranstaltung gelöscht. Bei Fragen wenden Sie sich bitte an die Veranstalter." }, ""),
            (RegistrationMailKind.Refused, true) => ($"Your registration: {evt.Name}",
                new[] { $"Hello {displayName},", $"thank you for registering for {evt.Name} ({dateEn}). Unfortunately the organizers cannot confirm it in the category you chose.",
                    "The details of this registration are deleted with the event's retention period. If you have questions, please contact the organizers." }, ""),
            (RegistrationMailKind.MyLink, false) => ($"Ihr Link zu „Meine Anmeldung“: {evt.Name}",
                new[] { $"Guten Tag {displayName},", $"hier ist Ihr persönlicher Link zu Ihrer Anmeldung für {evt.Name} ({dateDe}). Dort finden Sie Ihren Badge-QR-Code und Ihre Masterclasses, und Sie können die Schreibweise Ihres Namens korrigieren:",
                    "Geben Sie den Link nicht weiter: Er öffnet Ihre Anmeldung ohne Passwort. Wenn Sie ihn nicht angefordert haben, können Sie diese E-Mail ignorieren." }, "Meine Anmeldung öffnen"),
            (RegistrationMailKind.MyLink, true) => ($"Your link to “My registration”: {evt.Name}",
                new[] { $"Hello {displayName},", $"here is your personal link to your registration for {evt.Name} ({dateEn}). There you find your badge QR code and your master classes, and you can correct the spelling of your name:",
                    "Do not pass the link on: it opens your registration without a password. If you did not ask for it, you can ignore this e-mail." }, "Open my registration"),
            (_, false) => ($"Sie sind bereits angemeldet: {evt.Name}",
                new[] { $"Guten Tag {displayName},", $"jemand hat Sie soeben noch einmal für {evt.Name} ({dateDe}) angemeldet. Sie sind bereits angemeldet; es ändert sich nichts.",
                    "Ihr Badge mit QR-Code haben Sie per E-Mail erhalten. Wenn Sie sich nicht noch einmal angemeldet haben, können Sie diese E-Mail ignorieren." }, ""),
            (_, true) => ($"You are already registered: {evt.Name}",
                new[] { $"Hello {displayName},", $"someone has just registered you again for {evt.Name} ({dateEn}). You are already registered; nothing changes.",
                    "You received your badge with its QR code by e-mail. If you did not register again, you can ignore this e-mail." }, ""),
        };

        var mine = myRegistration is null ? null : en
            ? "Your registration (badge QR code, master classes, name, cancellation) is on your personal page, which only you should open:"
            : "Ihre Anmeldung (Badge-QR-Code, Masterclasses, Name, Stornierung) finden Sie auf Ihrer persönlichen Seite, die nur Sie öffnen sollten:";
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.FromName, options.From));
        message.To.Add(new MailboxAddress(displayName, address));
        message.Subject = subject;
        message.MessageId = messageId;
        var body = new BodyBuilder();
        var text = lines.ToList();
        if (link is not null) text.Insert(2, link);
        if (mine is not null) text.AddRange([mine, myRegistration!]);
        body.TextBody = string.Join("\n\n", text) + "\n";
        string H(string s) => WebUtility.HtmlEncode(s);
        var html = lines.Select(l => $"<p>{H(l)}</p>").ToList();
        if (link is not null) html.Insert(2, $"<p><a href=\"{H(link)}\" style=\"font-weight: bold;\">{H(button)}</a></p>");
        if (mine is not null) html.Add($"<p>{H(mine)}<br><a href=\"{H(myRegistration!)}\">{H(en ? "My registration" : "Meine Anmeldung")}</a></p>");
        body.HtmlBody = $"""
            <!DOCTYPE html>
            <html lang="{language}"><head><meta charset="utf-8"><title>{H(subject)}</title></head>
            <body style="font-family: sans-serif; color: #1a1a1a;">
            {string.Join("\n", html)}
            </body></html>
            """;
        message.Body = body.ToMessageBody();
        return message;
    }
}
