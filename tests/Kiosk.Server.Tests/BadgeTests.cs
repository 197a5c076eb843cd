using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Kiosk.Server.Events;
using Kiosk.Testing;
using Kiosk.Shared.Badges;
using Kiosk.Shared.Contracts;

namespace Kiosk.Server.Tests;

public class BadgeTests(KioskApp app) : IClassFixture<KioskApp>
{
    private static async Task<BadgeKeyRing> RingAsync(HttpClient client, int eventId)
    {
        var ring = new BadgeKeyRing();
        foreach (var k in (await client.GetFromJsonAsync<BadgeKeyResponse[]>($"/api/events/{eventId}/badge-keys", Json.Options))!)
            ring.Add(eventId, (ushort)k.KeyId, Convert.FromBase64String(k.PublicKey));
        return ring;
    }

    [Fact]
    public async Task Terminal_verifies_a_badge_offline_with_the_published_keys()
    {
        var fair = await Fair.OpenAsync(app);
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var attendee = await fair.AttendeeAsync("A-1");

        var ring = await RingAsync(kiosk, fair.Event.Id);
        var check = ring.Check(await fair.TokenAsync(attendee.Id), DateTimeOffset.UtcNow, out var token);

        Assert.Equal(BadgeTokenCheck.Valid, check);
        // A new badge: format 2, which leaves the category to the roster.
        Assert.Equal((fair.Event.Id, attendee.Badge!.Id, 1, null, 2), (token.Claims.EventId, token.Claims.BadgeId, token.Claims.BadgeVersion, token.Claims.Category, token.Format));
    }

    [Fact]
    public async Task Rotation_keeps_printed_badges_valid_and_revoking_the_old_key_invalidates_them()
    {
        var fair = await Fair.OpenAsync(app);
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var printed = await fair.TokenAsync("A-2");

        (await fair.Organizer.PostAsync($"/api/events/{fair.Event.Id}/badge-keys", null)).EnsureSuccessStatusCode();
        var reprinted = await fair.TokenAsync("A-2");
        Assert.Equal(BadgeTokenCheck.Valid, (await RingAsync(kiosk, fair.Event.Id)).Check(printed, DateTimeOffset.UtcNow, out var old));
        Assert.Equal(BadgeTokenCheck.Valid, (await RingAsync(kiosk, fair.Event.Id)).Check(reprinted, DateTimeOffset.UtcNow, out var renewed));
        Assert.Equal((1, 2), (old.KeyId, renewed.KeyId));

        (await fair.Organizer.DeleteAsync($"/api/events/{fair.Event.Id}/badge-keys/1")).EnsureSuccessStatusCode();

        Assert.Equal(BadgeTokenCheck.UnknownKey, (await RingAsync(kiosk, fair.Event.Id)).Check(printed, DateTimeOffset.UtcNow, out _));
        var answer = await (await kiosk.PostAsJsonAsync("/api/checkins", new CheckInRequest(printed, null, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options))
            .Content.ReadFromJsonAsync<CheckInResponse>(Json.Options);
        Assert.Equal(CheckInOutcome.Invalid, answer!.Outcome);
    }

    [Fact]
    public async Task The_last_key_cannot_be_revoked()
    {
        var fair = await Fair.OpenAsync(app);
        var response = await fair.Organizer.DeleteAsync($"/api/events/{fair.Event.Id}/badge-keys/1");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Badge_qr_png_decodes_to_a_valid_token()
    {
        var fair = await Fair.OpenAsync(app);
        var attendee = await fair.AttendeeAsync("A-3");
        var png = await fair.Organizer.GetByteArrayAsync($"/api/attendees/{attendee.Id}/badge.png");
        var svg = await fair.Organizer.GetStringAsync($"/api/attendees/{attendee.Id}/badge.svg");
        Assert.StartsWith("<svg", svg.TrimStart().StartsWith("<?xml") ? svg[svg.IndexOf("<svg")..] : svg);

        var file = Path.Combine(Path.GetTempPath(), $"badge-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(file, png);
        var decoded = ZbarImg(file);
        File.Delete(file);

        var ring = await RingAsync(fair.Organizer, fair.Event.Id);
        Assert.Equal(BadgeTokenCheck.Valid, ring.Check(decoded, DateTimeOffset.UtcNow, out var token));
        Assert.Equal(attendee.Badge!.Id, token.Claims.BadgeId);
    }

    /// <summary>Decodes a QR image with zbarimg (Debian zbar-tools, installed by scripts/test.sh).</summary>
    private static string ZbarImg(string file)
    {
        Assert.SkipUnless(File.Exists("/usr/bin/zbarimg") || Environment.GetEnvironmentVariable("CI") == "true", "zbarimg is not installed (scripts/test.sh installs it).");
        using var process = Process.Start(new ProcessStartInfo("zbarimg", ["--raw", "-q", file]) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output.Trim();
    }
}
