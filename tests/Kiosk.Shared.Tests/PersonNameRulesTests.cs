using Kiosk.Shared.Text;

namespace Kiosk.Shared.Tests;

public sealed class PersonNameRulesTests
{
    [Theory]
    [InlineData("Müller-Lüdenscheidt")]
    [InlineData("Groß")]
    [InlineData("O'Brien")]
    [InlineData("D’Alessandro")]          // typographic apostrophe
    [InlineData("von der Heydt")]
    [InlineData("Zoë Öztürk")]
    [InlineData("Łukasz Żółć")]
    [InlineData("Ἀριστοτέλης")]
    [InlineData("Nguyễn")]
    [InlineData("Ægidius Ørsted")]
    [InlineData("Åsa-Lena Strauß")]
    [InlineData("Dr.-Ing. habil.")]
    public void Names_are_never_refused_for_their_letters(string name)
    {
        foreach (var part in Enum.GetValues<PersonNamePart>())
            Assert.Null(PersonNameRules.Check(part, name));
        Assert.Equal(name, PersonNameRules.Normalise(name));
    }

    [Theory]
    [InlineData("  Anna  ", "Anna")]
    [InlineData("Anna   Maria", "Anna Maria")]
    [InlineData("Anna\u00A0Maria", "Anna Maria")]       // no-break space
    [InlineData("Anna\u2028Maria", "Anna Maria")]       // line separator: white space, not a line on the badge
    [InlineData("\u2003Anna\u3000", "Anna")]            // em space, ideographic space
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void White_space_is_trimmed_and_every_run_of_it_is_one_space(string? typed, string? stored) =>
        Assert.Equal(stored, PersonNameRules.Normalise(typed));

    [Theory]
    [InlineData(PersonNamePart.LastName, null, "name-missing", null)]
    [InlineData(PersonNamePart.LastName, " \u00A0 ", "name-missing", null)]
    [InlineData(PersonNamePart.FirstName, null, null, null)]              // a single name is a last name
    [InlineData(PersonNamePart.FirstName, "", null, null)]
    [InlineData(PersonNamePart.Title, "", null, null)]
    [InlineData(PersonNamePart.Organization, null, null, null)]
    [InlineData(PersonNamePart.FirstName, "An\tna", "name-characters", null)]
    [InlineData(PersonNamePart.LastName, "Mül\nler", "name-characters", null)]
    [InlineData(PersonNamePart.LastName, "Robert\u001b", "name-characters", null)]
    [InlineData(PersonNamePart.Title, "Dr.\u0000", "title-characters", null)]
    [InlineData(PersonNamePart.Organization, "Stadt\u0085Essen", "organization-characters", null)]
    public void Required_parts_and_control_characters(PersonNamePart part, string? text, string? code, int? max)
    {
        var problem = PersonNameRules.Check(part, text);
        Assert.Equal((code, max), (problem?.Code, problem?.Max));
    }

    [Theory]
    [InlineData(PersonNamePart.Title, 50, "title-too-long")]
    [InlineData(PersonNamePart.FirstName, 100, "name-too-long")]
    [InlineData(PersonNamePart.LastName, 100, "name-too-long")]
    [InlineData(PersonNamePart.Organization, 200, "organization-too-long")]
    public void Each_part_is_as_long_as_its_column_counted_after_white_space_is_tidied(PersonNamePart part, int max, string code)
    {
        Assert.Equal(max, PersonNameRules.MaxLength(part));
        Assert.Null(PersonNameRules.Check(part, new string('ä', max)));
        Assert.Null(PersonNameRules.Check(part, "  " + new string('ä', max - 2).Insert(1, "    ") + "  "));
        Assert.Equal(new PersonNameProblem(part, code, max), PersonNameRules.Check(part, new string('ä', max + 1)));
    }

    [Fact]
    public void A_whole_name_reports_its_first_problem_last_name_first()
    {
        Assert.Equal("name-missing", PersonNameRules.Check(new string('x', 51), "Anna", " ", null)!.Code);
        Assert.Equal("title-too-long", PersonNameRules.Check(new string('x', 51), "Anna", "Müller", null)!.Code);
        Assert.Null(PersonNameRules.Check(null, null, "Sukarno", null));
        Assert.Equal("The last name is required.", PersonNameRules.Check(null, "Anna", null, null)!.Detail);
        Assert.Equal("The organization is longer than 200 characters.", PersonNameRules.Check(null, null, "M", new string('x', 201))!.Detail);
    }

    [Theory]
    [InlineData("Dr.", "Anna", "Müller", "Dr. Anna Müller")]
    [InlineData(null, "Jürgen", "Groß", "Jürgen Groß")]
    [InlineData(null, null, "Sukarno", "Sukarno")]
    [InlineData("Prof.", "", "Weiß", "Prof. Weiß")]
    public void A_name_is_shown_with_the_parts_it_has_and_no_stray_spaces(string? title, string? first, string last, string shown) =>
        Assert.Equal(shown, PersonNameRules.DisplayName(title, first, last));
}
