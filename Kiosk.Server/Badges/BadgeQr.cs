using QRCoder;

namespace Kiosk.Server.Badges;

/// <summary>QR images of badge tokens for mails and the staff desk. The token is upper-case base32hex, so QRCoder picks the compact alphanumeric mode.</summary>
public static class BadgeQr
{
    public static byte[] Png(string token)
    {
        using var data = QRCodeGenerator.GenerateQrCode(token, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }

    public static string Svg(string token)
    {
        using var data = QRCodeGenerator.GenerateQrCode(token, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(8);
    }
}
