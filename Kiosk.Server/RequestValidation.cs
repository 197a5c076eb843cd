namespace Kiosk.Server;

/// <summary>
/// A body that breaks the annotations on its request record is refused before the handler runs, with one stable
/// problem type and the broken fields: <c>{type: "/problems/validation", status: 400, detail, errors: {field: [message]}}</c>.
/// </summary>
public static class RequestValidation
{
    public const string ProblemType = "/problems/validation";

    public static void Customize(ProblemDetailsContext context)
    {
        if (context.ProblemDetails is not HttpValidationProblemDetails validation) return;
        validation.Type = ProblemType;
        // The web pages show "detail"; the messages name the fields, so they say enough on their own.
        validation.Detail ??= string.Join(" ", validation.Errors.SelectMany(e => e.Value));
    }
}

/// <summary>
/// Names and codes people type or kiosks show and print: no line breaks, tabs, NUL or other control characters
/// (they break the badge and the screen, and PostgreSQL refuses NUL in text).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class NoControlCharactersAttribute() : System.ComponentModel.DataAnnotations.ValidationAttribute("{0} must not contain control characters.")
{
    public override bool IsValid(object? value) => value is not string text || !Desk.DeskRules.HasControlCharacters(text);
}
