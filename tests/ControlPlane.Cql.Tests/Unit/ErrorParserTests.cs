using ControlPlane.Cql.Protocol;

namespace ControlPlane.Cql.Tests.Unit;

public sealed class ErrorParserTests
{
    [Fact]
    public void A_write_timeout_of_type_CAS_is_outcome_unknown_never_a_plain_write_timeout()
    {
        var error = Parse(CqlErrorCode.WriteTimeout, "Operation timed out", w =>
        {
            w.WriteUShort((ushort)CqlConsistency.Serial);
            w.WriteInt(1);
            w.WriteInt(2);
            w.WriteString("CAS");
        });
        var unknown = Assert.IsType<CqlLwtOutcomeUnknownException>(error);
        Assert.Equal(CqlConsistency.Serial, unknown.Consistency);
        Assert.Equal(1, unknown.Received);
        Assert.Equal(2, unknown.BlockFor);
        Assert.Contains("may or may not have been applied", unknown.Message);
        Assert.IsNotAssignableFrom<CqlWriteTimeoutException>(error);
    }

    [Fact]
    public void A_write_timeout_carries_its_write_type()
    {
        var error = Assert.IsType<CqlWriteTimeoutException>(Parse(CqlErrorCode.WriteTimeout, "timeout", w =>
        {
            w.WriteUShort((ushort)CqlConsistency.LocalQuorum);
            w.WriteInt(0);
            w.WriteInt(1);
            w.WriteString("BATCH_LOG");
        }));
        Assert.Equal(CqlWriteType.BatchLog, error.WriteType);
        Assert.Equal(CqlConsistency.LocalQuorum, error.Consistency);
    }

    [Fact]
    public void Read_timeouts_and_failures_carry_their_details()
    {
        var timeout = Assert.IsType<CqlReadTimeoutException>(Parse(CqlErrorCode.ReadTimeout, "rt", w =>
        {
            w.WriteUShort((ushort)CqlConsistency.Quorum);
            w.WriteInt(1);
            w.WriteInt(2);
            w.WriteByte(0);
        }));
        Assert.Equal((1, 2, false), (timeout.Received, timeout.BlockFor, timeout.DataPresent));

        var failure = Assert.IsType<CqlReadFailureException>(Parse(CqlErrorCode.ReadFailure, "rf", w =>
        {
            w.WriteUShort((ushort)CqlConsistency.One);
            w.WriteInt(0);
            w.WriteInt(1);
            w.WriteInt(1);
            w.WriteByte(1);
        }, version: 4));
        Assert.Equal(1, failure.Failures);

        var writeFailure = Assert.IsType<CqlWriteFailureException>(Parse(CqlErrorCode.WriteFailure, "wf", w =>
        {
            w.WriteUShort((ushort)CqlConsistency.One);
            w.WriteInt(0);
            w.WriteInt(1);
            w.WriteInt(1);
            w.WriteString("SIMPLE");
        }, version: 4));
        Assert.Equal(CqlWriteType.Simple, writeFailure.WriteType);
    }

    [Theory]
    [InlineData(CqlErrorCode.ServerError, typeof(CqlServerErrorException))]
    [InlineData(CqlErrorCode.ProtocolError, typeof(CqlProtocolErrorException))]
    [InlineData(CqlErrorCode.BadCredentials, typeof(CqlAuthenticationException))]
    [InlineData(CqlErrorCode.Overloaded, typeof(CqlOverloadedException))]
    [InlineData(CqlErrorCode.IsBootstrapping, typeof(CqlIsBootstrappingException))]
    [InlineData(CqlErrorCode.TruncateError, typeof(CqlTruncateException))]
    [InlineData(CqlErrorCode.SyntaxError, typeof(CqlSyntaxException))]
    [InlineData(CqlErrorCode.Unauthorized, typeof(CqlUnauthorizedException))]
    [InlineData(CqlErrorCode.Invalid, typeof(CqlInvalidQueryException))]
    [InlineData(CqlErrorCode.ConfigError, typeof(CqlConfigException))]
    public void Errors_without_details_map_to_their_own_type(CqlErrorCode code, Type expected)
    {
        var error = Parse(code, "message", _ => { });
        Assert.IsType(expected, error);
        Assert.Equal(code, ((CqlServerException)error).Code);
        Assert.Equal("message", error.Message);
    }

    [Fact]
    public void Unprepared_already_exists_unavailable_and_function_failure_carry_their_details()
    {
        var unprepared = Assert.IsType<CqlUnpreparedException>(Parse(CqlErrorCode.Unprepared, "u", w => w.WriteShortBytes(new byte[] { 1, 2, 3 })));
        Assert.Equal(new byte[] { 1, 2, 3 }, unprepared.PreparedId);

        var exists = Assert.IsType<CqlAlreadyExistsException>(Parse(CqlErrorCode.AlreadyExists, "e", w =>
        {
            w.WriteString("ks");
            w.WriteString("tb");
        }));
        Assert.Equal(("ks", "tb"), (exists.Keyspace, exists.Table));

        var unavailable = Assert.IsType<CqlUnavailableException>(Parse(CqlErrorCode.Unavailable, "n", w =>
        {
            w.WriteUShort((ushort)CqlConsistency.EachQuorum);
            w.WriteInt(3);
            w.WriteInt(1);
        }));
        Assert.Equal((CqlConsistency.EachQuorum, 3, 1), (unavailable.Consistency, unavailable.Required, unavailable.Alive));

        var function = Assert.IsType<CqlFunctionFailureException>(Parse(CqlErrorCode.FunctionFailure, "f", w =>
        {
            w.WriteString("ks");
            w.WriteString("fn");
            w.WriteStringList(["int", "text"]);
        }, version: 4));
        Assert.Equal(["int", "text"], function.ArgumentTypes);
    }

    private static CqlException Parse(CqlErrorCode code, string message, Action<FrameWriter> details, int version = 3)
    {
        using var writer = new FrameWriter(version, Opcode.Error);
        writer.WriteInt((int)code);
        writer.WriteString(message);
        details(writer);
        var body = writer.Written[Frame.HeaderLength..].ToArray();
        return ErrorParser.Parse(new FrameReader(body, version));
    }
}
