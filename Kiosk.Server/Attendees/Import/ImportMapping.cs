using Kiosk.Server.Data;
using Kiosk.Server.Events;
using Kiosk.Shared.Badges;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiosk.Server.Attendees.Import;

public enum ImportChoiceKind
{
    /// <summary>A column header and the field it holds (<see cref="ImportChoice.Value"/>: a <see cref="RegistrationField"/>, null: ignored).</summary>
    Column = 0,

    /// <summary>A category word of the organizer's system and the badge category it means (<see cref="ImportChoice.Value"/>: an <see cref="AttendeeCategory"/>).</summary>
    CategoryWord = 1,
}

/// <summary>
/// One choice an organizer made in an import's preview, kept per event: every later import of that event (the direct
/// route and the background job alike) reads its files with it. <see cref="Key"/> is the header or word folded
/// (case, accents and spacing aside), so "E-Mail" and "e mail" are one column; <see cref="Text"/> is as it was written.
/// </summary>
public sealed class ImportChoice
{
    public const int MaxText = 200;

    public int EventId { get; set; }
    public ImportChoiceKind Kind { get; set; }
    public required string Key { get; set; }
    public required string Text { get; set; }
    public int? Value { get; set; }
}

internal sealed class ImportChoiceConfiguration : IEntityTypeConfiguration<ImportChoice>
{
    public void Configure(EntityTypeBuilder<ImportChoice> e)
    {
        e.ToTable("ImportChoices");
        e.HasKey(x => new { x.EventId, x.Kind, x.Key });
        e.Property(x => x.Key).HasMaxLength(ImportChoice.MaxText);
        e.Property(x => x.Text).HasMaxLength(ImportChoice.MaxText);
        e.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>How an event's files are read: the organizer's column and category choices over the recognised headers and words.</summary>
public sealed record ImportMapping(IReadOnlyDictionary<string, RegistrationField?> Columns, IReadOnlyDictionary<string, AttendeeCategory> Categories)
{
    public static readonly ImportMapping None = new(new Dictionary<string, RegistrationField?>(), new Dictionary<string, AttendeeCategory>());

    /// <summary>The field a header holds: the organizer's choice, else what the header is recognised as (null: ignored).</summary>
    public RegistrationField? Field(string header) =>
        Columns.TryGetValue(RegistrationColumns.Key(header), out var chosen) ? chosen : RegistrationColumns.Recognise(header);

    /// <summary>The category a word means: the organizer's choice, else the word's recognised meaning; null for a word nobody knows (read as a visitor).</summary>
    public AttendeeCategory? Category(string? word) =>
        word is not null && Categories.TryGetValue(RegistrationColumns.Key(word), out var chosen) ? chosen : RegistrationColumns.KnownCategory(word);

    public static async Task<ImportMapping> LoadAsync(KioskDb db, int eventId, CancellationToken ct)
    {
        var choices = await db.ImportChoices.AsNoTracking().Where(c => c.EventId == eventId).ToListAsync(ct);
        return new(
            choices.Where(c => c.Kind == ImportChoiceKind.Column).ToDictionary(c => c.Key, c => (RegistrationField?)c.Value),
            choices.Where(c => c.Kind == ImportChoiceKind.CategoryWord && c.Value is not null).ToDictionary(c => c.Key, c => (AttendeeCategory)c.Value!.Value));
    }
}
