using System.Net.Http.Json;
using Kiosk.Server.Mail;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Tests.Mail;

public sealed class SqliteMailRestartTests(MailOffKioskApp app) : MailRestartTests<MailOffKioskApp>(app);

public sealed class PostgresMailRestartTests(PostgresMailOffKioskApp app) : MailRestartTests<PostgresMailOffKioskApp>(app);

/// <summary>Mail off records what is owed; after a restart with an SMTP host the start-up sweep delivers it.</summary>
public abstract class MailRestartTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : MailKioskApp
{
    [Fact]
    public async Task Without_a_host_mails_wait_and_after_a_restart_with_one_they_are_sent_once()
    {
        app.RequireEngine();
        var tag = Guid.NewGuid().ToString("N")[..10];
        var fair = await Fair.OpenAsync(app, MailTests<TApp>.Roster(tag));
        var rows = await Eventually.Async(() => app.WithDbAsync(db => db.ConfirmationMails.AsNoTracking().Where(m => m.EventId == fair.Event.Id).ToListAsync()),
            r => r.Count == 3, "three waiting mails");
        Assert.All(rows, r => Assert.Equal((ConfirmationMailStatus.Waiting, 0, null), (r.Status, r.Attempts, r.LastError)));
        var status = await fair.Organizer.GetFromJsonAsync<MailStatusView>($"/api/events/{fair.Event.Id}/mails", Json.Options);
        Assert.Equal((false, 3, 0, 0), (status!.Enabled, status.Waiting, status.Sent, status.Failed));
        Assert.Empty(app.Sink.Messages);

        await app.RestartAsync(MailKioskApp.MailSettings(app.Sink));

        await Eventually.Async(() => app.WithDbAsync(db => db.ConfirmationMails.AsNoTracking().Where(m => m.EventId == fair.Event.Id).ToListAsync()),
            r => r.Count == 3 && r.All(m => m.Status == ConfirmationMailStatus.Sent), "the waiting mails sent after the restart");
        Assert.Equal(3, app.Sink.To(tag).Count);
        Assert.Equal(3, app.Sink.To(tag).SelectMany(m => m.Recipients).Distinct().Count());
    }
}
