using System.ComponentModel.DataAnnotations;
using Kiosk.Server.Certificates;

namespace Kiosk.Server.Tests.Reports;

public sealed class CertificateOptionsTests
{
    [Theory]
    [InlineData(0.75, true)]
    [InlineData(1.0, true)]
    [InlineData(0.01, true)]
    [InlineData(0.0, false)]
    [InlineData(-0.5, false)]
    [InlineData(1.01, false)]
    public void Minimum_share_is_above_zero_and_at_most_one(double share, bool valid)
    {
        var options = new CertificateOptions { MinimumShare = share };
        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true));
    }

    [Fact]
    public void Three_quarters_is_the_default() => Assert.Equal(0.75, new CertificateOptions().MinimumShare);
}
