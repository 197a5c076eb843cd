namespace Kiosk.Server;

/// <summary>
/// A body that breaks the annotations on its request record is refused before the handler runs, with one stable
/// problem type and the broken fields: <c>{type: "/problems/validation", status: 400, errors: {field: [message]}}</c>.
/// </summary>
public static class RequestValidation
{
    public const string ProblemType = "/problems/validation";

    public static void Customize(ProblemDetailsContext context)
    {
        if (context.ProblemDetails is HttpValidationProblemDetails) context.ProblemDetails.Type = ProblemType;
    }
}
