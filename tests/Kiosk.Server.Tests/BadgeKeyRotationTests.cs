using System.Net;
using System.Net.Http.Json;
using Kiosk.Server.Events;
using Kiosk.Testing;

namespace Kiosk.Server.Tests;

public sealed class SqliteBadgeKeyRotationTests(KioskApp app) : BadgeKeyRotationTests<KioskApp>(app);

/// <summary>PostgreSQL runs the rotations truly at once, so they race for the same next key id.</summary>
public sealed class PostgresBadgeKeyRotationTests(PostgresKioskApp app) : BadgeKeyRotationTests<PostgresKioskApp>(app);

public sealed class SqlServerBadgeKeyRotationTests(SqlServerKioskApp app) : BadgeKeyRotationTests<SqlServerKioskApp>(app);

/// <summary>Organizers rotating the badge key at the same moment: every rotation gets its own key id, none fails.</summary>
public abstract class BadgeKeyRotationTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : KioskApp
{
    [Fact]
    public async Task Twelve_rotations_at_once_each_get_their_own_key()
    {
        app.RequireEngine();
        var fair = await Fair.OpenAsync(app);
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => fair.Organizer.PostAsync($"/api/events/{fair.Event.Id}/badge-keys", null)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var ids = new List<int>();
        foreach (var a in answers) ids.Add((await a.Content.ReadFromJsonAsync<BadgeKeyResponse>(Json.Options))!.KeyId);
        // The event's first key is 1; the twelve new ones are 2 to 13, each once.
        Assert.Equal(Enumerable.Range(2, 12), ids.Order());
        var listed = await fair.Organizer.GetFromJsonAsync<BadgeKeyResponse[]>($"/api/events/{fair.Event.Id}/badge-keys", Json.Options);
        Assert.Equal(Enumerable.Range(1, 13), listed!.Select(k => k.KeyId));
    }
}
