using Kiosk.Server;

var app = KioskServer.Build(args);
await KioskServer.PrepareAsync(app, args);
await app.RunAsync();

/// <summary>Visible to the test host (WebApplicationFactory).</summary>
public partial class Program;
