using Kiosk.Server.Mail;

namespace Kiosk.Server.Tests.Mail;

public sealed class MailRetryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly MailOptions Options = new() { MaxAttempts = 8, FirstRetrySeconds = 60 };

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(7, 60)] // capped at an hour
    public void Transient_failures_wait_twice_as_long_each_time(int attempts, int minutes)
    {
        var (status, next) = MailRetry.AfterFailure(attempts, permanent: false, Options, Now);
        Assert.Equal(ConfirmationMailStatus.Waiting, status);
        Assert.Equal(Now.AddMinutes(minutes), next);
    }

    [Fact]
    public void The_last_attempt_gives_up() =>
        Assert.Equal(ConfirmationMailStatus.Failed, MailRetry.AfterFailure(8, permanent: false, Options, Now).Status);

    [Fact]
    public void A_permanent_refusal_gives_up_at_once() =>
        Assert.Equal(ConfirmationMailStatus.Failed, MailRetry.AfterFailure(1, permanent: true, Options, Now).Status);
}
