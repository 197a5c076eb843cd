// The kiosk terminal host. Check-in, offline roster and printing arrive with the terminal issue;
// for now it serves its health endpoint on the loopback port the kiosk browser will use.
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["Terminal:Urls"] ?? "http://127.0.0.1:5180");
var app = builder.Build();
app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
app.Run();
public partial class Program;
