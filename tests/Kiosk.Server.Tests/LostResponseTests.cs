using System.Net.Http.Json;
using Kiosk.Shared.Contracts;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Tests;

/// <summary>The server commits, the answer is lost on the way back: the device retries with the same id and nothing is counted twice.</summary>
public sealed class LostResponseTests(KioskApp app) : IClassFixture<KioskApp>
{
    [Fact]
    public async Task A_check_in_whose_answer_was_lost_is_answered_the_same_on_retry_and_stored_once()
    {
        var fair = await Fair.OpenAsync(app);
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        await using var proxy = new FaultProxy(app.BaseAddress);
        using var throughProxy = new HttpClient { BaseAddress = proxy.Address };
        throughProxy.DefaultRequestHeaders.Authorization = kiosk.DefaultRequestHeaders.Authorization;
        var anna = await fair.AttendeeAsync("A-1");
        var request = new CheckInRequest(await fair.TokenAsync(anna.Id), null, Guid.NewGuid(), DateTimeOffset.UtcNow);

        proxy.Mode = Fault.DropResponse;
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => throughProxy.PostAsJsonAsync("/api/checkins", request, Json.Options));
        Assert.Equal(1, proxy.DroppedResponses);
        // Committed although the kiosk never heard of it.
        var firstAt = await app.WithDbAsync(db => db.Attendees.Where(a => a.Id == anna.Id).Select(a => a.CheckedInAt).SingleAsync());
        Assert.NotNull(firstAt);

        proxy.Mode = Fault.Pass;
        var retry = await throughProxy.PostAsJsonAsync("/api/checkins", request, Json.Options);
        var answer = await retry.Content.ReadFromJsonAsync<CheckInResponse>(Json.Options);
        Assert.Equal(CheckInOutcome.FirstCheckIn, answer!.Outcome);
        Assert.Equal(1, await app.WithDbAsync(db => db.CheckIns.CountAsync(c => c.AttendeeId == anna.Id)));
    }

    [Fact]
    public async Task A_request_cut_off_mid_body_stores_nothing_and_the_retry_counts_once()
    {
        var fair = await Fair.OpenAsync(app);
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        await using var proxy = new FaultProxy(app.BaseAddress) { CloseAfterBytes = 200 };
        using var throughProxy = new HttpClient { BaseAddress = proxy.Address };
        throughProxy.DefaultRequestHeaders.Authorization = kiosk.DefaultRequestHeaders.Authorization;
        var jürgen = await fair.AttendeeAsync("A-2");
        var request = new CheckInRequest(await fair.TokenAsync(jürgen.Id), null, Guid.NewGuid(), DateTimeOffset.UtcNow);

        proxy.Mode = Fault.CloseAfterBytes;
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => throughProxy.PostAsJsonAsync("/api/checkins", request, Json.Options));
        Assert.Equal(0, await app.WithDbAsync(db => db.CheckIns.CountAsync(c => c.AttendeeId == jürgen.Id)));

        proxy.Mode = Fault.Pass;
        (await throughProxy.PostAsJsonAsync("/api/checkins", request, Json.Options)).EnsureSuccessStatusCode();
        (await throughProxy.PostAsJsonAsync("/api/checkins", request, Json.Options)).EnsureSuccessStatusCode();
        Assert.Equal(1, await app.WithDbAsync(db => db.CheckIns.CountAsync(c => c.AttendeeId == jürgen.Id)));
    }
}
