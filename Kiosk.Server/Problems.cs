using Microsoft.AspNetCore.Http.HttpResults;

namespace Kiosk.Server;

/// <summary>
/// Every error the API gives, as RFC 9457 problem details with a stable "type" per kind of error, so
/// clients branch on the type and show the title and detail to people.
/// </summary>
public static class Problems
{
    public static ProblemHttpResult Make(int status, string slug, string title, string? detail = null, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: $"/problems/{slug}", extensions: extensions);

    public static ProblemHttpResult BadCredentials() =>
        Make(StatusCodes.Status401Unauthorized, "bad-credentials", "Wrong user name or password.");

    public static ProblemHttpResult Invalid(string slug, string detail) =>
        Make(StatusCodes.Status400BadRequest, slug, "The request is not valid.", detail);

    public static ProblemHttpResult NotFound(string what) =>
        Make(StatusCodes.Status404NotFound, "not-found", $"{what} not found.");

    public static ProblemHttpResult Conflict(string slug, string detail) =>
        Make(StatusCodes.Status409Conflict, slug, "Conflict.", detail);
}
