using ControlPlane.Api.Access;
using ControlPlane.Api.Paging;
using ControlPlane.Configuration.Silo;

namespace ControlPlane.Silo.Tests.Access;

/// <summary>The pure parts of access control: key text and hashes, the last-used throttle, cursors, bootstrap key loading.</summary>
public sealed class AccessUnitTests
{
    [Fact]
    public void A_generated_key_parses_back_to_its_id_and_matches_only_its_own_hash()
    {
        var (id, text, hash) = ApiKeySecret.Generate();
        Assert.True(ApiKeySecret.TryParse(text, out var parsedId, out var secret));
        Assert.Equal(id, parsedId);
        Assert.True(ApiKeySecret.Matches(secret, hash));
        Assert.False(ApiKeySecret.Matches(secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A'), hash));
        Assert.NotEqual(text, ApiKeySecret.Generate().Text);
        Assert.DoesNotContain(secret, hash);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bearer something")]
    [InlineData("cpk_ABCDEF123456_0123456789012345678901234567890123456789012")]
    [InlineData("cpk_abcdef123456-0123456789012345678901234567890123456789012")]
    [InlineData("cpk_abcdef123456_short")]
    public void Text_not_shaped_like_a_key_is_rejected(string text) => Assert.False(ApiKeySecret.TryParse(text, out _, out _));

    [Fact]
    public void Last_used_is_written_at_most_once_a_minute_per_key()
    {
        var clock = new ManualTime(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
        var throttle = new LastUsedThrottle(clock);
        Assert.True(throttle.ShouldWrite("a", out _));
        Assert.False(throttle.ShouldWrite("a", out _));
        Assert.True(throttle.ShouldWrite("b", out _));
        clock.Now += TimeSpan.FromSeconds(59);
        Assert.False(throttle.ShouldWrite("a", out _));
        clock.Now += TimeSpan.FromSeconds(1);
        Assert.True(throttle.ShouldWrite("a", out var at));
        Assert.Equal(clock.Now, at);
    }

    [Fact]
    public void A_cursor_round_trips_and_garbage_is_not_a_cursor()
    {
        var at = new DateTimeOffset(2026, 12, 3, 12, 0, 0, 123, TimeSpan.Zero);
        Assert.True(PageCursor.TryDecode(PageCursor.Encode(at, "id:with:colons"), out var back, out var id));
        Assert.Equal((at, "id:with:colons"), (back, id));
        Assert.False(PageCursor.TryDecode("not a cursor!", out _, out _));
        Assert.False(PageCursor.TryDecode(PageCursor.Encode(at, "x").Replace("M", "!", StringComparison.Ordinal) + "!", out _, out _));
    }

    [Fact]
    public void Bootstrap_keys_come_from_the_file_and_the_variable_and_problems_name_the_exact_path()
    {
        var directory = Directory.CreateTempSubdirectory("cp-keys-").FullName;
        try
        {
            var file = Path.Combine(directory, "admin.key");
            File.WriteAllText(file, new string('f', 40) + "\n");
            var api = new ApiSettings(new Uri("http://127.0.0.1:1")) { BootstrapKeyFile = file, BootstrapKeyEnv = "K" };
            var (keys, errors) = BootstrapKeys.Load(api, name => name == "K" ? new string('e', 32) : null);
            Assert.Empty(errors);
            Assert.True(keys.Matches(new string('f', 40)) && keys.Matches(new string('e', 32)));
            Assert.False(keys.Matches(new string('f', 41)));

            var missing = Path.Combine(directory, "nope.key");
            var (_, missingErrors) = BootstrapKeys.Load(api with { BootstrapKeyFile = missing }, _ => "short");
            Assert.Contains(missingErrors, e => e.StartsWith($"api.bootstrapKeyFile: {missing}: no such file", StringComparison.Ordinal));
            Assert.Contains(missingErrors, e => e.StartsWith("api.bootstrapKeyEnv: $K: the key has 5 characters", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
