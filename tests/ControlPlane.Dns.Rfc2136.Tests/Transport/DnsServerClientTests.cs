using System.Diagnostics;
using System.Net;
using ControlPlane.Dns.Rfc2136.Tests.Support;
using ControlPlane.Dns.Rfc2136.Transport;
using ControlPlane.Dns.Rfc2136.Tsig;
using ControlPlane.Dns.Rfc2136.Wire;

namespace ControlPlane.Dns.Rfc2136.Tests.Transport;

public class DnsServerClientTests
{
    private static readonly TsigKey Key = new("test-key.", TsigAlgorithm.HmacSha256, Convert.FromBase64String("c2VjcmV0LWtleS1mb3ItdGVzdHMtMTIzNDU2Nzg5MDEyMzQ1Ng=="));

    /// <summary>Answers a query with one A record per address; signs when a key is given.</summary>
    private static byte[] Answer(byte[] requestWire, int addresses, bool truncated = false, TsigKey? signWith = null)
    {
        var request = DnsMessageReader.Read(requestWire);
        var response = new DnsMessage
        {
            Id = request.Id,
            IsResponse = true,
            Opcode = request.Opcode,
            Authoritative = true,
            Truncated = truncated,
            Questions = request.Questions,
            Answers = truncated
                ? []
                : Enumerable.Range(1, addresses)
                    .Select(i => new DnsRecord(request.Questions[0].Name, DnsType.A, DnsClass.IN, 30, new AddressData(new IPAddress([10, 0, (byte)(i / 256), (byte)i]))))
                    .ToList(),
        };
        if (signWith is null)
        {
            return DnsMessageWriter.Write(response);
        }

        var requestMac = ((TsigData)request.Tsig!.Data).Mac;
        var unsigned = DnsMessageWriter.Write(response);
        var variables = new TsigData(signWith.Algorithm.Name, (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 300, [], response.Id, DnsRcode.NoError, []);
        var mac = TsigSigner.ComputeMac(signWith, unsigned, variables, requestMac);
        return DnsMessageWriter.AppendAdditional(unsigned, new DnsRecord(signWith.Name, DnsType.TSIG, DnsClass.ANY, 0, variables with { Mac = mac }));
    }

    private static DnsServerClient Client(IPEndPoint server, TsigKey? key = null, int timeoutMs = 2000) =>
        new("test", server, key is null ? null : new TsigSigner(key, TimeProvider.System), TimeSpan.FromMilliseconds(timeoutMs));

    [Fact]
    public async Task A_truncated_udp_answer_is_asked_again_over_tcp()
    {
        await using var server = new FakeDnsServer((request, protocol) => Answer(request, 100, truncated: protocol == "udp", signWith: Key));

        var response = await Client(server.Endpoint, Key).ExchangeAsync(DnsMessage.Query(DnsServerClient.NewId(), "big.example.test.", DnsType.A), CancellationToken.None);

        Assert.Equal(100, response.Answers.Count);
        Assert.Equal(["udp", "tcp"], server.Requests);
    }

    [Fact]
    public async Task A_request_over_512_octets_goes_straight_to_tcp()
    {
        await using var server = new FakeDnsServer((request, _) => Answer(request, 0, signWith: Key));
        var update = new DnsMessage
        {
            Id = DnsServerClient.NewId(),
            Opcode = DnsOpcode.Update,
            Questions = [new DnsQuestion("example.test.", DnsType.SOA)],
            Authorities = Enumerable.Range(1, 40)
                .Select(i => new DnsRecord("big.example.test.", DnsType.AAAA, DnsClass.IN, 30, new AddressData(IPAddress.Parse($"2001:db8::{i:x}"))))
                .ToList(),
        };

        var response = await Client(server.Endpoint, Key).ExchangeAsync(update, CancellationToken.None);

        Assert.Equal(DnsRcode.NoError, response.Rcode);
        Assert.Equal(["tcp"], server.Requests);
    }

    [Fact]
    public async Task Datagrams_with_another_id_are_ignored()
    {
        await using var server = new FakeDnsServer((request, _) =>
        {
            var answer = Answer(request, 1);
            var wrongId = answer.ToArray();
            wrongId[0] ^= 0xFF;
            return wrongId;
        });

        var e = await Assert.ThrowsAsync<DnsProviderException>(() =>
            Client(server.Endpoint, timeoutMs: 300).ExchangeAsync(DnsMessage.Query(1234, "app.example.test.", DnsType.A), CancellationToken.None));

        Assert.True(e.Transient);
        Assert.Contains("no response", e.Message);
    }

    [Fact]
    public async Task A_silent_server_is_a_transient_error_after_the_timeout()
    {
        await using var server = new FakeDnsServer((_, _) => null);
        var stopwatch = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<DnsProviderException>(() =>
            Client(server.Endpoint, Key, timeoutMs: 300).ExchangeAsync(DnsMessage.Query(1, "app.example.test.", DnsType.A), CancellationToken.None));

        Assert.True(e.Transient);
        Assert.Contains("within 0.3 s", e.Message);
        Assert.InRange(stopwatch.ElapsedMilliseconds, 250, 5000);
    }

    [Fact]
    public async Task A_closed_port_is_a_transient_error_at_once()
    {
        IPEndPoint closed;
        using (var probe = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            closed = (IPEndPoint)probe.LocalEndPoint!; // free once the probe is closed
        }

        var stopwatch = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<DnsProviderException>(() =>
            Client(closed, Key, timeoutMs: 5000).ExchangeAsync(DnsMessage.Query(1, "app.example.test.", DnsType.A), CancellationToken.None));

        Assert.True(e.Transient);
        Assert.Contains("ConnectionRefused", e.Message);
        Assert.True(stopwatch.ElapsedMilliseconds < 3000, $"took {stopwatch.ElapsedMilliseconds} ms: a refused port must not wait for the timeout");
    }

    [Fact]
    public async Task An_unsigned_answer_to_a_signed_request_is_rejected()
    {
        await using var server = new FakeDnsServer((request, _) => Answer(request, 1));

        var e = await Assert.ThrowsAsync<DnsProviderException>(() =>
            Client(server.Endpoint, Key).ExchangeAsync(DnsMessage.Query(DnsServerClient.NewId(), "app.example.test.", DnsType.A), CancellationToken.None));

        Assert.False(e.Transient);
        Assert.Contains("TSIG verification failed: the response (NOERROR) is not signed", e.Message);
    }

    [Fact]
    public async Task An_answer_signed_with_another_secret_is_rejected()
    {
        var impostor = new TsigKey(Key.Name, TsigAlgorithm.HmacSha256, [1, 2, 3, 4, 5, 6, 7, 8]);
        await using var server = new FakeDnsServer((request, _) => Answer(request, 1, signWith: impostor));

        var e = await Assert.ThrowsAsync<DnsProviderException>(() =>
            Client(server.Endpoint, Key).ExchangeAsync(DnsMessage.Query(DnsServerClient.NewId(), "app.example.test.", DnsType.A), CancellationToken.None));

        Assert.False(e.Transient);
        Assert.Contains("MAC does not match", e.Message);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_turned_into_a_provider_error()
    {
        await using var server = new FakeDnsServer((_, _) => null);
        using var cancel = new CancellationTokenSource(100);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Client(server.Endpoint, Key).ExchangeAsync(DnsMessage.Query(1, "app.example.test.", DnsType.A), cancel.Token));
    }
}
