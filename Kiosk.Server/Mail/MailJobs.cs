using Hangfire;
using Kiosk.Server.Data;
using Kiosk.Server.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kiosk.Server.Mail;

/// <summary>Every minute: mails for new attendees and reissued badges of current events, and due retries.</summary>
internal sealed class ConfirmationMailSchedule : IRecurringWork
{
    public const string JobId = "confirmation-mails";

    public void Register(IRecurringJobManager recurring) =>
        recurring.AddOrUpdate<ConfirmationMails>(JobId, j => j.RunDueAsync(CancellationToken.None), Cron.Minutely());
}

/// <summary>At start, mails still waiting go back into the queue: a queue in memory (SQLite) did not survive the restart.</summary>
internal sealed class ConfirmationMailSweep(IServiceScopeFactory scopes, IOptions<MailOptions> options, TimeProvider time) : IStartupSweep
{
    public async Task SweepAsync(IBackgroundJobClient jobs, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KioskDb>();
        var waiting = await db.ConfirmationMails.AsNoTracking().Where(m => m.Status == ConfirmationMailStatus.Waiting)
            .Select(m => new { m.Id, m.NextAttemptAt }).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var mail in waiting)
        {
            if (mail.NextAttemptAt <= now) jobs.Enqueue<ConfirmationMails>(j => j.SendAsync(mail.Id, CancellationToken.None));
            else jobs.Schedule<ConfirmationMails>(j => j.SendAsync(mail.Id, CancellationToken.None), mail.NextAttemptAt + ConfirmationMails.ScheduleSlack);
        }
    }
}
