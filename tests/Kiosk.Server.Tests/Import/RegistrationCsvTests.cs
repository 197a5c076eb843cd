using System.Text;
using Kiosk.Server.Attendees.Import;
using Kiosk.Shared.Badges;

namespace Kiosk.Server.Tests.Import;

/// <summary>Reading real-world registration exports, without a database.</summary>
public class RegistrationCsvTests
{
    static RegistrationCsvTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static RegistrationFile Read(string text, Encoding? encoding = null, bool bom = false)
    {
        encoding ??= new UTF8Encoding(false);
        var bytes = encoding.GetBytes(text);
        return RegistrationCsv.Read(bom ? [.. encoding.GetPreamble(), .. bytes] : bytes);
    }

    [Fact]
    public void Excel_export_in_windows_1252_with_semicolons_keeps_umlauts_and_sharp_s()
    {
        var file = Read("Vorname;Nachname;Behörde;E-Mail\r\nJürgen;Weiß;Stadt Mülheim an der Ruhr;jw@muelheim.example\r\n", Encoding.GetEncoding(1252));

        var row = Assert.Single(file.Rows);
        Assert.Equal(("Jürgen", "Weiß", "Stadt Mülheim an der Ruhr"), (row.FirstName, row.LastName, row.Organization));
    }

    [Fact]
    public void Utf8_with_bom_and_commas_reads_the_first_header_correctly()
    {
        var file = Read("First name,Last name,Company,Email,Ticket type\nZoë,Öztürk,WAZ,zoe@waz.example,Press pass\n", Encoding.UTF8, bom: true);

        var row = Assert.Single(file.Rows);
        Assert.Equal(("Zoë", "Öztürk", AttendeeCategory.Press), (row.FirstName, row.LastName, row.Category));
    }

    [Fact]
    public void Quoted_fields_may_hold_delimiters_quotes_and_line_breaks_which_become_spaces_and_lines_count_from_the_header()
    {
        var file = Read("Vorname;Nachname;Organisation\n\"Anna\";\"Müller\";\"Stadt Essen;\nAmt für \"\"Digitales\"\"\"\nJan;Schäfer;\nBad;\n");

        Assert.Equal(3, file.Rows.Count);
        Assert.Equal("Stadt Essen; Amt für \"Digitales\"", file.Rows[0].Organization);
        Assert.Equal((2, 4, 5), (file.Rows[0].Line, file.Rows[1].Line, file.Rows[2].Line));
    }

    [Fact]
    public void Pretix_order_export_maps_attendee_name_parts_order_position_and_cancelled_status()
    {
        var file = Read("""
            Order code,Position ID,Status,Email,Attendee name,Attendee name: Title,Attendee name: Given name,Attendee name: Family name,Invoice address name: Given name,Company,Product
            ABC12,1,paid,anna@essen.example,Dr. Anna Müller,Dr.,Anna,Müller,Rechnungs-Anna,Stadt Essen,Fachbesucher
            ABC12,2,canceled,bob@essen.example,Bob Meier,,Bob,Meier,,Stadt Essen,Aussteller-Ticket
            """);

        Assert.Equal(2, file.Rows.Count);
        Assert.Equal(("ABC12-1", "Dr.", "Anna", "Müller", false), (file.Rows[0].ExternalId, file.Rows[0].Title, file.Rows[0].FirstName, file.Rows[0].LastName, file.Rows[0].Cancelled));
        Assert.Equal(("ABC12-2", AttendeeCategory.Exhibitor, true), (file.Rows[1].ExternalId, file.Rows[1].Category, file.Rows[1].Cancelled));
    }

    [Fact]
    public void Eventbrite_attendee_export_takes_the_attendee_number_as_the_id_so_two_people_on_one_order_stay_two_and_not_attending_is_cancelled()
    {
        var file = Read("""
            Order #,Order Date,Attendee #,First Name,Last Name,Email,Ticket Type,Company,Attendee Status
            4711,2026-05-02,90001,Anna,Müller,anna@essen.example,Speaker,Stadt Essen,Attending
            4711,2026-05-02,90002,Bernd,Groß,bernd@essen.example,General Admission,Stadt Essen,Not Attending
            4712,2026-05-03,90003,Çiğdem,Yılmaz,cy@bochum.example,General Admission,Stadt Bochum,Checked In
            """);

        Assert.Empty(file.Rejected);
        Assert.Equal(["90001", "90002", "90003"], file.Rows.Select(r => r.ExternalId));
        Assert.Equal([false, true, false], file.Rows.Select(r => r.Cancelled));
        Assert.Equal((AttendeeCategory.Speaker, "Stadt Essen"), (file.Rows[0].Category, file.Rows[0].Organization));
    }

    [Theory]
    [InlineData("Ticketnummer;Vorname;Nachname;E-Mail;Firma;Ticketkategorie;Status\nX-1;Jürgen;Weiß;jw@gladbeck.example;Stadt Gladbeck;Aussteller;Storniert\n",
        "X-1", AttendeeCategory.Exhibitor, true)] // XING Events, German
    [InlineData("Confirmation Number,First Name,Last Name,Email Address,Company Name,Registration Type,Registration Status\nC77,Zoë,Öztürk,zoe@waz.example,WAZ,Press,Accepted\n",
        "C77", AttendeeCategory.Press, false)] // Cvent
    [InlineData("ID;Vorname;Nachname;E-Mail;Status\nA-9;Sören;Weiß;sw@essen.example;Abgesagt\n", "A-9", AttendeeCategory.Visitor, true)] // plain Excel
    public void Exports_of_other_systems_map_their_id_category_and_status(string csv, string id, AttendeeCategory category, bool cancelled)
    {
        var row = Assert.Single(Read(csv).Rows);
        Assert.Equal((id, category, cancelled), (row.ExternalId, row.Category, row.Cancelled));
    }

    [Fact]
    public void A_status_word_the_import_does_not_know_refuses_the_row_instead_of_registering_it()
    {
        var file = Read("ID;Vorname;Nachname;Status\nA-1;Anna;Müller;Warteliste\nA-2;Jan;Schäfer;bezahlt\n");

        Assert.Equal("A-2", Assert.Single(file.Rows).ExternalId);
        var rejected = Assert.Single(file.Rejected);
        Assert.Equal((2, "status-unknown", "Warteliste"), (rejected.Line, rejected.Code, rejected.Value));
    }

    [Fact]
    public void A_single_name_column_is_split_into_title_first_and_last_name()
    {
        var row = Assert.Single(Read("Name;E-Mail\nProf. Dr. Anna Maria Müller-Lüdenscheidt;a@b.example\n").Rows);
        Assert.Equal(("Prof. Dr.", "Anna Maria", "Müller-Lüdenscheidt"), (row.Title, row.FirstName, row.LastName));
    }

    [Theory]
    [InlineData("Vorname;Nachname;E-Mail\nAnna;;\n", "Name is missing", "name-missing", null)]
    [InlineData("Vorname;Nachname;E-Mail\nAnna;Müller;not-an-address\n", "not an e-mail address", "email-invalid", "not-an-address")]
    [InlineData("Vorname;Nachname;E-Mail\nAnna;Müller;\"open\n", "not closed", "quote-open", null)]
    public void Bad_rows_are_rejected_with_line_reason_and_a_code_the_pages_translate(string csv, string reason, string code, string? value)
    {
        var file = Read(csv.Replace("Anna;;", ";;"));
        var rejected = Assert.Single(file.Rejected);
        Assert.Equal((2, code, value), (rejected.Line, rejected.Code, rejected.Value));
        Assert.Contains(reason, rejected.Reason);
        Assert.Empty(file.Rows);
    }

    [Fact]
    public void File_without_a_name_column_is_refused_whole_with_what_was_found()
    {
        var file = Read("Telefon;Stadt\n0201;Essen\n");
        Assert.NotNull(file.Error);
        Assert.Contains("Telefon", file.Error);
    }

    [Fact]
    public void Names_are_tidied_and_measured_by_the_rules_of_every_place_that_takes_names()
    {
        var padded = string.Join("  ", Enumerable.Repeat("Weiß", 20)); // 99 characters once its double spaces are one
        var file = Read($"Titel;Vorname;Nachname;Organisation\nProf.  Dr.;Anna\u00A0 Maria;{padded};Stadt   Essen\n;;Sukarno;\n;Anna;{new string('ä', 101)};\n");

        Assert.Equal(2, file.Rows.Count);
        Assert.Equal(("Prof. Dr.", "Anna Maria", string.Join(' ', Enumerable.Repeat("Weiß", 20)), "Stadt Essen"),
            (file.Rows[0].Title, file.Rows[0].FirstName, file.Rows[0].LastName, file.Rows[0].Organization));
        Assert.Equal(("", "Sukarno"), (file.Rows[1].FirstName, file.Rows[1].LastName));
        var rejected = Assert.Single(file.Rejected);
        Assert.Equal((4, "name-too-long", "100"), (rejected.Line, rejected.Code, rejected.Value));
    }

    [Theory]
    [InlineData("Titel;Vorname;Nachname\n{0};Anna;Müller\n", 51, "title-too-long", "50")]
    [InlineData("Vorname;Nachname;Organisation\nAnna;Müller;{0}\n", 201, "organization-too-long", "200")]
    [InlineData("Vorname;Nachname\n{0};Müller\n", 101, "name-too-long", "100")]
    public void Overlong_parts_are_rejected_with_the_codes_the_pages_translate(string csv, int length, string code, string value)
    {
        var rejected = Assert.Single(Read(string.Format(csv, new string('x', length))).Rejected);
        Assert.Equal((code, value), (rejected.Code, rejected.Value));
    }

    [Fact]
    public void Control_characters_in_names_do_not_reach_the_badge()
    {
        var row = Assert.Single(Read("Vorname;Nachname\nAn\u0000na;Mül\tler\n").Rows);
        Assert.DoesNotContain(row.FirstName + row.LastName, char.IsControl);
    }
}
