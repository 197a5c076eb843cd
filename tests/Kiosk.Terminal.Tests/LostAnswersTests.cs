using Kiosk.Shared.Contracts;
using Kiosk.Terminal.Offline;

namespace Kiosk.Terminal.Tests;

/// <summary>When the kiosk decides the server's database lost what it answered, and from where it sends again.</summary>
public sealed class LostAnswersTests
{
    private static readonly Guid Database = Guid.NewGuid();

    private static HeartbeatAnswer Beat(long? mark, Guid? generation = null) => new(0, DateTimeOffset.UtcNow, generation ?? Database, mark);

    [Fact]
    public void A_server_that_holds_every_answer_gets_nothing_again() =>
        Assert.Null(LostAnswers.ResendFrom(answeredUpTo: 40, Database, Beat(mark: 40)));

    [Fact]
    public void A_mark_behind_the_answers_sends_everything_after_it_again() =>
        Assert.Equal(31, LostAnswers.ResendFrom(answeredUpTo: 40, Database, Beat(mark: 30)));

    [Fact]
    public void A_database_of_another_generation_gets_every_kept_answer_again() =>
        Assert.Equal(1, LostAnswers.ResendFrom(answeredUpTo: 40, Database, Beat(mark: 40, Guid.NewGuid())));

    [Fact]
    public void The_first_generation_seen_is_taken_as_it_is() =>
        Assert.Null(LostAnswers.ResendFrom(answeredUpTo: 40, Guid.Empty, Beat(mark: 40)));

    [Fact]
    public void A_server_that_keeps_no_marks_or_a_kiosk_never_answered_sends_nothing_again()
    {
        Assert.Null(LostAnswers.ResendFrom(answeredUpTo: 40, Database, Beat(mark: null)));
        Assert.Null(LostAnswers.ResendFrom(answeredUpTo: 0, Database, Beat(mark: 0)));
    }
}
