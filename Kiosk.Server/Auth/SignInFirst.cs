namespace Kiosk.Server.Auth;

/// <summary>
/// The organizer and staff pages answer a visitor who is not signed in with the sign-in page and their own
/// address to come back to, before any of the page's scripts ask an API and meet a 401. The pages' files
/// (scripts, styles) stay public: they hold no data.
/// </summary>
public static class SignInFirst
{
    public static readonly string[] Pages = ["/dashboard/", "/desk/", "/door/", "/reports/", "/imports/", "/handouts/", ApiDocs.ApiReference.DocsPath + "/"];

    public static IApplicationBuilder UseSignInFirst(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path.Value ?? "";
        var page = Pages.FirstOrDefault(p => path == p || path == p.TrimEnd('/') || path == p + "index.html");
        if (page is not null && HttpMethods.IsGet(context.Request.Method) && context.User.Identity?.IsAuthenticated != true)
        {
            var back = Uri.EscapeDataString(page + context.Request.QueryString.Value);
            context.Response.Redirect($"/login/?return={back}");
            return;
        }
        await next();
    });
}
