namespace ControlPlane.Cql.Protocol;

/// <summary>Turns an ERROR response body into the typed exception of its code, with its details.</summary>
internal static class ErrorParser
{
    public static CqlException Parse(FrameReader reader)
    {
        var code = (CqlErrorCode)reader.ReadInt();
        var message = reader.ReadString();
        switch (code)
        {
            case CqlErrorCode.Unavailable:
                {
                    var cl = reader.ReadConsistency();
                    var required = reader.ReadInt();
                    var alive = reader.ReadInt();
                    return new CqlUnavailableException(
                        $"{message} (consistency {cl.ToCqlName()}: {required} replica(s) required, {alive} alive)", cl, required, alive);
                }
            case CqlErrorCode.WriteTimeout:
                {
                    var cl = reader.ReadConsistency();
                    var received = reader.ReadInt();
                    var blockFor = reader.ReadInt();
                    var writeType = ParseWriteType(reader.ReadString());
                    if (writeType == CqlWriteType.Cas)
                    {
                        return new CqlLwtOutcomeUnknownException(
                            $"Outcome unknown: the lightweight transaction timed out in Paxos at {cl.ToCqlName()} " +
                            $"({received} of {blockFor} acknowledgements); it may or may not have been applied. Server: {message}",
                            cl, received, blockFor);
                    }
                    return new CqlWriteTimeoutException(
                        $"{message} (consistency {cl.ToCqlName()}, write type {writeType}: {received} of {blockFor} acknowledgements)",
                        cl, received, blockFor, writeType);
                }
            case CqlErrorCode.ReadTimeout:
                {
                    var cl = reader.ReadConsistency();
                    var received = reader.ReadInt();
                    var blockFor = reader.ReadInt();
                    var dataPresent = reader.ReadByte() != 0;
                    return new CqlReadTimeoutException(
                        $"{message} (consistency {cl.ToCqlName()}: {received} of {blockFor} responses, data {(dataPresent ? "present" : "missing")})",
                        cl, received, blockFor, dataPresent);
                }
            case CqlErrorCode.ReadFailure:
                {
                    var cl = reader.ReadConsistency();
                    var received = reader.ReadInt();
                    var blockFor = reader.ReadInt();
                    var failures = reader.ReadInt();
                    var dataPresent = reader.ReadByte() != 0;
                    return new CqlReadFailureException(message, cl, received, blockFor, failures, dataPresent);
                }
            case CqlErrorCode.WriteFailure:
                {
                    var cl = reader.ReadConsistency();
                    var received = reader.ReadInt();
                    var blockFor = reader.ReadInt();
                    var failures = reader.ReadInt();
                    var writeType = ParseWriteType(reader.ReadString());
                    return new CqlWriteFailureException(message, cl, received, blockFor, failures, writeType);
                }
            case CqlErrorCode.FunctionFailure:
                return new CqlFunctionFailureException(message, reader.ReadString(), reader.ReadString(), reader.ReadStringList());
            case CqlErrorCode.AlreadyExists:
                return new CqlAlreadyExistsException(message, reader.ReadString(), reader.ReadString());
            case CqlErrorCode.Unprepared:
                return new CqlUnpreparedException(message, reader.ReadShortBytes());
            case CqlErrorCode.ServerError:
                return new CqlServerErrorException(message);
            case CqlErrorCode.ProtocolError:
                return new CqlProtocolErrorException(message);
            case CqlErrorCode.BadCredentials:
                return new CqlAuthenticationException(message);
            case CqlErrorCode.Overloaded:
                return new CqlOverloadedException(message);
            case CqlErrorCode.IsBootstrapping:
                return new CqlIsBootstrappingException(message);
            case CqlErrorCode.TruncateError:
                return new CqlTruncateException(message);
            case CqlErrorCode.SyntaxError:
                return new CqlSyntaxException(message);
            case CqlErrorCode.Unauthorized:
                return new CqlUnauthorizedException(message);
            case CqlErrorCode.Invalid:
                return new CqlInvalidQueryException(message);
            case CqlErrorCode.ConfigError:
                return new CqlConfigException(message);
            default:
                return new CqlServerException(code, $"{message} (error code 0x{(int)code:X4})");
        }
    }

    public static CqlWriteType ParseWriteType(string name) => name switch
    {
        "SIMPLE" => CqlWriteType.Simple,
        "BATCH" => CqlWriteType.Batch,
        "UNLOGGED_BATCH" => CqlWriteType.UnloggedBatch,
        "COUNTER" => CqlWriteType.Counter,
        "BATCH_LOG" => CqlWriteType.BatchLog,
        "CAS" => CqlWriteType.Cas,
        "VIEW" => CqlWriteType.View,
        "CDC" => CqlWriteType.Cdc,
        _ => CqlWriteType.Unknown,
    };
}
