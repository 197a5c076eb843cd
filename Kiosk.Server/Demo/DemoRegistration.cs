using Kiosk.Server.Data;
using Kiosk.Server.Registrations;
using Kiosk.Shared.Badges;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Demo;

/// <summary>The demo event's online registration (/register/{id}/): open now, three categories, one needing approval.</summary>
public static class DemoRegistration
{
    public static async Task EnsureAsync(KioskDb db, int eventId)
    {
        if (await db.RegistrationForms.AnyAsync(f => f.EventId == eventId)) return;
        db.RegistrationForms.Add(new RegistrationForm
        {
            EventId = eventId,
            PrivacyNotice = "Die Veranstalter verarbeiten Ihre Angaben, um Ihre Teilnahme zu organisieren: Badge, Einlass und Bescheinigungen. " +
                "Sie werden nach der Aufbewahrungsfrist gelöscht.\nSie können jederzeit Auskunft und Löschung verlangen.",
            PrivacyNoticeEn = "The organizers process your details to organise your attendance: badge, admission and certificates. " +
                "They are deleted after the retention period.\nYou may ask for a copy or their deletion at any time.",
            ContactSharingText = "Ausstellende dürfen mich nach einem Gespräch am Stand kontaktieren (freiwillig).",
            ContactSharingTextEn = "Exhibitors may contact me after a talk at their stand (optional).",
        });
        db.RegistrationCategories.AddRange(
            new RegistrationCategory { EventId = eventId, Position = 0, Name = "Öffentliche Verwaltung (kostenfrei)", NameEn = "Public administration (free)", BadgeCategory = AttendeeCategory.Visitor },
            new RegistrationCategory { EventId = eventId, Position = 1, Name = "Wirtschaft und Wissenschaft", NameEn = "Business and research", BadgeCategory = AttendeeCategory.Visitor },
            new RegistrationCategory { EventId = eventId, Position = 2, Name = "Presse", NameEn = "Press", BadgeCategory = AttendeeCategory.Press, NeedsApproval = true, Quota = 40 });
        await db.SaveChangesAsync();
    }
}
