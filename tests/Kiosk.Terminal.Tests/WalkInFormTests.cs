using Kiosk.Terminal.Scanning;

namespace Kiosk.Terminal.Tests;

/// <summary>The kiosk's walk-in form follows the name rules of every other place that takes names.</summary>
public sealed class WalkInFormTests
{
    private static Dictionary<string, string[]> Check(string? first, string? last, string? title = null, string? org = null, string? email = null, bool consent = true) =>
        WalkIns.Check(new WalkInForm(title, first, last, org, email, consent, "de"));

    [Theory]
    [InlineData("Käthe", "Nußbaum")]
    [InlineData("Jean-Luc", "D’Alessandro")]
    [InlineData("Åsa", "O'Brien-Großmann")]
    [InlineData("", "Sukarno")]            // a single name is a last name
    [InlineData(null, "Sukarno")]
    [InlineData(" Anna  Maria ", " von  der Heydt ")]
    public void Names_of_every_shape_are_taken(string? first, string? last) => Assert.Empty(Check(first, last));

    [Theory]
    [InlineData("Anna", "", "lastName", "required")]
    [InlineData("Anna", "\u00A0 ", "lastName", "required")]
    [InlineData("An\tna", "Müller", "firstName", "invalid")]
    [InlineData("Anna", "Mül\u001bler", "lastName", "invalid")]
    public void A_broken_name_rule_marks_its_field(string first, string last, string field, string error) =>
        Assert.Equal([error], Check(first, last)[field]);

    [Fact]
    public void Lengths_are_those_of_the_columns_counted_after_white_space_is_tidied()
    {
        Assert.Empty(Check(new string('ö', 100), "Weiß", org: " " + new string('x', 100) + "   " + new string('x', 99) + " "));
        Assert.Equal(["invalid"], Check(new string('ö', 101), "Weiß")["firstName"]);
        Assert.Equal(["invalid"], Check("Anna", "Weiß", title: new string('D', 51))["title"]);
        Assert.Equal(["invalid"], Check("Anna", "Weiß", org: new string('x', 201))["organization"]);
    }

    [Fact]
    public void Consent_and_the_e_mail_address_are_checked_too()
    {
        Assert.Equal(["required"], Check("Anna", "Weiß", consent: false)["consent"]);
        Assert.Equal(["invalid"], Check("Anna", "Weiß", email: "not an address")["email"]);
    }
}
