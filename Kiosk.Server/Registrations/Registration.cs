using Kiosk.Server.Attendees;
using Kiosk.Server.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiosk.Server.Registrations;

public enum RegistrationState
{
    /// <summary>Submitted; waits for the registrant to follow the link in the mail (deleted after the confirmation window).</summary>
    Pending = 0,

    /// <summary>Confirmed by the registrant; the category needs an organizer's approval before there is a badge.</summary>
    AwaitingApproval = 1,

    /// <summary>Confirmed (and approved where needed): <see cref="Registration.AttendeeId"/> is the attendee with the badge.</summary>
    Confirmed = 2,

    /// <summary>An organizer refused it.</summary>
    Refused = 3,

    /// <summary>The registrant cancelled it on "Meine Anmeldung": the attendee is cancelled, the badge revoked, the seats free.</summary>
    Cancelled = 4,
}

/// <summary>
/// One online sign-up, from the form to the attendee it becomes. It is the record of what the registrant agreed to and
/// when (<see cref="PrivacyAcceptedAt"/>, <see cref="ContactSharingAt"/>). One per e-mail address and event (unique):
/// registering again sends a mail instead of making a second one.
/// </summary>
public sealed class Registration
{
    public Guid Id { get; set; }
    public int EventId { get; set; }
    public int CategoryId { get; set; }
    public RegistrationState State { get; set; }

    public string? Title { get; set; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public string? Organization { get; set; }

    /// <summary>Lower-cased, as attendees' are.</summary>
    public required string Email { get; set; }

    /// <summary>"de" or "en": the language of the form, and of every mail about this registration.</summary>
    public required string Language { get; set; }

    public DateTimeOffset PrivacyAcceptedAt { get; set; }
    public DateTimeOffset? ContactSharingAt { get; set; }

    /// <summary>The master classes chosen on the form: booked (seat or waitlist) in the write that makes the attendee.</summary>
    public List<int> SessionIds { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public int? AttendeeId { get; set; }
}

internal sealed class RegistrationConfiguration : IEntityTypeConfiguration<Registration>
{
    public void Configure(EntityTypeBuilder<Registration> e)
    {
        e.ToTable("Registrations");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Title).HasMaxLength(Attendee.TitleLength);
        e.Property(x => x.FirstName).HasMaxLength(Attendee.NameLength);
        e.Property(x => x.LastName).HasMaxLength(Attendee.NameLength);
        e.Property(x => x.Organization).HasMaxLength(Attendee.OrganizationLength);
        e.Property(x => x.Email).HasMaxLength(254);
        e.Property(x => x.Language).HasMaxLength(2);
        e.HasIndex(x => new { x.EventId, x.Email }).IsUnique();
        e.HasIndex(x => new { x.State, x.CreatedAt });
        e.HasIndex(x => x.AttendeeId);
        e.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<RegistrationCategory>().WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}
