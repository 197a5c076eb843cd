using CsCheck;
using Kiosk.Shared.Badges;
using Kiosk.Shared.Printing;
using Kiosk.Shared.Text;

namespace Kiosk.Shared.Tests.Fuzz;

/// <summary>Names come from imports and walk-in forms: any text must lay out, encode and search without a crash.</summary>
public sealed class BadgePrintFuzzTests
{
    private static Gen<string> Field(int max) => Gen.OneOf(Gen.String, Gen.Char.Array[0, max].Select(c => new string(c)));

    private static readonly Gen<BadgePrint> Badges =
        Gen.Select(Field(50), Field(100), Field(100), Field(200), Gen.Enum<AttendeeCategory>(), Field(200))
            .Select((title, first, last, org, category, evt) => new BadgePrint(title, first, last, org, category, evt, "KB0123456789ABCDEF", "de"));

    [Fact]
    public void Any_names_within_the_stored_lengths_encode_to_a_badge_of_at_most_two_kilobytes() =>
        Badges.Sample(badge =>
        {
            var bytes = BadgeEscPos.Encode(BadgeLayout.For(badge));
            _ = BadgeSvg.Render(BadgeLayout.For(badge));
            return bytes.Length is > 0 and <= 4096;
        }, iter: 2_000);

    [Fact]
    public void Name_folding_and_matching_accept_any_text() =>
        Gen.Select(Gen.String, Gen.String).Sample((query, name) =>
        {
            _ = NameMatch.Score(NameFolding.Words(query), NameFolding.Words(name));
            _ = NameMatch.IsSearchable(query);
            // Only ASCII letters and digits reach the index and the database query.
            return NameFolding.Words(query).All(w => w.Length > 0 && w.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9'));
        }, iter: 20_000);
}
