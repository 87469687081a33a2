using System.Net;

namespace ControlPlane.Probing.Http;

/// <summary>Everything that decides how a connection to a target is set up; checks sharing a route may share connections.</summary>
/// <param name="ServerName">TLS server name (SNI and name validation); null for plain HTTP.</param>
internal readonly record struct ConnectionRoute(
    IPAddress Address,
    int Port,
    bool Tls,
    string? ServerName,
    bool ValidateCertificate,
    TimeSpan ConnectTimeout);
