using ControlPlane.Configuration.Values;

namespace ControlPlane.Configuration.Tests;

public class ConfigErrorAndHashTests
{
    [Theory]
    [InlineData("cluster.yaml", 14, 9, "services[1].endpoints[0].address", "cluster.yaml:14:9: services[1].endpoints[0].address: 'abc' is not an IP address")]
    [InlineData("cluster.yaml", null, null, "", "cluster.yaml: 'abc' is not an IP address")]
    [InlineData(null, 3, 1, "regions", "3:1: regions: 'abc' is not an IP address")]
    [InlineData(null, null, null, "", "'abc' is not an IP address")]
    public void An_error_prints_like_a_compiler_message(string? source, int? line, int? column, string path, string expected)
    {
        var error = new ConfigError(path, "'abc' is not an IP address", line, column) { Source = source };

        Assert.Equal(expected, error.ToString());
    }

    [Fact]
    public void Content_hash_is_the_sha256_of_the_utf8_text()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ConfigContentHash.Compute("abc"));
        Assert.Equal(ConfigContentHash.Compute("régions: []"), new ConfigDocument("a.yaml", "régions: []").ContentHash);
        Assert.NotEqual(ConfigContentHash.Compute("a: 1\n"), ConfigContentHash.Compute("a: 1\r\n"));
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("1s", 1_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("0.25ms", 0.25)]
    [InlineData(" 2s ", 2_000)]
    public void Durations_are_read_with_their_unit(string text, double milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var value, out var error), error);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData(500, "500ms")]
    [InlineData(90_000, "1m30s")]
    [InlineData(86_400_000, "24h")]
    [InlineData(0, "0s")]
    [InlineData(1_250, "1s250ms")]
    public void Durations_are_formatted_so_they_read_back_the_same(double milliseconds, string text)
    {
        Assert.Equal(text, DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)));
        Assert.True(DurationText.TryParse(text, out var back, out _));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), back);
    }

    [Theory]
    [InlineData("10", "needs a unit")]
    [InlineData("1 s", "is not a duration")]
    [InlineData("1S", "is not a duration")]
    [InlineData("s", "is not a duration")]
    [InlineData("", "is not a duration")]
    [InlineData("9999999999999999999h", "is too long")]
    [InlineData("100000000000000000000000000000000000000000h", "is too long")]
    [InlineData("1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h", "is too long")]
    public void Malformed_durations_explain_what_is_wrong(string text, string message)
    {
        Assert.False(DurationText.TryParse(text, out _, out var error));
        Assert.Contains(message, error);
    }
}
