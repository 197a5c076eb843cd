namespace Kiosk.Server.Badges;

/// <summary>Signing keys and the check of a scanned badge token.</summary>
public static class BadgesFeature
{
    public static IServiceCollection AddBadges(this IServiceCollection services) => services
        .AddSingleton<BadgeKeys>()
        .AddSingleton<BadgeCheck>();
}
