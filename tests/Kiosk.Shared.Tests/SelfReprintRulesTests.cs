using Kiosk.Shared.Contracts;

namespace Kiosk.Shared.Tests;

public sealed class SelfReprintRulesTests
{
    [Theory]
    [InlineData(true, 0, false, true)]
    [InlineData(true, 300, false, true)]     // exactly five minutes
    [InlineData(true, 301, false, false)]
    [InlineData(false, 10, false, false)]    // the event has not switched it on
    [InlineData(true, 10, true, false)]      // once only
    [InlineData(true, -10, false, false)]    // a first print "in the future" (a wall clock put back after a restart) offers nothing
    public void Offers_one_reprint_within_five_minutes_of_the_first_print_when_the_event_allows(bool allowed, int secondsSince, bool alreadyReprinted, bool offered) =>
        Assert.Equal(offered, SelfReprintRules.MayOffer(allowed, TimeSpan.FromSeconds(secondsSince), alreadyReprinted));

    [Fact]
    public void Nothing_is_offered_where_this_kiosk_never_printed_the_badge() =>
        Assert.False(SelfReprintRules.MayOffer(true, null, false));
}
