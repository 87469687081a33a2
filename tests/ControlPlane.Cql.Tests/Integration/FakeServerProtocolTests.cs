using System.Net;
using ControlPlane.Cql.Protocol;
using ControlPlane.Cql.Tests.Infrastructure;

namespace ControlPlane.Cql.Tests.Integration;

/// <summary>Protocol paths the Cassandra 2.1 of the tests cannot exercise, against a scripted server.</summary>
public sealed class FakeServerProtocolTests
{
    private const string Address = "127.0.0.1";

    [Fact]
    public async Task A_v4_server_gets_v4_with_v4_types_unset_values_and_its_warnings_are_surfaced()
    {
        await using var server = new FakeCqlServer(Address, request => Answer(request, 4, query =>
            FakeCqlServer.Rows(4, ["s"], [CqlTypeCode.Smallint], [(short)-7])));
        await using var session = await CqlCluster.ConnectAsync(Options(server));
        Assert.Equal(4, session.ProtocolVersion);

        var rows = await session.ExecuteAsync("INSERT INTO t (a, b, c) VALUES (?, ?, ?)", (short)5, CqlValue.Unset, new DateOnly(2024, 2, 29));
        Assert.Equal((short)-7, rows[0].Get<short>("s"));
        Assert.Equal(["that batch was large"], rows.Warnings);

        var sent = server.Received.Last(r => r.Opcode == Opcode.Query).Reader();
        Assert.Equal("INSERT INTO t (a, b, c) VALUES (?, ?, ?)", sent.ReadLongString());
        Assert.Equal(CqlConsistency.LocalQuorum, sent.ReadConsistency());
        Assert.Equal(0x01, sent.ReadByte() & 0x01);
        Assert.Equal(3, sent.ReadShort());
        Assert.Equal(new byte[] { 0, 5 }, sent.ReadBytes());
        Assert.Equal(-2, sent.ReadBytesSegment().Length);
        Assert.Equal(new byte[] { 0x80, 0, 0x4D, 0x46 }, sent.ReadBytes()); // 19,782 days after 1970-01-01, offset by 2^31
    }

    [Fact]
    public async Task A_server_that_refuses_v4_is_spoken_to_in_v3()
    {
        await using var server = new FakeCqlServer(Address, request => request.Version == 4
            ? FakeCqlServer.Response(3, Opcode.Error, w =>
            {
                w.WriteInt((int)CqlErrorCode.ProtocolError);
                w.WriteString("Invalid or unsupported protocol version: 4");
            })
            : Answer(request, 3, _ => FakeCqlServer.Rows(3, ["k"], [CqlTypeCode.Int], [1])));
        await using var session = await CqlCluster.ConnectAsync(Options(server));
        Assert.Equal(3, session.ProtocolVersion);
        Assert.Single(await session.ExecuteAsync("SELECT k FROM t"));
        Assert.All(server.Received.Where(r => r.Opcode == Opcode.Query), r => Assert.Equal(3, r.Version));
    }

    [Fact]
    public async Task A_write_timeout_of_type_CAS_is_outcome_unknown_for_conditional_and_plain_calls()
    {
        await using var server = new FakeCqlServer(Address, request => Answer(request, 4, _ =>
            FakeCqlServer.Response(4, Opcode.Error, w =>
            {
                w.WriteInt((int)CqlErrorCode.WriteTimeout);
                w.WriteString("Operation timed out - received only 0 responses.");
                w.WriteUShort((ushort)CqlConsistency.Serial);
                w.WriteInt(0);
                w.WriteInt(2);
                w.WriteString("CAS");
            })));
        await using var session = await CqlCluster.ConnectAsync(Options(server));
        var statement = new SimpleStatement("UPDATE leases SET owner = 'b' WHERE shard = 1 IF owner = 'a'");

        var conditional = await Assert.ThrowsAsync<CqlLwtOutcomeUnknownException>(() => session.ExecuteConditionalAsync(statement));
        Assert.Equal((CqlConsistency.Serial, 0, 2), (conditional.Consistency!.Value, conditional.Received, conditional.BlockFor));
        await Assert.ThrowsAsync<CqlLwtOutcomeUnknownException>(() => session.ExecuteAsync(statement));
        // Never retried: one attempt per call.
        Assert.Equal(2, server.Received.Count(r => r.Opcode == Opcode.Query && r.Reader().ReadLongString().StartsWith("UPDATE", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_connection_lost_while_a_conditional_statement_is_in_flight_is_outcome_unknown()
    {
        await using var server = new FakeCqlServer(Address, request => Answer(request, 4, _ => null));
        await using var session = await CqlCluster.ConnectAsync(Options(server));
        var error = await Assert.ThrowsAsync<CqlLwtOutcomeUnknownException>(() =>
            session.ExecuteConditionalAsync(new SimpleStatement("INSERT INTO t (k) VALUES (1) IF NOT EXISTS")));
        Assert.IsType<CqlConnectionException>(error.InnerException);
    }

    [Fact]
    public async Task Client_side_timeout_is_typed_and_a_non_idempotent_write_is_not_retried()
    {
        // The server holds its answer to the write back for longer than the statement's timeout, so
        // the client must give up first (a real server answers too fast to show this reliably).
        var slowWrite = TimeSpan.FromSeconds(1.5);
        await using var server = new FakeCqlServer(Address,
            request => Answer(request, 4, _ => FakeCqlServer.Response(4, Opcode.Result, w => w.WriteInt(1))),
            async (request, cancellationToken) =>
            {
                if (request.Opcode == Opcode.Query && request.Reader().ReadLongString().StartsWith("INSERT INTO twice", StringComparison.Ordinal))
                {
                    await Task.Delay(slowWrite, cancellationToken);
                }
            });
        await using var session = await CqlCluster.ConnectAsync(Options(server));
        var write = new SimpleStatement("INSERT INTO twice (id) VALUES (1)") { Timeout = TimeSpan.FromMilliseconds(200) };

        var error = await Assert.ThrowsAsync<CqlRequestTimeoutException>(() => session.ExecuteAsync(write));

        Assert.Equal(TimeSpan.FromMilliseconds(200), error.Timeout);
        // The late answer lands on an abandoned stream id; the session is still healthy after it.
        Assert.Single(await session.ExecuteAsync("SELECT release_version FROM system.local"));
        Assert.Equal(1, server.Received.Count(r => r.Opcode == Opcode.Query && r.Reader().ReadLongString().StartsWith("INSERT INTO twice", StringComparison.Ordinal)));
    }

    private static CqlClusterOptions Options(FakeCqlServer server) => new()
    {
        ContactPoints = { Address },
        Port = server.Port,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>Handshake and system tables like a one-node cluster; other queries go to <paramref name="query"/>.</summary>
    private static FrameWriter? Answer(FakeCqlServer.Request request, int version, Func<string, FrameWriter?> query)
    {
        switch (request.Opcode)
        {
            case Opcode.Startup:
            case Opcode.Register:
                return FakeCqlServer.Response(version, Opcode.Ready);
            case Opcode.Options:
                return FakeCqlServer.Response(version, Opcode.Supported, w => w.WriteUShort(0));
            case Opcode.Query:
                var cql = request.Reader().ReadLongString();
                if (cql.Contains("system.local", StringComparison.Ordinal))
                {
                    return cql.Contains("schema_version", StringComparison.Ordinal)
                        ? FakeCqlServer.Rows(version, ["schema_version"], [CqlTypeCode.Uuid], [Guid.Empty])
                        : FakeCqlServer.Rows(version, ["data_center", "rack", "release_version"],
                            [CqlTypeCode.Varchar, CqlTypeCode.Varchar, CqlTypeCode.Varchar], ["dc1", "r1", "4.0.0"]);
                }
                if (cql.Contains("system.peers", StringComparison.Ordinal))
                {
                    return FakeCqlServer.Rows(version, ["peer", "rpc_address"], [CqlTypeCode.Inet, CqlTypeCode.Inet]);
                }
                var response = query(cql);
                if (response is not null && cql.StartsWith("INSERT INTO t (a", StringComparison.Ordinal))
                {
                    // Re-frame with the warning flag: [string list] before the body.
                    var body = response.Written[Frame.HeaderLength..].ToArray();
                    response.Dispose();
                    return FakeCqlServer.Response(version, Opcode.Result, w =>
                    {
                        w.WriteStringList(["that batch was large"]);
                        w.WriteRaw(body);
                    }, flags: Frame.FlagWarning);
                }
                return response;
            default:
                return null;
        }
    }
}
