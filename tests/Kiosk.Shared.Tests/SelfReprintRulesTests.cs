using Kiosk.Shared.Contracts;

namespace Kiosk.Shared.Tests;

public sealed class SelfReprintRulesTests
{
    private static readonly DateTimeOffset Printed = new(2026, 11, 24, 8, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(true, 0, false, true)]
    [InlineData(true, 300, false, true)]     // exactly five minutes
    [InlineData(true, 301, false, false)]
    [InlineData(false, 10, false, false)]    // the event has not switched it on
    [InlineData(true, 10, true, false)]      // once only
    [InlineData(true, -10, false, false)]    // a clock that went backwards offers nothing
    public void Offers_one_reprint_within_five_minutes_of_the_first_print_when_the_event_allows(bool allowed, int secondsLater, bool alreadyReprinted, bool offered) =>
        Assert.Equal(offered, SelfReprintRules.MayOffer(allowed, Printed, alreadyReprinted, Printed.AddSeconds(secondsLater)));

    [Fact]
    public void Nothing_is_offered_where_this_kiosk_never_printed_the_badge() =>
        Assert.False(SelfReprintRules.MayOffer(true, null, false, Printed));
}
