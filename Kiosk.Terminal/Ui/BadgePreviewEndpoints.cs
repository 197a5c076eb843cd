using Kiosk.Shared.Contracts;
using Kiosk.Terminal.Scanning;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kiosk.Terminal.Ui;

/// <summary>The badge preview's two buttons: "Drucken" and "Fehler auf dem Badge?" (see <see cref="BadgePreview"/>).</summary>
public static class BadgePreviewEndpoints
{
    public static void MapBadgePreviewEndpoints(this RouteGroupBuilder local)
    {
        local.MapPost("/print/{printRef}/release", async Task<Results<NoContent, ProblemHttpResult>> (string printRef, BadgePreview preview) =>
            await preview.ReleaseAsync(printRef) ? TypedResults.NoContent() : Unknown());

        // 204 also when the badge already printed or was released: nothing more to hold.
        local.MapPost("/print/{printRef}/hold", async (string printRef, BadgePreview preview) =>
        {
            await preview.HoldLongerAsync(printRef);
            return TypedResults.NoContent();
        });

        local.MapPost("/print/{printRef}/correction", async Task<Results<Ok<CorrectionAnswer>, ValidationProblem, ProblemHttpResult>> (
            string printRef, CorrectionForm form, BadgePreview preview, CancellationToken ct) =>
        {
            if (form.Fields is null || !BadgeFieldNames.TryParse(form.Fields, out var fields))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["fields"] = ["Mark any of name, title, organization."] }, type: "/problems/correction-fields");
            return await preview.CorrectAsync(printRef, fields, ct) switch
            {
                BadgePreview.Outcome.NotPrinted => TypedResults.Ok(new CorrectionAnswer(Printed: false)),
                BadgePreview.Outcome.AlreadyPrinted => TypedResults.Ok(new CorrectionAnswer(Printed: true)),
                _ => Unknown(),
            };
        });
    }

    private static ProblemHttpResult Unknown() =>
        TypedResults.Problem(type: "/problems/print-ref", title: "Please scan your badge again.", statusCode: 404);
}
