using System.Text.Json;
using Kiosk.Shared.Badges;

namespace Kiosk.Terminal.Offline;

/// <summary>Reads the JSON the terminal keeps in its outbox and print jobs; free of I/O.</summary>
public static class OfflineRecords
{
    /// <summary>
    /// True when the record is about this attendee or badge: a scanned token of the badge, the badge id
    /// (a walk-in), or the attendee id (a check-in after a name search).
    /// </summary>
    public static bool Mentions(string json, int attendeeId, Guid badgeId)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return false;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var name = property.Name;
                var value = property.Value;
                if (name.Equals("token", StringComparison.OrdinalIgnoreCase) && value.ValueKind == JsonValueKind.String
                    && BadgeToken.TryParse(value.GetString(), out var token) && token.Claims.BadgeId == badgeId) return true;
                if (name.Equals("badgeId", StringComparison.OrdinalIgnoreCase) && value.ValueKind == JsonValueKind.String
                    && Guid.TryParse(value.GetString(), out var id) && id == badgeId) return true;
                if (name.Equals("attendeeId", StringComparison.OrdinalIgnoreCase) && value.ValueKind == JsonValueKind.Number
                    && value.TryGetInt32(out var attendee) && attendee == attendeeId) return true;
            }
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
