using Kiosk.Server;

KioskServer.Build(args).Run();

/// <summary>Visible to the test host (WebApplicationFactory).</summary>
public partial class Program;
