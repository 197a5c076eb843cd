using Kiosk.Shared.Text;

namespace Kiosk.Shared.Tests;

public class NameSearchTests
{
    [Theory]
    [InlineData("Müller", "Mueller")]
    [InlineData("Müller", "Muller")]
    [InlineData("MÜLLER", "müller")]
    [InlineData("Groß", "Gross")]
    [InlineData("Straßburger", "STRASSBURGER")]
    [InlineData("Jürgen Schäfer-Öztürk", "juergen schaefer oeztuerk")]
    [InlineData("Élodie Lefèvre", "Elodie Lefevre")]
    [InlineData("Łukasz Wójcik", "Lukasz Wojcik")]
    [InlineData("O'Brien", "OBrien")]
    [InlineData("Ömer Yıldırım", "Oemer Yildirim")]
    [InlineData("İlkay Gündoğan", "Ilkay Guendogan")]
    public void Spellings_of_the_same_name_fold_alike(string a, string b)
    {
        Assert.Equal(NameFolding.Fold(a), NameFolding.Fold(b));
    }

    [Fact]
    public void Folding_splits_on_punctuation_and_trims()
    {
        Assert.Equal(["dr", "anna", "maria", "muller"], NameFolding.Words("  Dr. Anna-Maria   Müller "));
        Assert.Empty(NameFolding.Words(" -- "));
    }

    [Theory]
    [InlineData("Müller", "Anna Müller")]
    [InlineData("Mueller", "Anna Müller")]
    [InlineData("anna mul", "Anna Müller")]     // typing in progress
    [InlineData("Müler", "Anna Müller")]        // typo: missing letter
    [InlineData("Mülelr", "Anna Müller")]       // typo: swapped letters
    [InlineData("Schmitd", "Jörg Schmidt")]
    [InlineData("Grossmann", "Heike Großmann")]
    public void Typed_query_matches_the_person(string query, string name)
    {
        Assert.True(NameMatch.Score(NameFolding.Words(query), NameFolding.Words(name)) > 0);
    }

    [Theory]
    [InlineData("Meier", "Anna Müller")]
    [InlineData("Anna Schmidt", "Anna Müller")] // every query word must match
    [InlineData("Mxyz", "Anna Müller")]
    public void Unrelated_query_does_not_match(string query, string name)
    {
        Assert.Equal(0, NameMatch.Score(NameFolding.Words(query), NameFolding.Words(name)));
    }

    [Fact]
    public void Exact_match_ranks_above_prefix_and_prefix_above_typo()
    {
        var q = NameFolding.Words("Müller");
        var exact = NameMatch.Score(q, NameFolding.Words("Anna Müller"));
        var prefix = NameMatch.Score(q, NameFolding.Words("Jan Müllerschön"));
        var typo = NameMatch.Score(q, NameFolding.Words("Eva Möller"));
        Assert.True(exact > prefix && prefix > typo && typo > 0, $"{exact} > {prefix} > {typo}");
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("a", false)]
    [InlineData("ab", false)]
    [InlineData("a b", false)]
    [InlineData("abc", true)]
    [InlineData("ßa", false)]
    [InlineData("Zoe", true)]
    [InlineData("Öz-", false)]
    public void Queries_shorter_than_three_letters_are_refused(string query, bool searchable)
    {
        Assert.Equal(searchable, NameMatch.IsSearchable(query));
    }
}
