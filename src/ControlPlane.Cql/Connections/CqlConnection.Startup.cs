using ControlPlane.Cql.Protocol;

namespace ControlPlane.Cql.Connections;

internal sealed partial class CqlConnection
{
    private async Task StartupAsync(ConnectionSettings settings, CancellationToken cancellationToken)
    {
        var infinite = Timeout.InfiniteTimeSpan;
        var response = await SendAsync(Opcode.Startup, Requests.Startup, infinite, cancellationToken);
        if (response.Version != Version)
        {
            // Old servers answer a version they do not know in their own version.
            throw new CqlProtocolVersionRefusedException(Version, response.Version);
        }
        switch (response.Opcode)
        {
            case Opcode.Ready:
                break;
            case Opcode.Authenticate:
                var authenticator = response.OpenBody(out _).ReadString();
                await AuthenticateAsync(authenticator, settings.Credentials, cancellationToken);
                break;
            case Opcode.Error:
                var error = ErrorParser.Parse(response.OpenBody(out _));
                if (error is CqlProtocolErrorException && error.Message.Contains("version", StringComparison.OrdinalIgnoreCase))
                {
                    throw new CqlProtocolVersionRefusedException(Version, null, error);
                }
                throw error;
            default:
                throw new CqlProtocolViolationException($"Unexpected {response.Opcode} in answer to STARTUP.");
        }
        if (!string.IsNullOrEmpty(settings.Keyspace))
        {
            var use = await SendAsync(
                Opcode.Query,
                w => Requests.Query(w, $"USE \"{settings.Keyspace.Replace("\"", "\"\"", StringComparison.Ordinal)}\"",
                    new QueryParameters(CqlConsistency.One, null, null, false, 0, null, null, null)),
                infinite,
                cancellationToken);
            if (use.Opcode == Opcode.Error)
            {
                throw ErrorParser.Parse(use.OpenBody(out _));
            }
        }
    }

    private async Task AuthenticateAsync(string authenticator, CqlCredentials? credentials, CancellationToken cancellationToken)
    {
        if (credentials is null)
        {
            throw new CqlAuthenticationException(
                $"{EndPoint} requires authentication ({authenticator}) but no credentials are configured.");
        }
        var token = credentials.InitialResponse();
        var response = await SendAsync(Opcode.AuthResponse, w => Requests.AuthResponse(w, token), Timeout.InfiniteTimeSpan, cancellationToken);
        switch (response.Opcode)
        {
            case Opcode.AuthSuccess:
                return;
            case Opcode.Error:
                throw ErrorParser.Parse(response.OpenBody(out _));
            case Opcode.AuthChallenge:
                throw new CqlAuthenticationException(
                    $"{EndPoint} sent a SASL challenge; only plain user/password authentication is supported ({authenticator}).");
            default:
                throw new CqlProtocolViolationException($"Unexpected {response.Opcode} during authentication.");
        }
    }
}
