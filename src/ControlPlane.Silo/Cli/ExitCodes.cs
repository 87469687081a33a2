namespace ControlPlane.Silo.Cli;

/// <summary>The exit codes of every <c>controlplane</c> command, for scripts (docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>The command ran and failed: invalid file, server error, connection refused.</summary>
    public const int Failed = 1;

    /// <summary>Bad command line (unknown command or option, bad value) or a request the API rejected as invalid (400).</summary>
    public const int Usage = 2;

    /// <summary>The API has no such thing (404).</summary>
    public const int NotFound = 3;

    /// <summary>The API refused the change (409), for example over a disruption budget.</summary>
    public const int Refused = 4;

    /// <summary>No key, an unknown or revoked key (401), or a key whose role is too low (403).</summary>
    public const int Auth = 5;

    /// <summary>A <c>--wait</c> ran out of time before the state was reached.</summary>
    public const int Timeout = 6;

    /// <summary>The exit code for an HTTP status the API answered with.</summary>
    public static int ForStatus(int status) => status switch
    {
        >= 200 and < 300 => Ok,
        400 => Usage,
        401 or 403 => Auth,
        404 => NotFound,
        409 => Refused,
        _ => Failed,
    };
}
