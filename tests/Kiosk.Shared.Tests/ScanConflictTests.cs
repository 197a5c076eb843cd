using System.Text.Json;
using System.Text.Json.Serialization;
using Kiosk.Shared.Contracts;

namespace Kiosk.Shared.Tests;

public sealed class ScanConflictTests
{
    // What every server so far has stored and sent; the desk page translates these very words.
    public static readonly TheoryData<string, ConflictKind> Stored = new()
    {
        { "printed twice", ConflictKind.UploadedLate },
        { "not checked in", ConflictKind.BrokeRule },
        { "not booked", ConflictKind.BrokeRule },
        { "over capacity", ConflictKind.BrokeRule },
        { "not checked in, not booked", ConflictKind.BrokeRule },
        { "not checked in, over capacity", ConflictKind.BrokeRule },
        { "not booked, over capacity", ConflictKind.BrokeRule },
        { "not checked in, not booked, over capacity", ConflictKind.BrokeRule },
    };

    // The options the server, the terminal and the tests use: a string-enum converter must not take the set over.
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Theory]
    [MemberData(nameof(Stored))]
    public void Every_stored_value_reads_back_with_its_kind_and_writes_the_same_words(string text, ConflictKind kind)
    {
        var conflict = ScanConflict.Parse(text);
        Assert.Equal((text, kind), (conflict.ToString(), conflict.Kind));
        Assert.Equal($"\"{text}\"", JsonSerializer.Serialize(conflict, Web));
        Assert.Equal(conflict, JsonSerializer.Deserialize<ScanConflict>($"\"{text}\"", Web));
    }

    [Fact]
    public void A_door_scan_answer_is_byte_for_byte_what_it_was_with_a_text_conflict()
    {
        var room = new RoomOccupancy(3, "Masterclass Ruhr", "MasterClass", 40, 41, 7);
        var id = Guid.Parse("0b5e3c7a-1d2f-4e6a-9b8c-7d6e5f4a3b2c");
        var answer = new PresenceResponse(id, PresenceDecision.Admitted, room, ScanConflict.Join(ScanConflict.NotCheckedIn, ScanConflict.OverCapacity), null);
        var before = new { ClientScanId = id, Decision = "Admitted", Room = room, Conflict = "not checked in, over capacity", Attendee = (AttendeeSummary?)null };

        Assert.Equal(JsonSerializer.Serialize(before, Web), JsonSerializer.Serialize(answer, Web));
        Assert.Contains("\"conflict\":null", JsonSerializer.Serialize(answer with { Conflict = null }, Web));
        Assert.Null(JsonSerializer.Deserialize<PresenceResponse>(JsonSerializer.Serialize(answer with { Conflict = null }, Web), Web)!.Conflict);
    }

    [Fact]
    public void Rules_join_in_the_order_the_door_checks_them_whatever_the_order_they_are_joined()
    {
        var joined = ScanConflict.Join(ScanConflict.Join(ScanConflict.OverCapacity, ScanConflict.NotCheckedIn), ScanConflict.NotBooked)!;

        Assert.Equal("not checked in, not booked, over capacity", joined.ToString());
        Assert.True(joined.Includes(ScanConflict.NotBooked));
        Assert.False(ScanConflict.NotBooked.Includes(joined));
        Assert.Same(ScanConflict.NotBooked, ScanConflict.Join(null, ScanConflict.NotBooked));
        Assert.Null(ScanConflict.Join(null, null));
    }

    [Fact]
    public void A_second_badge_does_not_combine_with_door_rules() =>
        Assert.Throws<ArgumentException>(() => ScanConflict.Join(ScanConflict.PrintedTwice, ScanConflict.OverCapacity));

    [Theory]
    [InlineData("")]
    [InlineData("full")]
    [InlineData("Over capacity")]
    [InlineData("over capacity, not checked in")]   // not the order the server writes
    [InlineData("over capacity,not booked")]
    [InlineData("not booked, not booked")]
    [InlineData("printed twice, over capacity")]
    [InlineData(" over capacity")]
    public void Anything_outside_the_set_is_refused(string text)
    {
        Assert.False(ScanConflict.TryParse(text, out _));
        Assert.Throws<FormatException>(() => ScanConflict.Parse(text));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ScanConflict>(JsonSerializer.Serialize(text), Web));
    }
}
