using System.Diagnostics;
using System.Net;
using ControlPlane.Core.Failover;
using ControlPlane.Core.Model;

namespace ControlPlane.Dns.Rfc2136.Tests.Bind;

[Collection(BindCollection.Name)]
public class Rfc2136ProviderBindTests
{
    private readonly BindFixture _bind;

    public Rfc2136ProviderBindTests(BindFixture bind) => _bind = bind;

    internal static DesiredRecordSet Set(string label, params string[] addresses) => Set(label, 30, addresses);

    internal static DesiredRecordSet Set(string label, int ttl, params string[] addresses) =>
        new(
            "svc-" + label,
            $"{label}.{BindFixture.Zone}",
            ttl,
            RoutingPolicy.Failover,
            addresses.Select((a, i) => new DnsTarget($"ep{i}", IPAddress.Parse(a), 100, 0)).ToList(),
            FailOpenReason: null);

    [Fact]
    public async Task Failover_from_one_set_to_another_is_served_by_bind_within_one_second()
    {
        var provider = _bind.CreateProvider();
        var first = await provider.ApplyAsync(Set("failover", "192.0.2.10", "192.0.2.11"), CancellationToken.None);
        Assert.True(first.Changed);
        Assert.Equal(["192.0.2.10", "192.0.2.11"], await _bind.Server.DigAsync("failover.cp.test."));

        var stopwatch = Stopwatch.StartNew();
        var second = await provider.ApplyAsync(Set("failover", "198.51.100.20", "2001:db8::20"), CancellationToken.None);
        IReadOnlyList<string> served;
        do
        {
            served = await _bind.Server.DigAsync("failover.cp.test.");
        }
        while (!served.SequenceEqual(["198.51.100.20"]) && stopwatch.Elapsed < TimeSpan.FromSeconds(1));
        var elapsed = stopwatch.Elapsed;

        Assert.Equal(["198.51.100.20"], served);
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"dig saw the new set after {elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(["2001:db8::20"], await _bind.Server.DigAsync("failover.cp.test.", "AAAA"));
        Assert.True(second.Changed);
        Assert.Contains("added A 198.51.100.20", second.Summary);
        Assert.Contains("removed A 192.0.2.10, 192.0.2.11", second.Summary);
        Assert.Contains("added AAAA 2001:db8::20", second.Summary);
        Assert.Equal((await _bind.Server.SerialAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture), second.ProviderChangeId);
        Assert.NotNull(second.InSyncAt);
    }

    [Fact]
    public async Task Applying_the_same_set_again_changes_nothing_not_even_the_serial()
    {
        var provider = _bind.CreateProvider();
        var desired = Set("idempotent", "192.0.2.30", "192.0.2.31");
        Assert.True((await provider.ApplyAsync(desired, CancellationToken.None)).Changed);
        var serial = await _bind.Server.SerialAsync();

        var again = await provider.ApplyAsync(desired, CancellationToken.None);
        var fromAnotherSilo = await _bind.CreateProvider().ApplyAsync(desired, CancellationToken.None);

        Assert.False(again.Changed);
        Assert.False(fromAnotherSilo.Changed);
        Assert.Contains("already serves", again.Summary);
        Assert.Equal(serial, await _bind.Server.SerialAsync());
        Assert.Equal(["192.0.2.30", "192.0.2.31"], await _bind.Server.DigAsync("idempotent.cp.test."));
    }

    [Fact]
    public async Task A_ttl_change_alone_is_applied()
    {
        var provider = _bind.CreateProvider();
        await provider.ApplyAsync(Set("ttl", 30, "192.0.2.40"), CancellationToken.None);

        var result = await provider.ApplyAsync(Set("ttl", 120, "192.0.2.40"), CancellationToken.None);

        Assert.True(result.Changed);
        Assert.Contains("A TTL 30 -> 120", result.Summary);
        var record = Assert.Single(await provider.ReadAsync("ttl.cp.test.", CancellationToken.None));
        Assert.Equal(120, record.Ttl);
    }

    [Fact]
    public async Task A_record_changed_with_nsupdate_is_seen_by_read_and_repaired_by_the_next_apply()
    {
        var provider = _bind.CreateProvider();
        var desired = Set("drift-read", "192.0.2.50");
        await provider.ApplyAsync(desired, CancellationToken.None);

        await _bind.Server.NsupdateAsync("update delete drift-read.cp.test. A", "update add drift-read.cp.test. 300 A 203.0.113.66");
        var seen = await provider.ReadAsync("drift-read.cp.test.", CancellationToken.None);
        var repair = await provider.ApplyAsync(desired, CancellationToken.None);

        var record = Assert.Single(seen);
        Assert.Equal(new PublishedRecord("drift-read.cp.test.", "A", "203.0.113.66", 300), record);
        Assert.True(repair.Changed);
        Assert.Contains("removed A 203.0.113.66", repair.Summary);
        Assert.Equal(["192.0.2.50"], await _bind.Server.DigAsync("drift-read.cp.test."));
    }

    [Fact]
    public async Task Drift_not_yet_read_fails_the_prerequisite_and_is_repaired_and_reported()
    {
        var provider = _bind.CreateProvider();
        var desired = Set("drift", "192.0.2.60", "192.0.2.61");
        await provider.ApplyAsync(desired, CancellationToken.None);
        await _bind.Server.NsupdateAsync("update delete drift.cp.test. A 192.0.2.61", "update add drift.cp.test. 30 AAAA 2001:db8::66");

        var repair = await provider.ApplyAsync(desired, CancellationToken.None);

        Assert.True(repair.Changed);
        Assert.Contains("drift at drift.cp.test.: expected A [192.0.2.60, 192.0.2.61] TTL 30, no AAAA, server had A [192.0.2.60] TTL 30, AAAA [2001:db8::66] TTL 30 (YXRRSET)", repair.Summary);
        Assert.Equal(["192.0.2.60", "192.0.2.61"], await _bind.Server.DigAsync("drift.cp.test."));
        Assert.Empty(await _bind.Server.DigAsync("drift.cp.test.", "AAAA"));
    }

    [Fact]
    public async Task A_change_to_the_desired_set_made_behind_our_back_is_reported_as_drift_without_a_change()
    {
        var provider = _bind.CreateProvider();
        await provider.ApplyAsync(Set("converged", "192.0.2.70"), CancellationToken.None);
        await _bind.Server.NsupdateAsync("update delete converged.cp.test. A", "update add converged.cp.test. 30 A 192.0.2.71");

        var result = await provider.ApplyAsync(Set("converged", "192.0.2.71"), CancellationToken.None);

        Assert.False(result.Changed);
        Assert.Contains("already serves", result.Summary);
        Assert.Contains("drift at converged.cp.test.", result.Summary);
    }

    [Fact]
    public async Task Read_returns_a_and_aaaa_records_and_nothing_for_an_unknown_name()
    {
        var provider = _bind.CreateProvider();
        await provider.ApplyAsync(Set("read", 45, "192.0.2.80", "2001:db8::80"), CancellationToken.None);

        var records = await provider.ReadAsync("READ.cp.test", CancellationToken.None);
        var nothing = await provider.ReadAsync("never-written.cp.test.", CancellationToken.None);

        Assert.Equal(
            [new PublishedRecord("read.cp.test.", "A", "192.0.2.80", 45), new PublishedRecord("read.cp.test.", "AAAA", "2001:db8::80", 45)],
            records);
        Assert.Empty(nothing);
    }

    [Fact]
    public async Task A_set_too_large_for_udp_is_sent_over_tcp()
    {
        var provider = _bind.CreateProvider();
        var addresses = Enumerable.Range(1, 40).Select(i => $"2001:db8::1:{i:x}").Append("192.0.2.90").ToArray();

        var result = await provider.ApplyAsync(Set("large", addresses), CancellationToken.None);

        Assert.True(result.Changed);
        Assert.Equal(40, (await _bind.Server.DigAsync("large.cp.test.", "AAAA")).Count);
        Assert.Equal(41, (await provider.ReadAsync("large.cp.test.", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task An_hmac_sha512_key_signs_updates_too()
    {
        var provider = _bind.CreateProvider(_bind.Settings(BindFixture.Sha512KeyName, _bind.Sha512Secret, "hmac-sha512"));

        var result = await provider.ApplyAsync(Set("sha512", "192.0.2.100"), CancellationToken.None);

        Assert.True(result.Changed);
        Assert.Equal(["192.0.2.100"], await _bind.Server.DigAsync("sha512.cp.test."));
    }

    [Fact]
    public async Task A_name_outside_the_zone_is_refused_before_anything_is_sent()
    {
        var provider = _bind.CreateProvider();
        var desired = Set("x", "192.0.2.1") with { Name = "app.example.org." };

        var e = await Assert.ThrowsAsync<DnsProviderException>(() => provider.ApplyAsync(desired, CancellationToken.None));

        Assert.False(e.Transient);
        Assert.Contains("not in zone cp.test.", e.Message);
    }
}
