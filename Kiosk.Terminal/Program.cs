// The kiosk terminal: serves the touch UI on loopback, checks visitors in offline-first and prints badges.
Kiosk.Terminal.TerminalHost.Build(args).Run();

public partial class Program;
