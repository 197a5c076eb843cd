using Kiosk.Server.ApiDocs;
using Kiosk.Server.Auth;
using Kiosk.Server.Jobs;

namespace Kiosk.Server.Hosting;

/// <summary>How every request is answered: problem details, validation, JSON, OpenAPI, and the middleware order.</summary>
public static class WebApi
{
    public static IServiceCollection AddWebApi(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = RequestValidation.Customize);
        // The annotations on request records ([Required], [Range], [StringLength]) are checked before any handler runs.
        services.AddValidation();
        services.AddKioskOpenApi();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        return services;
    }

    public static WebApplication UseKioskPipeline(this WebApplication app)
    {
        app.UseSecurityHeaders(JobSetup.DashboardPath);
        // Browsers remember to come back only over https; sent on https answers only, never to localhost.
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        // A body that is not the JSON a route expects is the client's error (400/413), in every environment.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            // Not worth an error in the log either: the client gets a 400 that says what was wrong.
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
        });
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        // The web UI is static files that call the APIs; signed-out page requests go to the sign-in page first.
        app.UseSignInFirst();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }
}
