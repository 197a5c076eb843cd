using System.Net.Http.Headers;
using Kiosk.Shared.Contracts;
using Microsoft.Extensions.Options;

namespace Kiosk.Terminal.Offline;

/// <summary>
/// The terminal's HTTP line to the server, with its terminal key. Tracks whether the server accepted this
/// terminal recently; nothing a visitor waits for goes through here. A refusal of the key (the server's
/// <see cref="TerminalKeys.RefusedProblemType"/>) is thrown as <see cref="KeyRefusedException"/>.
/// </summary>
public sealed class ServerLink(HttpClient http, Settings settings, IOptions<ServerOptions> options, TimeProvider time)
{
    private long _lastContactTicks;
    private string? _key;

    public Uri BaseAddress => options.Value.Url;

    /// <summary>The server accepted this terminal's key within the last 30 seconds.</summary>
    public bool Online => _lastContactTicks != 0 && time.GetUtcNow().UtcTicks - Interlocked.Read(ref _lastContactTicks) < TimeSpan.FromSeconds(30).Ticks;

    public async Task<string?> KeyAsync() => _key ??= await settings.GetAsync<string>(Settings.TerminalKey);

    /// <summary>
    /// Swaps the one-time code for the terminal key. The kiosk makes the key and keeps it before asking, so when the
    /// answer is lost (the venue's network, a restart) asking again with the same code and key gets the same answer.
    /// A new code (enrolling afresh over an old identity) gets a new proposed key. Null: the server refused the code.
    /// </summary>
    public async Task<EnrolmentAnswer?> EnrolAsync(string code, CancellationToken ct)
    {
        var codeHash = CodeHash(code);
        var proposed = await settings.GetAsync<string>(Settings.ProposedKey);
        var proposedFor = await settings.GetAsync<string>(Settings.ProposedForCode);
        if (proposed is null || (proposedFor is not null && proposedFor != codeHash) || (proposedFor is null && await KeyAsync() is not null))
        {
            proposed = TerminalKeys.New();
            await settings.SetAsync(Settings.ProposedKey, proposed, ct);
        }
        await settings.SetAsync(Settings.ProposedForCode, codeHash, ct);
        using var response = await http.PostAsJsonAsync(new Uri(BaseAddress, "/api/terminals/enrol"), new { code, terminalKey = proposed }, TerminalJson.Options, ct);
        // Only a refusal of the code is an answer; anything else (5xx, rate limit) is asked again later.
        if ((int)response.StatusCode >= 500 || response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
            throw new HttpRequestException($"Enrolment answered {(int)response.StatusCode}.", null, response.StatusCode);
        if (!response.IsSuccessStatusCode) return null;
        var answer = await response.Content.ReadFromJsonAsync<EnrolmentAnswer>(TerminalJson.Options, ct);
        await settings.SetAsync(Settings.TerminalKey, answer!.TerminalKey, ct);
        await settings.SetAsync(Settings.EnrolledWithCode, codeHash, ct);
        _key = answer.TerminalKey;
        Contact();
        return answer;
    }

    /// <summary>What the kiosk keeps of an enrolment code: enough to tell a new code from the one it used.</summary>
    public static string CodeHash(string code) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            new string(code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray()))));

    public Task<HttpResponseMessage> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, ct);

    /// <param name="place">Where the request stands in the outbox, when it is an outbox item (see <see cref="OutboxMarks"/>).</param>
    public Task<HttpResponseMessage> PostAsync<T>(string path, T body, CancellationToken ct, OutboxPlace? place = null) =>
        SendAsync(HttpMethod.Post, path, JsonContent.Create(body, options: TerminalJson.Options), ct, place: place);

    /// <summary>
    /// Posts JSON that is already serialised (an outbox item's body, sent as stored); <paramref name="sentAt"/>
    /// is the "sent" time to report for it (see <see cref="KioskClock.SentAt"/>), <paramref name="place"/> where it
    /// stands in the outbox (see <see cref="OutboxMarks"/>).
    /// </summary>
    public Task<HttpResponseMessage> PostJsonAsync(string path, string json, DateTimeOffset sentAt, CancellationToken ct, OutboxPlace? place = null) =>
        SendAsync(HttpMethod.Post, path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"), ct, sentAt, place);

    public async Task<T> GetFromJsonAsync<T>(string path, CancellationToken ct)
    {
        using var response = await GetAsync(path, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>(TerminalJson.Options, ct))!;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken ct, DateTimeOffset? sentAt = null, OutboxPlace? place = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseAddress, path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await KeyAsync() ?? throw new InvalidOperationException("The terminal is not enrolled."));
        // Lets the server place scan times on its own clock, however far off this PC's clock is.
        request.Headers.Add(Kiosk.Shared.Contracts.DeviceClock.SentAtHeader, (sentAt ?? time.GetUtcNow()).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        place?.AddTo(request.Headers);
        var response = await http.SendAsync(request, ct);
        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized && await IsRefusalAsync(response, ct))
        {
            response.Dispose();
            throw new KeyRefusedException();
        }
        if ((int)response.StatusCode < 500 && response.StatusCode is not (System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden)) Contact();
        return response;
    }

    /// <summary>Our server's own refusal, not a 401 from a proxy or portal on the way.</summary>
    private static async Task<bool> IsRefusalAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ct);
            return problem.ValueKind == System.Text.Json.JsonValueKind.Object && problem.TryGetProperty("type", out var type)
                && type.ValueKind == System.Text.Json.JsonValueKind.String && type.GetString() == TerminalKeys.RefusedProblemType;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException) { return false; }
    }

    private void Contact() => Interlocked.Exchange(ref _lastContactTicks, time.GetUtcNow().UtcTicks);
}

/// <summary>The server no longer accepts this terminal's key (revoked, or it never knew this kiosk).</summary>
public sealed class KeyRefusedException() : Exception("The server refused this terminal's key.");

public sealed record EnrolmentAnswer(int TerminalId, int EventId, string Name, string TerminalKey);
