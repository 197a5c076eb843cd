using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kiosk.Shared.Contracts;

/// <summary>The two reasons a recorded scan needs a person to look at it.</summary>
public enum ConflictKind
{
    /// <summary>
    /// Uploaded late: a kiosk decided on its own copy, rightly by what it knew, and the scan reached the server
    /// after the fact: another kiosk had already done the same (<see cref="ScanConflict.PrintedTwice"/>).
    /// </summary>
    UploadedLate,

    /// <summary>
    /// Broke a rule of the door: live, the scan would have been turned away; uploaded late, the person had already
    /// walked in, so it is counted and flagged (<see cref="ScanConflict.NotCheckedIn"/>, <see cref="ScanConflict.NotBooked"/>,
    /// <see cref="ScanConflict.OverCapacity"/>; one scan may break several).
    /// </summary>
    BrokeRule,
}

/// <summary>
/// Why a check-in or a door scan is flagged for staff: a closed set, so the desk's lists, the dashboard's count
/// and the pages know every value there is. In JSON and in the database it is the words the pages translate
/// ("over capacity"); the rules one door scan broke are joined by ", " in the order the door checks them
/// ("not checked in, over capacity"). Null where nothing is flagged.
/// </summary>
[JsonConverter(typeof(ScanConflictJsonConverter))]
public sealed class ScanConflict : IEquatable<ScanConflict>
{
    [Flags]
    private enum Reasons
    {
        NotCheckedIn = 1,
        NotBooked = 2,
        OverCapacity = 4,
        PrintedTwice = 8,
    }

    private const Reasons DoorRules = Reasons.NotCheckedIn | Reasons.NotBooked | Reasons.OverCapacity;

    /// <summary>The words of each reason, in the order they are written.</summary>
    private static readonly (Reasons Reason, string Words)[] Vocabulary =
    [
        (Reasons.NotCheckedIn, "not checked in"),
        (Reasons.NotBooked, "not booked"),
        (Reasons.OverCapacity, "over capacity"),
        (Reasons.PrintedTwice, "printed twice"),
    ];

    private const string Separator = ", ";

    /// <summary>Someone entered a room before checking in at the entrance.</summary>
    public static readonly ScanConflict NotCheckedIn = new(Reasons.NotCheckedIn);

    /// <summary>Someone without a booking entered while the session's seats were for booked attendees.</summary>
    public static readonly ScanConflict NotBooked = new(Reasons.NotBooked);

    /// <summary>Someone entered a full room.</summary>
    public static readonly ScanConflict OverCapacity = new(Reasons.OverCapacity);

    /// <summary>A kiosk printed a badge for someone the server already had checked in: a second badge exists.</summary>
    public static readonly ScanConflict PrintedTwice = new(Reasons.PrintedTwice);

    private readonly Reasons _reasons;

    private ScanConflict(Reasons reasons) => _reasons = reasons;

    public ConflictKind Kind => _reasons == Reasons.PrintedTwice ? ConflictKind.UploadedLate : ConflictKind.BrokeRule;

    /// <summary>True when <paramref name="other"/>'s reasons are all among these (a door scan may break several rules).</summary>
    public bool Includes(ScanConflict other) => (_reasons & other._reasons) == other._reasons;

    /// <summary>Every door rule broken by one scan; null when neither broke one. Only door rules combine.</summary>
    public static ScanConflict? Join(ScanConflict? a, ScanConflict? b)
    {
        if (a is null || b is null) return a ?? b;
        if (a.Kind != ConflictKind.BrokeRule || b.Kind != ConflictKind.BrokeRule)
            throw new ArgumentException("Only the rules of a door combine into one conflict.");
        return new ScanConflict(a._reasons | b._reasons);
    }

    /// <summary>The words as stored and sent, e.g. "not checked in, over capacity".</summary>
    public override string ToString() =>
        string.Join(Separator, Vocabulary.Where(v => _reasons.HasFlag(v.Reason)).Select(v => v.Words));

    /// <summary>Reads what <see cref="ToString"/> wrote; false for anything else (unknown words, another order, a mix of kinds).</summary>
    public static bool TryParse(string? text, out ScanConflict conflict)
    {
        conflict = null!;
        if (string.IsNullOrEmpty(text)) return false;
        Reasons reasons = 0;
        foreach (var words in text.Split(Separator))
        {
            var index = Array.FindIndex(Vocabulary, v => v.Words == words);
            if (index < 0) return false;
            reasons |= Vocabulary[index].Reason;
        }
        if (reasons != Reasons.PrintedTwice && (reasons & ~DoorRules) != 0) return false;
        var read = new ScanConflict(reasons);
        // One spelling per value (no repeats, the fixed order), so stored and sent text also compare as text.
        if (read.ToString() != text) return false;
        conflict = read;
        return true;
    }

    public static ScanConflict Parse(string text) =>
        TryParse(text, out var conflict) ? conflict : throw new FormatException($"\"{text}\" is not a scan conflict.");

    // No == operator: queries test the column with "Conflict != null", which must stay a plain null test.
    public bool Equals(ScanConflict? other) => other is not null && other._reasons == _reasons;
    public override bool Equals(object? obj) => Equals(obj as ScanConflict);
    public override int GetHashCode() => (int)_reasons;
}

/// <summary>Writes and reads a <see cref="ScanConflict"/> as its words; other text is refused, as it is not one of the set.</summary>
public sealed class ScanConflictJsonConverter : JsonConverter<ScanConflict>
{
    public override ScanConflict Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && ScanConflict.TryParse(reader.GetString(), out var conflict)
            ? conflict
            : throw new JsonException("Not a scan conflict.");

    public override void Write(Utf8JsonWriter writer, ScanConflict value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
