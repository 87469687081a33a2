using System.Net;
using ControlPlane.Core.Assertions;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;
using ControlPlane.Testing.Bind;

namespace ControlPlane.Probing.Tests;

/// <summary>
/// The BIND 9 the DNS check tests ask: zone <see cref="Zone"/> on 127.0.0.23:5300 (an address of its
/// own beside the RFC 2136 and silo tests' servers), with one record of every type a check can ask for
/// and a TXT record too large for one UDP answer.
/// </summary>
public sealed class DnsBindFixture : IAsyncLifetime
{
    public const string Zone = "probe.test.";

    /// <summary>Twelve strings of 250 characters: about 3 KB, over BIND's 1232-byte UDP limit, so the answer comes truncated and is fetched over TCP.</summary>
    public static readonly string LargeText = string.Concat(Enumerable.Range(0, 12).Select(i => new string((char)('a' + i), 250)));

    public DnsBindFixture()
    {
        var large = string.Join(' ', Enumerable.Range(0, 12).Select(i => $"\"{new string((char)('a' + i), 250)}\""));
        Server = new BindServer("127.0.0.23", 5300, Zone, TsigKey.Generate("probe-key."), records:
        [
            "web 60 IN A 192.0.2.10",
            "web 60 IN A 192.0.2.11",
            "web 120 IN AAAA 2001:db8::10",
            "www 300 IN CNAME web.probe.test.",
            "txt 30 IN TXT \"v=spf1 -all\"",
            "big 30 IN TXT " + large,
            "_api._tcp 30 IN SRV 10 5 8443 web.probe.test.",
        ]);
    }

    public BindServer Server { get; }

    public IPAddress Address => IPAddress.Parse(Server.Address);

    public Task InitializeAsync() => Server.StartAsync();

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();
}

[CollectionDefinition(Name)]
public sealed class DnsBindCollection : ICollectionFixture<DnsBindFixture>
{
    public const string Name = "BIND 9 for DNS checks";
}

[Collection(DnsBindCollection.Name)]
public sealed class DnsCheckBindTests(DnsBindFixture bind) : IDisposable
{
    private readonly ProbeEngine _engine = ProbeEngine.CreateDefault();

    public void Dispose() => _engine.Dispose();

    private Task<Observation> Ask(string name, DnsRecordType type, bool tcpOnly = false, params string[] assertions) =>
        _engine.RunAsync(
            new ProbeTarget("ns-1", "eu-central", bind.Address, bind.Server.Port, null, new CheckDefinition
            {
                Id = "dns",
                Kind = CheckKind.Dns,
                Dns = new DnsCheckDefinition { Name = name, Type = type, TcpOnly = tcpOnly },
                Assertions = Checks.Conditions(ConditionScope.Dns, assertions),
            }),
            CancellationToken.None);

    [Fact]
    public async Task An_a_query_passes_with_answers_and_its_ttl_in_range()
    {
        var observation = await Ask("web.probe.test.", DnsRecordType.A, false, "[DNS_RCODE] == NOERROR", "[DNS_ANSWERS] contains \"192.0.2.11\"", "[DNS_TTL] >= 30s", "[DNS_TTL] <= 5m", "len([DNS_ANSWERS]) == 2");

        Assert.True(observation.IsSuccess, observation.Detail);
        Assert.Matches($@"^web\.probe\.test\. A from 127\.0\.0\.23:5300: NOERROR, 2 answer\(s\) in \d+ ms$", observation.Detail);
        Assert.NotNull(observation.Phases!.Dns);
    }

    [Theory]
    [InlineData("web.probe.test.", DnsRecordType.AAAA, "2001:db8::10")]
    [InlineData("www.probe.test.", DnsRecordType.CNAME, "web.probe.test.")]
    [InlineData("txt.probe.test.", DnsRecordType.TXT, "v=spf1 -all")]
    [InlineData("_api._tcp.probe.test.", DnsRecordType.SRV, "10 5 8443 web.probe.test.")]
    [InlineData("probe.test.", DnsRecordType.SOA, "ns1.probe.test. hostmaster.probe.test. 1 3600 600 86400 60")]
    public async Task Every_record_type_is_asked_and_formatted(string name, DnsRecordType type, string expected)
    {
        var observation = await Ask(name, type, false, $"[DNS_ANSWERS] contains \"{expected}\"");

        Assert.True(observation.IsSuccess, observation.Detail);
    }

    [Fact]
    public async Task A_missing_name_fails_by_default_and_passes_when_nxdomain_is_expected()
    {
        var failed = await Ask("nothing.probe.test.", DnsRecordType.A);
        var expected = await Ask("nothing.probe.test.", DnsRecordType.A, false, "[DNS_RCODE] == NXDOMAIN");

        Assert.Equal(ObservationOutcome.AssertionFailed, failed.Outcome);
        Assert.Equal("nothing.probe.test. A from 127.0.0.23:5300: [DNS_RCODE] == NOERROR failed: [DNS_RCODE] is \"NXDOMAIN\"", failed.Detail);
        Assert.True(expected.IsSuccess, expected.Detail);
    }

    [Fact]
    public async Task A_ttl_out_of_range_fails_naming_the_ttl()
    {
        var observation = await Ask("web.probe.test.", DnsRecordType.AAAA, false, "[DNS_TTL] <= 1m");

        Assert.Equal("web.probe.test. AAAA from 127.0.0.23:5300: [DNS_TTL] <= 1m failed: [DNS_TTL] is 2m", observation.Detail);
    }

    [Fact]
    public async Task A_truncated_udp_answer_is_fetched_again_over_tcp()
    {
        // Over UDP alone the answer comes truncated, so the check's success shows the TCP retry happened.
        var udpOnly = new DnsClient.LookupClient(new DnsClient.LookupClientOptions(new DnsClient.NameServer(bind.Address, bind.Server.Port))
        {
            UseCache = false,
            UseTcpFallback = false,
            Retries = 0,
        });
        var truncated = await Assert.ThrowsAsync<DnsClient.DnsResponseException>(() => udpOnly.QueryAsync("big.probe.test.", DnsClient.QueryType.TXT));

        var observation = await Ask("big.probe.test.", DnsRecordType.TXT, false, $"[DNS_ANSWERS] contains \"{DnsBindFixture.LargeText}\"");

        Assert.Contains("truncated", truncated.Message, StringComparison.Ordinal);
        Assert.True(observation.IsSuccess, observation.Detail);
    }

    [Fact]
    public async Task Tcp_only_queries_work()
    {
        var observation = await Ask("web.probe.test.", DnsRecordType.A, true);

        Assert.True(observation.IsSuccess, observation.Detail);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_is_a_timeout()
    {
        // A socket that receives the query and never answers (a closed port would be refused, not silent).
        using var silent = new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)silent.Client.LocalEndPoint!).Port;
        var observation = await _engine.RunAsync(
            new ProbeTarget("ns-1", "eu-central", IPAddress.Loopback, port, null, new CheckDefinition
            {
                Id = "dns",
                Kind = CheckKind.Dns,
                Timeout = TimeSpan.FromMilliseconds(500),
                Dns = new DnsCheckDefinition { Name = "web.probe.test." },
            }),
            CancellationToken.None);

        Assert.Equal(ObservationOutcome.Timeout, observation.Outcome);
        Assert.Matches(@"127\.0\.0\.1:\d+ within 500 ms \(check timeout\)$", observation.Detail);
    }
}
