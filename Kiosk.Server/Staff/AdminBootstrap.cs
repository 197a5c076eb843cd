using System.ComponentModel.DataAnnotations;
using Kiosk.Server.Auth;
using Kiosk.Server.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Staff;

/// <summary>Section "Bootstrap".</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    /// <summary>Password of the organizer "admin" created on the very first start. When empty, one is generated and printed once.</summary>
    [MinLength(8)]
    public string? AdminPassword { get; set; }
}

public static class AdminBootstrap
{
    public const string AdminUserName = "admin";

    /// <summary>Creates organizer "admin" if the database has no accounts yet. Safe to run on every start.</summary>
    public static async Task EnsureAdminAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KioskDb>();
        if (await db.Users.AnyAsync()) return;

        var configured = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<BootstrapOptions>>().Value.AdminPassword;
        var password = string.IsNullOrEmpty(configured) ? Secrets.New("")[..20] : configured;
        var account = new UserAccount
        {
            UserName = AdminUserName, Role = Roles.Organizer, PasswordHash = "",
            CreatedAt = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow(),
        };
        account.PasswordHash = new PasswordHasher<UserAccount>().HashPassword(account, password);
        db.Users.Add(account);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return; // another instance created it first
        }

        if (string.IsNullOrEmpty(configured))
        {
            // Printed to the console once, never logged: logs are shipped and kept.
            Console.WriteLine($"""

                ==========================================================
                 Organizer account created: user "admin", password:
                     {password}
                 It is shown only now. Set Bootstrap:AdminPassword to choose one.
                ==========================================================

                """);
        }
    }
}
