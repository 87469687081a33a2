using ControlPlane.Dns.Rfc2136.Wire;

namespace ControlPlane.Dns.Rfc2136.Tests.Wire;

public class DnsNameTests
{
    [Theory]
    [InlineData("app.example.com.", "example.com.", true)]
    [InlineData("APP.Example.COM", "example.com.", true)]
    [InlineData("example.com.", "example.com.", true)]
    [InlineData("badexample.com.", "example.com.", false)]
    [InlineData("a\\.example.com.", "a.example.com.", false)]
    [InlineData("example.com.", "app.example.com.", false)]
    [InlineData("anything.", ".", true)]
    public void Names_are_in_a_zone_label_by_label_ignoring_case(string name, string zone, bool expected)
    {
        Assert.Equal(expected, DnsName.IsAtOrBelow(name, zone));
    }

    [Theory]
    [InlineData("example.com", "not fully qualified")]
    [InlineData("a..example.com.", "empty label")]
    [InlineData("", "empty")]
    [InlineData("b\u00fccher.example.", "non-ASCII")]
    public void Invalid_names_are_explained(string name, string expected)
    {
        Assert.Contains(expected, DnsName.Problem(name));
    }

    [Fact]
    public void Labels_over_63_octets_and_names_over_255_octets_are_invalid()
    {
        Assert.Contains("63", DnsName.Problem(new string('a', 64) + ".example."));
        var longName = string.Join('.', Enumerable.Repeat(new string('a', 60), 5)) + ".";
        Assert.Contains("255", DnsName.Problem(longName));
        Assert.Null(DnsName.Problem(new string('a', 63) + ".example."));
    }
}
