using Kiosk.Shared.Badges;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiosk.Server.Events;

/// <summary>
/// What the attendees of one category are told at check-in ("Bitte Lanyard ‚Referent' am Counter 2 abholen"): one
/// note per event and category, none when the organizer set none. Travels with the terminal profile.
/// </summary>
public sealed class CategoryHandoutNote
{
    public const int MaxNote = 200;

    public int EventId { get; set; }
    public AttendeeCategory Category { get; set; }
    public required string Note { get; set; }
}

internal sealed class CategoryHandoutNoteConfiguration : IEntityTypeConfiguration<CategoryHandoutNote>
{
    public void Configure(EntityTypeBuilder<CategoryHandoutNote> e)
    {
        e.ToTable("CategoryHandouts");
        e.HasKey(x => new { x.EventId, x.Category });
        e.Property(x => x.Note).HasMaxLength(CategoryHandoutNote.MaxNote);
        e.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
