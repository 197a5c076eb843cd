using Kiosk.Server.ApiDocs;
using Kiosk.Server.Auth;
using Kiosk.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Kiosk.Server.Certificates;

public sealed record CertificateList(int SessionId, string Title, string Room, double MinimumShare, int MinutesRequired, IReadOnlyList<CertificateHolder> Eligible);

public sealed record CertificateHolder(int AttendeeId, string Name, string? Organization, int MinutesPresent);

/// <summary>Attendance confirmations of a session, for organizers to print.</summary>
public static class CertificateEndpoints
{
    private const string Html = "text/html; charset=utf-8";

    public static void MapCertificateEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapFeature("/api/sessions/{sessionId:int}", "Certificates").RequireAuthorization(Policies.Organizer);

        group.MapGet("/certificates", async Task<Results<Ok<CertificateList>, ProblemHttpResult>> (int sessionId, KioskDb db, IOptions<CertificateOptions> options, CancellationToken ct) =>
        {
            if (await SessionCertificates.LoadAsync(db, sessionId, options.Value.MinimumShare, ct) is not { } s) return Problems.NotFound("Session");
            var required = (int)Math.Ceiling((s.EndsAt - s.StartsAt).TotalMinutes * s.MinimumShare);
            return TypedResults.Ok(new CertificateList(s.SessionId, s.Title, s.Room, s.MinimumShare, required,
                s.Eligible.Select(a => new CertificateHolder(a.AttendeeId, a.DisplayName, a.Organization, a.MinutesPresent)).ToList()));
        }).WithName("ListCertificates").WithSummary("Who earned an attendance certificate of the session")
            .WithDescription("Attendees present for at least `Certificates:MinimumShare` of the session, with whole minutes present.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        group.MapGet("/certificates.html", async Task<Results<ContentHttpResult, ProblemHttpResult>> (int sessionId, KioskDb db, IOptions<CertificateOptions> options, HttpResponse response, CancellationToken ct) =>
        {
            if (await SessionCertificates.LoadAsync(db, sessionId, options.Value.MinimumShare, ct) is not { } s) return Problems.NotFound("Session");
            response.Headers.ContentSecurityPolicy = CertificatePage.ContentSecurityPolicy;
            return TypedResults.Content(CertificatePage.Render(s, s.Eligible), Html);
        }).WithName("PrintCertificates").WithSummary("Printable certificates of every eligible attendee, one A4 page each")
            .ProducesFile("text/html").ProducesProblems(StatusCodes.Status404NotFound);

        group.MapGet("/certificates/{attendeeId:int}", async Task<Results<ContentHttpResult, ProblemHttpResult>> (int sessionId, int attendeeId, KioskDb db, IOptions<CertificateOptions> options, HttpResponse response, CancellationToken ct) =>
        {
            if (await SessionCertificates.LoadAsync(db, sessionId, options.Value.MinimumShare, ct) is not { } s) return Problems.NotFound("Session");
            var holder = s.Eligible.FirstOrDefault(a => a.AttendeeId == attendeeId);
            response.Headers.ContentSecurityPolicy = CertificatePage.ContentSecurityPolicy;
            // Not present long enough (or never there) reads the same as an unknown attendee: there is no such certificate.
            return holder is null ? Problems.NotFound("Certificate") : TypedResults.Content(CertificatePage.Render(s, [holder]), Html);
        }).WithName("PrintCertificate").WithSummary("One attendee's printable A4 attendance certificate")
            .ProducesFile("text/html")
            .Refuses(StatusCodes.Status404NotFound, "`/problems/not-found`: no such session, or the attendee was not present long enough (or never there).");
    }
}
